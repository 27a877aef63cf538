using System.Collections.Concurrent;
using AgentFlow.Tests.TestSupport;

namespace AgentFlow.Tests.Flows;

/// <summary>Maps: item order, degree of parallelism, item paths, fail-fast and settle-all, empty and null lists.</summary>
public sealed class MapTests
{
    [Test]
    public async Task Map_ReturnsResultsInItemOrder_EvenWhenItemsFinishOutOfOrder()
    {
        var (arrive, allStarted) = Signal.Countdown(3);
        var gates = new[] { Signal.Create(), Signal.Create(), Signal.Create() };
        var done = new[] { Signal.Create(), Signal.Create(), Signal.Create() };
        var finished = new ConcurrentQueue<int>();
        var item = FlowTask.Create("item", async (int i, CancellationToken ct) =>
        {
            arrive();
            await gates[i].Task.WaitAsync(ct);
            finished.Enqueue(i);
            done[i].SetResult();
            return i * 10;
        });

        var running = Flow.Map("m", item, maxDegreeOfParallelism: 3).RunAsync([0, 1, 2]);
        await allStarted.WaitAsync(Signal.Timeout);
        foreach (var i in new[] { 2, 1, 0 })
        {
            gates[i].SetResult();
            await done[i].Task.WaitAsync(Signal.Timeout);
        }

        var result = await running.WaitAsync(Signal.Timeout);

        Assert.That(finished, Is.EqualTo(new[] { 2, 1, 0 }));
        Assert.That(result.Output, Is.EqualTo(new[] { 0, 10, 20 }));
    }

    [Test]
    public async Task Map_RunsAtMostMaxDegreeOfParallelismItemsAtOnce()
    {
        var probe = new ConcurrencyProbe();
        var release = new SemaphoreSlim(0);
        var (arrive, threeInside) = Signal.Countdown(3);
        var item = FlowTask.Create("item", async (int i, CancellationToken ct) =>
        {
            probe.Enter();
            try
            {
                arrive();
                await release.WaitAsync(ct);
                return i * 2;
            }
            finally
            {
                probe.Exit();
            }
        });

        var running = Flow.Map("m", item, maxDegreeOfParallelism: 3).RunAsync(Enumerable.Range(0, 10).ToArray());
        await threeInside.WaitAsync(Signal.Timeout);

        Assert.That(probe.Entered, Is.EqualTo(3), "no fourth item may start while three are running");
        release.Release(10);
        var result = await running.WaitAsync(Signal.Timeout);
        Assert.That(probe.Max, Is.EqualTo(3));
        Assert.That(probe.Entered, Is.EqualTo(10));
        Assert.That(result.Output, Is.EqualTo(Enumerable.Range(0, 10).Select(i => i * 2)));
    }

    [Test]
    public async Task Map_WithDegreeOfParallelismOne_RunsItemsOneAtATime()
    {
        var probe = new ConcurrencyProbe();
        var item = FlowTask.Create("item", async (int i, CancellationToken ct) =>
        {
            probe.Enter();
            await Task.Yield();
            probe.Exit();
            return i;
        });

        var result = await Flow.Map("m", item, maxDegreeOfParallelism: 1).RunAsync([1, 2, 3, 4]).WaitAsync(Signal.Timeout);

        Assert.That(probe.Max, Is.EqualTo(1));
        Assert.That(result.Output, Is.EqualTo(new[] { 1, 2, 3, 4 }));
    }

    [Test]
    public async Task Map_WithMoreParallelismThanItems_RunsAllItemsAtTheSameTime()
    {
        var (arrive, allArrived) = Signal.Countdown(3);
        var item = FlowTask.Create("item", async (int i, CancellationToken ct) =>
        {
            arrive();
            await allArrived.WaitAsync(Signal.Timeout, ct);
            return i;
        });

        var result = await Flow.Map("m", item, maxDegreeOfParallelism: 8).RunAsync([5, 6, 7]).WaitAsync(Signal.Timeout);

        Assert.That(result.Output, Is.EqualTo(new[] { 5, 6, 7 }));
    }

    [Test]
    public async Task Map_Items_RunAtIndexedPathsUnderTheMap()
    {
        var flow = Flow.Define<IReadOnlyList<string>>("f").Then(Flow.Map("m", FlowTask.Create("item", (string s) => s.Length), 1)).Build();

        var result = await flow.RunAsync(["a", "bb"]);

        Assert.That(result.Output, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(result.Record.Nodes.Select(n => (n.Path, n.DefinitionPath, n.Kind)), Is.EqualTo(new[]
        {
            ("f", "f", NodeKind.Flow),
            ("f/m", "f/m", NodeKind.Map),
            ("f/m#0/item", "f/m/item", NodeKind.Code),
            ("f/m#1/item", "f/m/item", NodeKind.Code),
        }));
        Assert.That(result.Record.NodesAt("f/m/item"), Has.Count.EqualTo(2));
    }

    [Test]
    public void FailFast_StopsPickingNewItemsAfterTheFirstFailure()
    {
        var boom = new InvalidOperationException("item 1");
        var ran = new ConcurrentQueue<int>();
        var item = FlowTask.Create("item", (int i) =>
        {
            ran.Enqueue(i);
            return i == 1 ? throw boom : i;
        });

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => Flow.Map("m", item, 1).RunAsync([0, 1, 2, 3, 4]).WaitAsync(Signal.Timeout));

        Assert.That(ex.NodePath, Is.EqualTo("m#1/item"));
        Assert.That(ex.InnerException, Is.SameAs(boom));
        Assert.That(ran, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(
            ex.Record!.NodesAt("m/item").Select(n => (n.Path, n.Status)),
            Is.EqualTo(new[]
            {
                ("m#0/item", NodeStatus.Succeeded),
                ("m#1/item", NodeStatus.Failed),
                ("m#2/item", NodeStatus.Cancelled),
                ("m#3/item", NodeStatus.Cancelled),
                ("m#4/item", NodeStatus.Cancelled),
            }),
            "items never started are finished as cancelled, not left pending");
    }

    [Test]
    public void FailFast_CancelsItemsStillRunning()
    {
        var ran = new ConcurrentQueue<int>();
        var firstWaiting = Signal.Create();
        var firstCancelled = false;
        var item = FlowTask.Create("item", async Task<int> (int i, CancellationToken ct) =>
        {
            ran.Enqueue(i);
            if (i == 0)
            {
                firstWaiting.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    firstCancelled = true;
                    throw;
                }
            }

            await firstWaiting.Task.WaitAsync(Signal.Timeout, ct);
            throw new InvalidOperationException($"item {i}");
        });

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => Flow.Map("m", item, 2).RunAsync([0, 1, 2, 3]).WaitAsync(Signal.Timeout));

        Assert.That(ex.NodePath, Is.EqualTo("m#1/item"));
        Assert.That(firstCancelled, Is.True);
        Assert.That(ran, Is.EquivalentTo(new[] { 0, 1 }));
        Assert.That(ex.Record!.NodesAt("m#0/item").Single().Status, Is.EqualTo(NodeStatus.Cancelled));
        Assert.That(ex.Record.NodesAt("m#1/item").Single().Status, Is.EqualTo(NodeStatus.Failed));
    }

    [Test]
    public void SettleAll_RunsEveryItem_AndListsEveryFailureInItemOrder()
    {
        var ran = new ConcurrentQueue<int>();
        var item = FlowTask.Create("item", async (int i, CancellationToken ct) =>
        {
            ran.Enqueue(i);
            await Task.Yield();
            return i % 2 == 1 ? throw new InvalidOperationException($"odd {i}") : i;
        });
        var flow = Flow.Define<IReadOnlyList<int>>("f").Then(Flow.Map("m", item, 2, ParallelFailureMode.SettleAll)).Build();

        var ex = Assert.ThrowsAsync<ParallelBranchesException>(() => flow.RunAsync([0, 1, 2, 3, 4]).WaitAsync(Signal.Timeout));

        Assert.That(ran, Is.EquivalentTo(new[] { 0, 1, 2, 3, 4 }));
        Assert.That(ex.NodePath, Is.EqualTo("f/m"));
        Assert.That(ex.Failures.Select(f => f.NodePath), Is.EqualTo(new[] { "f/m#1/item", "f/m#3/item" }));
        Assert.That(ex.Failures.Select(f => f.InnerException!.Message), Is.EqualTo(new[] { "odd 1", "odd 3" }));
        Assert.That(ex.Record!.Errors.Select(e => e.Path), Is.EquivalentTo(new[] { "f/m#1/item", "f/m#3/item" }));
        Assert.That(ex.Record.NodesAt("f/m/item").Count(n => n.Status == NodeStatus.Succeeded), Is.EqualTo(3));
    }

    [Test]
    public async Task Map_OfAnEmptyList_ReturnsAnEmptyListWithoutRunningTheItemTask()
    {
        var calls = 0;
        var map = Flow.Map("m", FlowTask.Create("item", (int i) => ++calls), 4);

        var result = await map.RunAsync([]);

        Assert.That(result.Output, Is.Empty);
        Assert.That(calls, Is.Zero);
        Assert.That(result.Record.Nodes.Select(n => n.Path), Is.EqualTo(new[] { "m" }));
    }

    [Test]
    public void Map_OfANullList_FailsWithATypedErrorSuggestingAnEmptyList()
    {
        var flow = Flow.Define<IReadOnlyList<int>>("f").Then(Flow.Map("m", FlowTask.Create("item", (int i) => i), 2)).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => flow.RunAsync(null!));

        Assert.That(ex.NodePath, Is.EqualTo("f/m"));
        Assert.That(ex.InnerException, Is.TypeOf<ArgumentNullException>());
        Assert.That(ex.Message, Does.Contain("null list").And.Contain("empty list"));
        Assert.That(ex.Record!.Status, Is.EqualTo(RunStatus.Failed));
    }

    [Test]
    public void Map_OverAListWhoseIndexerThrows_FailsWithFlowTaskExceptionAtTheMapPath()
    {
        var flow = Flow.Define<IReadOnlyList<int>>("f").Then(Flow.Map("m", FlowTask.Create("item", (int i) => i), 2)).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => flow.RunAsync(new BrokenList(count: 3)));

        Assert.That(ex!.NodePath, Is.EqualTo("f/m"));
        Assert.That(ex.InnerException, Is.TypeOf<InvalidDataException>());
        Assert.That(ex.Record!.Status, Is.EqualTo(RunStatus.Failed));
    }

    [Test]
    public void Map_RunAloneOverAListWhoseCountThrows_FailsWithFlowTaskExceptionNamingTheRoot()
    {
        var map = Flow.Map("m", FlowTask.Create("item", (int i) => i), 2);

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => map.RunAsync(new BrokenList(count: -1)));

        Assert.That(ex!.NodePath, Is.EqualTo("m"));
        Assert.That(ex.InnerException, Is.TypeOf<InvalidDataException>());
        Assert.That(ex.Record!.Errors.Single().Exception, Is.TypeOf<InvalidDataException>());
    }

    [Test]
    public void Map_WithNullItemTask_ThrowsArgumentNullException()
    {
        Assert.That(() => Flow.Map<int, int>("m", null!, 1), Throws.ArgumentNullException);
    }

    /// <summary>A list that fails when read: a negative count makes Count throw, otherwise the indexer does.</summary>
    private sealed class BrokenList(int count) : IReadOnlyList<int>
    {
        public int Count => count >= 0 ? count : throw new InvalidDataException("count unavailable");

        public int this[int index] => throw new InvalidDataException($"item {index} unavailable");

        public IEnumerator<int> GetEnumerator() => throw new InvalidDataException("not enumerable");

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
