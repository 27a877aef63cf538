namespace AgentFlow.Tests.Runs;

/// <summary>Node outputs kept in the run record when asked for, so every sub-task's result can be checked.</summary>
public sealed class NodeOutputTests
{
    private static Flow<int, string> Pipeline() => Flow.Define<int>("calc")
        .Then("double", (int x) => x * 2)
        .Then("pair", (int x) => (IReadOnlyList<int>)[x, x + 1])
        .Then(Flow.Map("each", FlowTask.Create("square", (int x) => x * x), maxDegreeOfParallelism: 2))
        .Then("sum", (IReadOnlyList<int> xs) => xs.Sum())
        .Then("show", async (int x, CancellationToken ct) =>
        {
            await Task.Yield();
            return $"= {x}";
        })
        .Build();

    [Test]
    public async Task WithRecordOutputs_EveryNodeKeepsWhatItReturned_AtItsPath()
    {
        var result = await Pipeline().RunAsync(3, new RunOptions { RecordOutputs = true });

        Assert.That(result.Output, Is.EqualTo("= 85"));
        Assert.That(result.Record.NodesAt("calc/double").Single().Output, Is.EqualTo(6));
        Assert.That(result.Record.NodesAt("calc/each#1/square").Single().Output, Is.EqualTo(49));
        Assert.That(result.Record.NodesAt("calc/each").Single().Output, Is.EqualTo(new[] { 36, 49 }));
        Assert.That(result.Record.NodesAt("calc/show").Single().Output, Is.EqualTo("= 85"), "a node that awaited");
        Assert.That(result.Record.NodesAt("calc").Single().Output, Is.EqualTo("= 85"), "the flow itself");
    }

    [Test]
    public async Task ByDefault_NoOutputIsKept()
    {
        var result = await Pipeline().RunAsync(3);

        Assert.That(result.Record.Nodes.Select(n => n.Output), Is.All.Null);
    }

    [Test]
    public void AFailedNode_HasNoOutput_WhileTheNodesBeforeItKeepTheirs()
    {
        var flow = Flow.Define<int>("calc")
            .Then("double", (int x) => x * 2)
            .Then("boom", (int x) => x > 0 ? throw new InvalidOperationException("no") : x)
            .Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await flow.RunAsync(1, new RunOptions { RecordOutputs = true }));

        Assert.That(ex!.Record!.NodesAt("calc/double").Single().Output, Is.EqualTo(2));
        Assert.That(ex.Record.NodesAt("calc/boom").Single().Output, Is.Null);
    }

    [Test]
    public async Task StreamedNodeEndedEvents_CarryTheOutputToo()
    {
        var outputs = new List<object?>();
        await foreach (var e in Pipeline().StreamAsync(3, new RunOptions { RecordOutputs = true }))
        {
            if (e is NodeEndedEvent ended && ended.Node.Path == "calc/sum")
            {
                outputs.Add(ended.Node.Output);
            }
        }

        Assert.That(outputs, Is.EqualTo(new object?[] { 85 }));
    }

    [Test]
    public async Task WithoutRecordNodes_RecordOutputsKeepsNothing()
    {
        var result = await Pipeline().RunAsync(3, new RunOptions { RecordOutputs = true, RecordNodes = false });

        Assert.That(result.Record.Nodes, Is.Empty);
    }

    [Test]
    public async Task RecordingTheOutputOfANodeThatCompletedOnAnotherThread_ReadsItsTaskOnce()
    {
        // A node's work may finish on another thread (a parallel branch) before the node checks it: the task it returned
        // is then already complete, and may be a pooled one that can be read only once. Recording the output must read
        // it once and hand the value on, not the task.
        var flow = Flow.Define<int>("f").Then(new ReadOnceTask()).Then("next", (int x) => x + 1).Build();

        var result = await flow.RunAsync(1, new RunOptions { RecordOutputs = true });

        Assert.That(result.Output, Is.EqualTo(43));
        Assert.That(result.Record.NodesAt("f/once").Single().Output, Is.EqualTo(42));
    }

    /// <summary>A task whose work is already complete when it returns, behind a task that can be read only once.</summary>
    private sealed class ReadOnceTask() : FlowTask<int, int>("once", NodeKind.Code)
    {
        internal override NodeDescription DescribeCore(string path) => NodeDescription.Leaf(this, path, typeof(int), typeof(int));

        private protected override ValueTask<int> ExecuteCoreAsync(int input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
            => new(new ReadOnce(42), 0);
    }

    private sealed class ReadOnce(int value) : System.Threading.Tasks.Sources.IValueTaskSource<int>
    {
        private int _reads;

        public int GetResult(short token)
            => Interlocked.Increment(ref _reads) == 1 ? value : throw new InvalidOperationException("The task was read twice.");

        public System.Threading.Tasks.Sources.ValueTaskSourceStatus GetStatus(short token) => System.Threading.Tasks.Sources.ValueTaskSourceStatus.Succeeded;

        public void OnCompleted(Action<object?> continuation, object? state, short token, System.Threading.Tasks.Sources.ValueTaskSourceOnCompletedFlags flags)
            => continuation(state);
    }
}
