namespace AgentFlow.Tests.Flows;

/// <summary>Parallels and maps run their units concurrently even when the units' code is synchronous.</summary>
public sealed class ConcurrencyTests
{
    [Test]
    public async Task Parallel_OfTwoSynchronousBranches_RunsThemAtTheSameTime()
    {
        // Each branch blocks until the other has started: run one after the other, the first would wait forever.
        using var a = new ManualResetEventSlim();
        using var b = new ManualResetEventSlim();
        var parallel = Flow.Parallel(
            "p",
            FlowTask.Create("a", (int x) => Rendezvous(a, b) ? x : throw new TimeoutException("b never started")),
            FlowTask.Create("b", (int x) => Rendezvous(b, a) ? x : throw new TimeoutException("a never started")),
            (x, y) => x + y);

        var result = await parallel.RunAsync(1).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(result.Output, Is.EqualTo(2));
    }

    [Test]
    public async Task Map_OfSynchronousItems_RunsUpToItsDegreeOfParallelismAtOnce()
    {
        using var first = new ManualResetEventSlim();
        using var second = new ManualResetEventSlim();
        var item = FlowTask.Create("item", (int i) => i == 0
            ? (Rendezvous(first, second) ? i : throw new TimeoutException("item 1 never started"))
            : (Rendezvous(second, first) ? i : throw new TimeoutException("item 0 never started")));

        var result = await Flow.Map("m", item, maxDegreeOfParallelism: 2).RunAsync([0, 1]).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(result.Output, Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void FailFast_SiblingOfAFailingBranch_IsRecordedAsCancelledWhetherOrNotItHadStarted()
    {
        // Branches start concurrently, so the sibling may not have started when the first branch fails: either way it
        // must end up finished as cancelled, never pending and never completing.
        var completedB = false;
        var parallel = Flow.Parallel(
            "p",
            FlowTask.Create("a", (Func<int, int>)(_ => throw new InvalidOperationException("a failed"))),
            FlowTask.Create("b", async (int x, CancellationToken ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                completedB = true;
                return x;
            }),
            (x, y) => x + y);

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => parallel.RunAsync(1).WaitAsync(TestSupport.Signal.Timeout));

        Assert.That(ex!.NodePath, Is.EqualTo("p/a"));
        Assert.That(completedB, Is.False);
        Assert.That(ex.Record!.NodesAt("p/b").Single().Status, Is.EqualTo(NodeStatus.Cancelled));
    }

    private static bool Rendezvous(ManualResetEventSlim mine, ManualResetEventSlim theirs)
    {
        mine.Set();
        return theirs.Wait(TimeSpan.FromSeconds(5));
    }
}
