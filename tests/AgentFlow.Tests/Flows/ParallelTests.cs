using AgentFlow.Tests.TestSupport;

namespace AgentFlow.Tests.Flows;

/// <summary>Fixed parallel branches: typed joins, real overlap, fail-fast and settle-all.</summary>
public sealed class ParallelTests
{
    [Test]
    public async Task Parallel_WithTwoBranches_JoinsTheirTypedResults()
    {
        var parallel = Flow.Parallel(
            "lookup",
            FlowTask.Create("length", (string s) => s.Length),
            FlowTask.Create("upper", (string s) => s.ToUpperInvariant()),
            (length, upper) => $"{upper}({length})");

        var result = await parallel.RunAsync("abc");

        Assert.That(result.Output, Is.EqualTo("ABC(3)"));
        Assert.That(parallel.Kind, Is.EqualTo(NodeKind.Parallel));
    }

    [Test]
    public async Task Parallel_WithThreeBranches_JoinsTheirTypedResults()
    {
        var parallel = Flow.Parallel(
            "p",
            FlowTask.Create("count", (int[] xs) => xs.Length),
            FlowTask.Create("sum", (int[] xs) => (long)xs.Sum()),
            FlowTask.Create("any-negative", (int[] xs) => xs.Any(x => x < 0)),
            (count, sum, anyNegative) => (count, sum, anyNegative));

        var result = await parallel.RunAsync([1, -2, 3]);

        Assert.That(result.Output, Is.EqualTo((3, 2L, true)));
    }

    [Test]
    public async Task Parallel_WithFourBranches_JoinsTheirTypedResults()
    {
        var parallel = Flow.Parallel(
            "p",
            FlowTask.Create("int", (int x) => x),
            FlowTask.Create("text", (int x) => $"#{x}"),
            FlowTask.Create("half", async (int x, CancellationToken ct) =>
            {
                await Task.Yield();
                return x / 2.0;
            }),
            FlowTask.Create("even", (int x) => x % 2 == 0),
            (i, text, half, even) => $"{i}|{text}|{half}|{even}");

        var result = await parallel.RunAsync(5);

        Assert.That(result.Output, Is.EqualTo("5|#5|2.5|False"));
    }

    [Test]
    public async Task Parallel_OfAList_ReturnsResultsInBranchOrder_EvenWhenBranchesFinishInReverse()
    {
        var done = new[] { Signal.Create(), Signal.Create(), Signal.Create() };
        var finished = new List<string>();
        FlowTask<int, string> Branch(int index) => FlowTask.Create($"b{index}", async (int x, CancellationToken ct) =>
        {
            if (index < 2)
            {
                await done[index + 1].Task.WaitAsync(Signal.Timeout, ct);
            }

            lock (finished)
            {
                finished.Add($"b{index}");
            }

            done[index].SetResult();
            return $"{x}-{index}";
        });

        var result = await Flow.Parallel("all", [Branch(0), Branch(1), Branch(2)]).RunAsync(7).WaitAsync(Signal.Timeout);

        Assert.That(finished, Is.EqualTo(new[] { "b2", "b1", "b0" }));
        Assert.That(result.Output, Is.EqualTo(new[] { "7-0", "7-1", "7-2" }));
    }

    [Test]
    public async Task Parallel_Branches_RunAtTheSameTime()
    {
        var (arrive, allArrived) = Signal.Countdown(4);
        FlowTask<int, int> Branch(string name) => FlowTask.Create(name, async (int x, CancellationToken ct) =>
        {
            arrive();
            // Only opens once every branch has started: branches run one after another would time out here.
            await allArrived.WaitAsync(Signal.Timeout, ct);
            return x;
        });

        var result = await Flow.Parallel("p", [Branch("a"), Branch("b"), Branch("c"), Branch("d")]).RunAsync(1).WaitAsync(Signal.Timeout);

        Assert.That(result.Output, Is.EqualTo(new[] { 1, 1, 1, 1 }));
    }

    [Test]
    public async Task Parallel_Branches_GetTheSameInputAndRunAtPathsUnderTheParallel()
    {
        var flow = Flow.Define<int>("f")
            .Then(Flow.Parallel("p", FlowTask.Create("a", (int x) => x + 1), FlowTask.Create("b", (int x) => x * 10), (a, b) => a + b))
            .Build();

        var result = await flow.RunAsync(2);

        Assert.That(result.Output, Is.EqualTo(23));
        Assert.That(result.Record.Nodes.Select(n => n.Path), Is.EqualTo(new[] { "f", "f/p", "f/p/a", "f/p/b" }));
        Assert.That(result.Record.Nodes.Select(n => n.Status), Is.All.EqualTo(NodeStatus.Succeeded));
    }

    [Test]
    public void FailFast_FirstFailureIsThrownAsIs_AndTheSiblingIsCancelled()
    {
        var boom = new InvalidOperationException("boom");
        var slowStarted = Signal.Create();
        var slowCancelled = Signal.Create();
        var slow = FlowTask.Create("slow", async (int x, CancellationToken ct) =>
        {
            slowStarted.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                slowCancelled.SetResult();
                throw;
            }

            return x;
        });
        var fails = FlowTask.Create("fails", async Task<int> (int x, CancellationToken ct) =>
        {
            await slowStarted.Task.WaitAsync(Signal.Timeout, ct);
            throw boom;
        });
        var flow = Flow.Define<int>("f").Then(Flow.Parallel("p", slow, fails, (a, b) => a + b)).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => flow.RunAsync(1).WaitAsync(Signal.Timeout));

        Assert.That(ex.NodePath, Is.EqualTo("f/p/fails"));
        Assert.That(ex.InnerException, Is.SameAs(boom));
        Assert.That(slowCancelled.Task.IsCompleted, Is.True, "the sibling must observe cancellation before the parallel ends");
        var record = ex.Record!;
        Assert.That(record.NodesAt("f/p/slow").Single().Status, Is.EqualTo(NodeStatus.Cancelled));
        Assert.That(record.NodesAt("f/p/fails").Single().Status, Is.EqualTo(NodeStatus.Failed));
        Assert.That(record.NodesAt("f/p/fails").Single().Error, Is.SameAs(ex));
        Assert.That(record.NodesAt("f/p").Single().Status, Is.EqualTo(NodeStatus.Failed));
        Assert.That(record.Errors, Is.EqualTo(new[] { new NodeError("f/p/fails", boom) }));
    }

    [Test]
    public void FailFast_WhenASiblingFailsLater_ThrowsTheFirstFailure()
    {
        var first = new InvalidOperationException("first");
        var aWaiting = Signal.Create();
        var a = FlowTask.Create("a", async Task<int> (int x, CancellationToken ct) =>
        {
            aWaiting.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // A sibling that fails on its way out, after being cancelled: still not the first failure.
            }

            throw new InvalidOperationException("second");
        });
        var b = FlowTask.Create("b", async Task<int> (int x, CancellationToken ct) =>
        {
            await aWaiting.Task.WaitAsync(Signal.Timeout, ct);
            throw first;
        });

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => Flow.Parallel("p", a, b, (x, y) => x + y).RunAsync(1).WaitAsync(Signal.Timeout));

        Assert.That(ex.NodePath, Is.EqualTo("p/b"));
        Assert.That(ex.InnerException, Is.SameAs(first));
    }

    [Test]
    public void FailFast_BranchThrowingItsOwnCancellation_IsABranchFailure()
    {
        var own = new OperationCanceledException("the branch's own timeout");
        var parallel = Flow.Parallel("p", FlowTask.Create("ok", (int x) => x), FlowTask.Create("times-out", int (int _) => throw own), (a, b) => a + b);

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => parallel.RunAsync(1).WaitAsync(Signal.Timeout));

        Assert.That(ex.NodePath, Is.EqualTo("p/times-out"));
        Assert.That(ex.InnerException, Is.SameAs(own));
    }

    [Test]
    public void SettleAll_RunsEveryBranchToCompletion_AndListsEveryFailureInBranchOrder()
    {
        var errorA = new InvalidOperationException("a failed");
        var errorB = new FormatException("b failed");
        var release = Signal.Create();
        var cSawCancellation = true;
        var a = FlowTask.Create("a", async Task<int> (int x, CancellationToken ct) =>
        {
            // Fails after b has failed and c has run.
            await release.Task.WaitAsync(Signal.Timeout, ct);
            throw errorA;
        });
        var b = FlowTask.Create("b", int (int _) => throw errorB);
        var c = FlowTask.Create("c", async (int x, CancellationToken ct) =>
        {
            cSawCancellation = ct.IsCancellationRequested;
            await Task.Yield();
            release.SetResult();
            return x;
        });
        var parallel = Flow.Parallel("p", a, b, c, (x, y, z) => x + y + z, ParallelFailureMode.SettleAll);

        var ex = Assert.ThrowsAsync<ParallelBranchesException>(() => parallel.RunAsync(1).WaitAsync(Signal.Timeout));

        Assert.That(cSawCancellation, Is.False, "settle-all must not cancel siblings when a branch fails");
        Assert.That(ex.NodePath, Is.EqualTo("p"));
        Assert.That(ex.Failures.Select(f => f.NodePath), Is.EqualTo(new[] { "p/a", "p/b" }));
        Assert.That(ex.Failures.Select(f => f.InnerException), Is.EqualTo(new Exception[] { errorA, errorB }));
        Assert.That(ex.Message, Does.Contain("2 branch(es) of 'p' failed").And.Contain("'p/a'").And.Contain("'p/b'"));
        var record = ex.Record!;
        Assert.That(record.NodesAt("p/c").Single().Status, Is.EqualTo(NodeStatus.Succeeded));
        Assert.That(record.NodesAt("p/a").Single().Status, Is.EqualTo(NodeStatus.Failed));
        Assert.That(record.NodesAt("p/b").Single().Status, Is.EqualTo(NodeStatus.Failed));
        Assert.That(record.Errors, Is.EquivalentTo(new[] { new NodeError("p/a", errorA), new NodeError("p/b", errorB) }));
    }

    [Test]
    public async Task SettleAll_WithNoFailure_JoinsLikeFailFast()
    {
        var parallel = Flow.Parallel(
            "p", FlowTask.Create("a", (int x) => x + 1), FlowTask.Create("b", (int x) => x + 2), (a, b) => a * b, ParallelFailureMode.SettleAll);

        var result = await parallel.RunAsync(1);

        Assert.That(result.Output, Is.EqualTo(6));
    }

    [Test]
    public void Join_ThatThrows_FailsWithFlowTaskExceptionAtTheParallelsPath()
    {
        var boom = new DivideByZeroException();
        var flow = Flow.Define<int>("f")
            .Then(Flow.Parallel("p", FlowTask.Create("a", (int x) => x), FlowTask.Create("b", (int x) => x), int (_, _) => throw boom))
            .Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => flow.RunAsync(1));

        Assert.That(ex.NodePath, Is.EqualTo("f/p"));
        Assert.That(ex.InnerException, Is.SameAs(boom));
        Assert.That(ex.Record!.NodesAt("f/p/a").Single().Status, Is.EqualTo(NodeStatus.Succeeded));
        Assert.That(ex.Record.NodesAt("f/p").Single().Status, Is.EqualTo(NodeStatus.Failed));
    }

    [Test]
    public void Parallel_WithNullBranchOrJoin_ThrowsArgumentNullException()
    {
        var task = FlowTask.Create("a", (int x) => x);

        Assert.That(() => Flow.Parallel("p", task, null!, (int a, int b) => a + b), Throws.ArgumentNullException);
        Assert.That(() => Flow.Parallel("p", task, FlowTask.Create("b", (int x) => x), (Func<int, int, int>)null!), Throws.ArgumentNullException);
        Assert.That(() => Flow.Parallel<int, int>("p", null!), Throws.ArgumentNullException);
    }
}
