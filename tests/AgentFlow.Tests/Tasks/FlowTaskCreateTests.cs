using AgentFlow.Tests.TestSupport;

namespace AgentFlow.Tests.Tasks;

/// <summary>Every delegate shape accepted by <see cref="FlowTask.Create{TIn, TOut}(string, Func{TIn, TOut})"/> and its overloads.</summary>
public sealed class FlowTaskCreateTests
{
    [Test]
    public async Task Create_FromSyncFunction_ReturnsItsResult()
    {
        var task = FlowTask.Create("double", (int x) => x * 2);

        var result = await task.RunAsync(21);

        Assert.That(result.Output, Is.EqualTo(42));
        Assert.That(task.Name, Is.EqualTo("double"));
        Assert.That(task.Kind, Is.EqualTo(NodeKind.Code));
        Assert.That(task.ToString(), Is.EqualTo("Code 'double'"));
    }

    [Test]
    public async Task Create_FromSyncFunctionWithToken_GivesItTheRunsToken()
    {
        using var cts = new CancellationTokenSource();
        CancellationToken seen = default;
        var task = FlowTask.Create("peek", (string s, CancellationToken ct) =>
        {
            seen = ct;
            return s.Length;
        });

        var result = await task.RunAsync("four", cts.Token);
        await cts.CancelAsync();

        Assert.That(result.Output, Is.EqualTo(4));
        Assert.That(seen.IsCancellationRequested, Is.True, "the token the task got must follow the run's token");
    }

    [Test]
    public async Task Create_FromSyncFunctionWithContext_GivesItItsContextAndToken()
    {
        using var cts = new CancellationTokenSource();
        string? path = null;
        string? runId = null;
        CancellationToken seen = default;
        var task = FlowTask.Create("describe", (int x, FlowContext context, CancellationToken ct) =>
        {
            path = context.NodePath;
            runId = context.RunId;
            seen = ct;
            return $"{x}@{context.NodePath}";
        });

        var result = await task.RunAsync(7, new RunOptions { RunId = "run-1" }, cts.Token);
        await cts.CancelAsync();

        Assert.That(result.Output, Is.EqualTo("7@describe"));
        Assert.That(path, Is.EqualTo("describe"));
        Assert.That(runId, Is.EqualTo("run-1"));
        Assert.That(seen.IsCancellationRequested, Is.True);
    }

    [Test]
    public async Task Create_FromAsyncFunction_CompletesOnlyWhenItsTaskCompletes()
    {
        var gate = Signal.Create<int>();
        var task = FlowTask.Create("wait", async (int x) => x + await gate.Task);

        var running = task.RunAsync(1);
        Assert.That(running.IsCompleted, Is.False);

        gate.SetResult(41);
        var result = await running.WaitAsync(Signal.Timeout);

        Assert.That(result.Output, Is.EqualTo(42));
    }

    [Test]
    public async Task Create_FromAsyncFunctionWithToken_StopsWhenTheRunIsCancelled()
    {
        using var cts = new CancellationTokenSource();
        var started = Signal.Create();
        var task = FlowTask.Create("sleep", async (int x, CancellationToken ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return x;
        });

        var running = task.RunAsync(1, cts.Token);
        await started.Task.WaitAsync(Signal.Timeout);
        await cts.CancelAsync();

        Assert.That(async () => await running.WaitAsync(Signal.Timeout), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Create_FromAsyncFunctionWithContext_GivesItItsContextAfterAwaiting()
    {
        var gate = Signal.Create();
        var task = FlowTask.Create("late", async (string s, FlowContext context, CancellationToken ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return $"{s}@{context.NodePath}/{context.RunId}";
        });
        var flow = Flow.Define<string>("outer").Then(task).Build();

        var running = flow.RunAsync("x", new RunOptions { RunId = "r" });
        gate.SetResult();
        var result = await running.WaitAsync(Signal.Timeout);

        Assert.That(result.Output, Is.EqualTo("x@outer/late/r"));
    }

    [Test]
    public async Task Create_FromSyncFunction_RunsOncePerRun()
    {
        var calls = 0;
        var task = FlowTask.Create("count", (int x) => Interlocked.Increment(ref calls) + x);

        await task.RunAsync(0);
        var second = await task.RunAsync(100);

        Assert.That(calls, Is.EqualTo(2));
        Assert.That(second.Output, Is.EqualTo(102));
    }

    [Test]
    public void Create_WithNullDelegate_ThrowsArgumentNullException()
    {
        Assert.That(() => FlowTask.Create("x", (Func<int, int>)null!), Throws.ArgumentNullException);
        Assert.That(() => FlowTask.Create("x", (Func<int, CancellationToken, int>)null!), Throws.ArgumentNullException);
        Assert.That(() => FlowTask.Create("x", (Func<int, FlowContext, CancellationToken, int>)null!), Throws.ArgumentNullException);
        Assert.That(() => FlowTask.Create("x", (Func<int, Task<int>>)null!), Throws.ArgumentNullException);
        Assert.That(() => FlowTask.Create("x", (Func<int, CancellationToken, Task<int>>)null!), Throws.ArgumentNullException);
        Assert.That(() => FlowTask.Create("x", (Func<int, FlowContext, CancellationToken, Task<int>>)null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Create_WithNullName_ThrowsArgumentNullException()
    {
        Assert.That(() => FlowTask.Create(null!, (int x) => x), Throws.ArgumentNullException);
    }
}
