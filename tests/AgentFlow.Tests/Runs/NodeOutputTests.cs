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
}
