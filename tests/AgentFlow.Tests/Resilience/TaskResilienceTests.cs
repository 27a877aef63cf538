using System.Net;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AgentFlow.Tests.Resilience;

/// <summary>A whole task run through a Polly pipeline with <see cref="FlowTask{TIn, TOut}.WithResilience"/>.</summary>
public sealed class TaskResilienceTests
{
    private static ResiliencePipeline RetryOnHttp(int attempts = 3) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(), MaxRetryAttempts = attempts, Delay = TimeSpan.Zero })
        .Build();

    private static FlowTask<int, int> Flaky(int failures, Func<int> calls)
    {
        var count = 0;
        return FlowTask.Create("fetch", (int x) =>
        {
            if (Interlocked.Increment(ref count) <= failures)
            {
                throw new HttpRequestException("busy", null, HttpStatusCode.ServiceUnavailable);
            }

            return x + calls();
        });
    }

    [Test]
    public async Task ThePipelineSeesTheTasksOwnException_AndEachAttemptIsRecordedAtTheSamePath()
    {
        var task = Flaky(failures: 2, () => 1).WithResilience(RetryOnHttp());
        var flow = Flow.Define<int>("flow").Then(task).Build();

        var result = await flow.RunAsync(1);

        Assert.That(result.Output, Is.EqualTo(2));
        Assert.That(result.Record.NodesAt("flow/fetch").Select(n => n.Status), Is.EqualTo(new[] { NodeStatus.Failed, NodeStatus.Failed, NodeStatus.Succeeded }));
    }

    [Test]
    public void WhenThePipelineGivesUp_TheNodeFailsAsItWouldWithoutIt()
    {
        var task = Flaky(failures: 5, () => 1).WithResilience(RetryOnHttp(attempts: 2));
        var flow = Flow.Define<int>("flow").Then(task).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await flow.RunAsync(1));

        Assert.That(ex!.NodePath, Is.EqualTo("flow/fetch"));
        Assert.That(ex.InnerException, Is.InstanceOf<HttpRequestException>());
        Assert.That(ex.Record!.NodesAt("flow/fetch"), Has.Count.EqualTo(3));
    }

    [Test]
    public void FailuresThePipelineDoesNotHandle_AreNotRetried()
    {
        var calls = 0;
        var task = FlowTask.Create("parse", (string s) =>
        {
            calls++;
            return int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        }).WithResilience(RetryOnHttp());

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await task.RunAsync("not a number"));

        Assert.That(ex!.InnerException, Is.InstanceOf<FormatException>());
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public async Task ATimeoutOfThePipeline_FailsTheNodeWithItsPath()
    {
        var time = new FakeTimeProvider();
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(TimeSpan.FromSeconds(10)).Build();
        var started = false;
        var task = FlowTask.Create("slow", async (int x, CancellationToken ct) =>
        {
            started = true;
            await Task.Delay(TimeSpan.FromMinutes(10), time, ct);
            return x;
        }).WithResilience(pipeline);
        var run = task.RunAsync(1, new RunOptions { TimeProvider = time });

        await Eventually.True(() => started, "the task to start");
        time.Advance(TimeSpan.FromSeconds(10));

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await run);
        Assert.That(ex!.NodePath, Is.EqualTo("slow"));
        Assert.That(ex.InnerException, Is.InstanceOf<TimeoutRejectedException>());
        Assert.That(
            ex.Record!.NodesAt("slow").Select(n => n.Status),
            Is.EqualTo(new[] { NodeStatus.Cancelled, NodeStatus.Failed }),
            "the attempt the timeout cut, then the node failing with the pipeline's timeout");
        Assert.That(ex.Record.NodesAt("slow")[1].Error, Is.SameAs(ex));
    }

    [Test]
    public async Task CallerCancellation_IsNotWrapped()
    {
        var started = false;
        var task = FlowTask.Create("wait", async (int x, CancellationToken ct) =>
        {
            started = true;
            await Task.Delay(Timeout.Infinite, ct);
            return x;
        }).WithResilience(new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { Delay = TimeSpan.Zero }).Build());
        using var cts = new CancellationTokenSource();
        var run = task.RunAsync(1, cts.Token);

        await Eventually.True(() => started, "the task to start");
        await cts.CancelAsync();

        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task AFlowWithResilience_RetriesTheWholeSubFlow()
    {
        var attempts = 0;
        var inner = Flow.Define<int>("inner")
            .Then(FlowTask.Create("step", (int x) => Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("once") : x))
            .Build();
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<FlowTaskException>(), Delay = TimeSpan.Zero })
            .Build();

        var result = await Flow.Define<int>("outer").Then(inner.WithResilience(pipeline)).Build().RunAsync(5);

        Assert.That(result.Output, Is.EqualTo(5));
        Assert.That(result.Record.NodesAt("outer/inner/step").Select(n => n.Status), Is.EqualTo(new[] { NodeStatus.Failed, NodeStatus.Succeeded }));
    }

    [Test]
    public void Describe_SaysTheNodeRunsThroughAPipeline()
    {
        var flow = Flow.Define<int>("flow").Then(Flaky(0, () => 0).WithResilience(RetryOnHttp())).Build();

        var node = flow.Describe().Children.Single();

        Assert.That((node.Name, node.Kind, node.Path), Is.EqualTo(("fetch", NodeKind.Code, "flow/fetch")));
        Assert.That(node.Detail, Does.Contain("resilience pipeline"));
        Assert.That(flow.ToMermaid(), Does.Contain("fetch"));
    }

    [Test]
    public void WithResilience_RefusesANullPipeline()
        => Assert.Throws<ArgumentNullException>(() => Flaky(0, () => 0).WithResilience(null!));

    [Test]
    public void AnOpenCircuit_FailsTheNode_AndTheRecordSaysSo()
    {
        var pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new Polly.CircuitBreaker.CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(),
                MinimumThroughput = 2,
                FailureRatio = 0.5,
                BreakDuration = TimeSpan.FromMinutes(1),
            })
            .Build();
        var task = Flaky(failures: 100, () => 1).WithResilience(pipeline);
        Assert.ThrowsAsync<FlowTaskException>(async () => await task.RunAsync(1));
        Assert.ThrowsAsync<FlowTaskException>(async () => await task.RunAsync(1));

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await task.RunAsync(1));

        Assert.That(ex!.InnerException, Is.InstanceOf<Polly.CircuitBreaker.BrokenCircuitException>());
        Assert.That(ex.Record!.NodesAt("fetch").Single().Status, Is.EqualTo(NodeStatus.Failed), "no attempt ran, and the node still failed in the record");
    }
}
