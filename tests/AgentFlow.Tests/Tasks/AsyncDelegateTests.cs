namespace AgentFlow.Tests.Tasks;

/// <summary>Async delegates are awaited, never taken as outputs: a task-like output is refused when the task is built.</summary>
public sealed class AsyncDelegateTests
{
    [Test]
    public void Then_WithAnAsyncLambdaWithoutToken_AwaitsItSoItsFailureFailsTheRun()
    {
        var flow = Flow.Define<int>("f")
            .Then("fetch", async x =>
            {
                await Task.Yield();
                return x < 0 ? x : throw new HttpRequestException("503");
            })
            .Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => flow.RunAsync(1).WaitAsync(TestSupport.Signal.Timeout));

        Assert.That(ex!.NodePath, Is.EqualTo("f/fetch"));
        Assert.That(ex.InnerException, Is.TypeOf<HttpRequestException>());
    }

    [Test]
    public async Task Then_WithAnAsyncLambdaWithoutToken_OutputsTheAwaitedValue()
    {
        var flow = Flow.Define<int>("f").Then("double", async x =>
        {
            await Task.Yield();
            return x * 2;
        }).Build();

        var result = await flow.RunAsync(21).WaitAsync(TestSupport.Signal.Timeout);

        Assert.That(result.Output, Is.EqualTo(42));
    }

    [Test]
    public void Create_WithAFunctionReturningValueTask_IsRefusedWithTheFix()
    {
        var ex = Assert.Throws<FlowDefinitionException>(() => FlowTask.Create("b", (int x) => new ValueTask<int>(x)));

        Assert.That(ex!.NodePath, Is.EqualTo("b"));
        Assert.That(ex.Message, Does.Contain("ValueTask<int>").And.Contain("never awaited").And.Contain("await"));
    }

    [Test]
    public void Create_WithAnOutputThatIsAnAsyncStream_IsRefused()
    {
        Assert.That(() => FlowTask.Create("s", (int x) => AsyncEnumerable.Repeat(x, 2)), Throws.TypeOf<FlowDefinitionException>());
    }

    [Test]
    public async Task Create_WithAFunctionReturningTask_BindsToTheAsyncOverloadAndAwaitsIt()
    {
        var task = FlowTask.Create("t", (int x) => Task.FromResult(x + 1));

        var result = await task.RunAsync(1);

        Assert.That(result.Output, Is.EqualTo(2));
    }
}
