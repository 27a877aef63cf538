using System.Collections.Concurrent;
using AgentFlow.Tests.TestSupport;

namespace AgentFlow.Tests.Runs;

/// <summary>Cancelling a run: honoured everywhere, surfaced as an unwrapped <see cref="OperationCanceledException"/>.</summary>
public sealed class CancellationTests
{
    [Test]
    public async Task RunAsync_CancelledWhileATaskWaits_ThrowsUnwrappedAndLaterStepsNeverRun()
    {
        using var cts = new CancellationTokenSource();
        var waiting = Signal.Create();
        var later = 0;
        var flow = Flow.Define<int>("f")
            .Then("wait", async (x, ct) =>
            {
                waiting.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return x;
            })
            .Then("later", x => later += 1)
            .Build();

        var running = flow.RunAsync(1, cts.Token);
        await waiting.Task.WaitAsync(Signal.Timeout);
        await cts.CancelAsync();

        Assert.That(async () => await running.WaitAsync(Signal.Timeout), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(later, Is.Zero);
    }

    [Test]
    public async Task RunAsync_CancelledWhileATaskIgnoresTheToken_StopsBeforeTheNextStep()
    {
        using var cts = new CancellationTokenSource();
        var waiting = Signal.Create();
        var release = Signal.Create();
        var later = 0;
        var flow = Flow.Define<int>("f")
            .Then("stubborn", async (x, _) =>
            {
                waiting.SetResult();
                await release.Task;
                return x;
            })
            .Then("later", x => later += 1)
            .Build();

        var running = flow.RunAsync(1, cts.Token);
        await waiting.Task.WaitAsync(Signal.Timeout);
        await cts.CancelAsync();
        release.SetResult();

        Assert.That(async () => await running.WaitAsync(Signal.Timeout), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(later, Is.Zero);
    }

    [Test]
    public void RunAsync_WithAnAlreadyCancelledToken_RunsNothing()
    {
        var calls = 0;
        var flow = Flow.Define<int>("f").Then("a", x => calls += x).Then("b", x => calls += x).Build();

        Assert.That(async () => await flow.RunAsync(1, new CancellationToken(canceled: true)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(calls, Is.Zero);
    }

    [Test]
    public async Task SettleAllParallel_CancelledByTheRun_ThrowsOperationCanceledNotABranchFailure()
    {
        using var cts = new CancellationTokenSource();
        var (arrive, bothWaiting) = Signal.Countdown(2);
        var cancelled = new ConcurrentQueue<string>();
        FlowTask<int, int> Branch(string name) => FlowTask.Create(name, async (int x, CancellationToken ct) =>
        {
            arrive();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.Enqueue(name);
                throw;
            }

            return x;
        });
        var parallel = Flow.Parallel("p", Branch("a"), Branch("b"), (a, b) => a + b, ParallelFailureMode.SettleAll);

        var running = parallel.RunAsync(1, cts.Token);
        await bothWaiting.WaitAsync(Signal.Timeout);
        await cts.CancelAsync();

        Assert.That(async () => await running.WaitAsync(Signal.Timeout), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(cancelled, Is.EquivalentTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task Map_CancelledByTheRun_StartsNoMoreItems()
    {
        using var cts = new CancellationTokenSource();
        var firstWaiting = Signal.Create();
        var started = new ConcurrentQueue<int>();
        var item = FlowTask.Create("item", async (int i, CancellationToken ct) =>
        {
            started.Enqueue(i);
            firstWaiting.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return i;
        });

        var running = Flow.Map("m", item, 1).RunAsync([0, 1, 2], cts.Token);
        await firstWaiting.Task.WaitAsync(Signal.Timeout);
        await cts.CancelAsync();

        Assert.That(async () => await running.WaitAsync(Signal.Timeout), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(started, Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public async Task Loop_CancelledByTheRun_RunsNoFurtherIteration()
    {
        using var cts = new CancellationTokenSource();
        var iterations = 0;
        var body = FlowTask.Create("body", (int x) =>
        {
            if (++iterations == 2)
            {
                cts.Cancel();
            }

            return x;
        });
        var loop = Flow.Loop("loop", body).Until(_ => false).MaxIterations(10).OnCapReached(x => x).Build();

        Assert.That(async () => await loop.RunAsync(0, cts.Token).WaitAsync(Signal.Timeout), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(iterations, Is.EqualTo(2));
    }
}
