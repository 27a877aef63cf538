using AgentFlow.Tests.TestSupport;

namespace AgentFlow.Tests.Tasks;

/// <summary>How a task's failure surfaces: wrapped in a <see cref="FlowTaskException"/> at its path, except the run's own cancellation.</summary>
public sealed class TaskFailureTests
{
    [Test]
    public void Task_ThatThrows_FailsWithFlowTaskExceptionAtItsFullPath()
    {
        var boom = new InvalidOperationException("no invoice");
        var inner = Flow.Define<int>("inner").Then("ok", x => x).Then("boom", int (int _) => throw boom).Build();
        var outer = Flow.Define<int>("outer").Then(inner).Then("never", x => x).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => outer.RunAsync(1));

        Assert.That(ex.NodePath, Is.EqualTo("outer/inner/boom"));
        Assert.That(ex.InnerException, Is.SameAs(boom));
        Assert.That(ex.Message, Does.Contain("'outer/inner/boom'").And.Contain(nameof(InvalidOperationException)).And.Contain("no invoice"));
    }

    [Test]
    public void AsyncTask_ThatThrowsAfterAwaiting_FailsWithFlowTaskExceptionHoldingTheOriginal()
    {
        var boom = new FormatException("bad json");
        var task = FlowTask.Create("parse", async Task<int> (string s, CancellationToken ct) =>
        {
            await Task.Yield();
            throw boom;
        });

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => task.RunAsync("x"));

        Assert.That(ex.NodePath, Is.EqualTo("parse"));
        Assert.That(ex.InnerException, Is.SameAs(boom));
    }

    [Test]
    public void AsyncDelegate_ThatThrowsBeforeReturningItsTask_FailsWithFlowTaskException()
    {
        var boom = new ArgumentException("synchronous");
        var task = FlowTask.Create<int, int>("eager", Task<int> (int _) => throw boom);

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => task.RunAsync(1));

        Assert.That(ex.NodePath, Is.EqualTo("eager"));
        Assert.That(ex.InnerException, Is.SameAs(boom));
    }

    [Test]
    public void Task_ThrowingOperationCanceled_WhileRunIsNotCancelled_FailsAsATaskFailure()
    {
        var own = new OperationCanceledException("the task's own timeout");
        var flow = Flow.Define<int>("f").Then("timeout", int (int _) => throw own).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => flow.RunAsync(1));

        Assert.That(ex.NodePath, Is.EqualTo("f/timeout"));
        Assert.That(ex.InnerException, Is.SameAs(own));
        Assert.That(ex.Record!.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(ex.Record.NodesAt("f/timeout").Single().Status, Is.EqualTo(NodeStatus.Failed));
    }

    [Test]
    public void Task_CancelledByItsOwnTokenSource_WhileRunIsNotCancelled_FailsAsATaskFailure()
    {
        using var runCts = new CancellationTokenSource();
        var task = FlowTask.Create("own-cts", async (int x, CancellationToken ct) =>
        {
            using var own = new CancellationTokenSource();
            await own.CancelAsync();
            await Task.Delay(Timeout.Infinite, own.Token);
            return x;
        });

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => task.RunAsync(1, runCts.Token));

        Assert.That(ex.InnerException, Is.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Task_CancelledWithTheRun_ThrowsOperationCanceledUnwrapped()
    {
        using var cts = new CancellationTokenSource();
        var started = Signal.Create();
        var flow = Flow.Define<int>("f")
            .Then("wait", async (x, ct) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return x;
            })
            .Build();

        var running = flow.RunAsync(1, cts.Token);
        await started.Task.WaitAsync(Signal.Timeout);
        await cts.CancelAsync();

        Assert.That(
            async () => await running.WaitAsync(Signal.Timeout),
            Throws.InstanceOf<OperationCanceledException>().With.Property(nameof(OperationCanceledException.CancellationToken)).EqualTo(cts.Token));
    }

    [Test]
    public void Task_ThatRunsAnotherFlowWhichFails_FailsAtItsOwnPathAndLeavesTheOtherRunsRecordAlone()
    {
        var boom = new InvalidOperationException("inner broke");
        var other = Flow.Define<int>("other").Then("boom", int (int _) => throw boom).Build();
        var caller = Flow.Define<int>("caller")
            .Then("call-other", async (x, ct) => (await other.RunAsync(x, ct)).Output)
            .Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => caller.RunAsync(1, new RunOptions { RunId = "outer-run" }));

        Assert.That(ex.NodePath, Is.EqualTo("caller/call-other"));
        var otherError = ex.InnerException as FlowTaskException;
        Assert.That(otherError, Is.Not.Null);
        Assert.That(otherError!.NodePath, Is.EqualTo("other/boom"));
        Assert.That(otherError.Record!.FlowName, Is.EqualTo("other"), "the other run's record must not be replaced by the caller's");
        Assert.That(ex.Record!.RunId, Is.EqualTo("outer-run"));
    }
}
