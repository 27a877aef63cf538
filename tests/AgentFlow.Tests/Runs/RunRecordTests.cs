using AgentFlow.Tests.TestSupport;

namespace AgentFlow.Tests.Runs;

/// <summary>The run record: status, timeline from the run's clock, errors with original exceptions, and what is recorded when.</summary>
public sealed class RunRecordTests
{
    private static readonly DateTimeOffset T0 = new(2030, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Test]
    public async Task Record_OfASuccessfulRun_HasItsIdNameAndStatus()
    {
        var flow = Flow.Define<int>("f").Then("a", x => x + 1).Build();

        var result = await flow.RunAsync(1, new RunOptions { RunId = "run-7" });

        var record = result.Record;
        Assert.That(record.RunId, Is.EqualTo("run-7"));
        Assert.That(record.FlowName, Is.EqualTo("f"));
        Assert.That(record.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(record.Error, Is.Null);
        Assert.That(record.Errors, Is.Empty);
    }

    [Test]
    public async Task Record_Nodes_HaveStartTimesAndDurationsFromTheRunsClock()
    {
        var clock = new ManualTimeProvider(T0);
        var flow = Flow.Define<int>("f")
            .Then("a", x =>
            {
                clock.Advance(TimeSpan.FromMilliseconds(10));
                return x;
            })
            .Then("b", x =>
            {
                clock.Advance(TimeSpan.FromMilliseconds(5));
                return x;
            })
            .Build();

        var result = await flow.RunAsync(1, new RunOptions { TimeProvider = clock });

        var record = result.Record;
        Assert.That(record.StartedAt, Is.EqualTo(T0));
        Assert.That(record.Duration, Is.EqualTo(TimeSpan.FromMilliseconds(15)));
        Assert.That(record.Nodes.Select(n => (n.Path, n.StartedAt, n.Duration, n.Status)), Is.EqualTo(new[]
        {
            ("f", T0, TimeSpan.FromMilliseconds(15), NodeStatus.Succeeded),
            ("f/a", T0, TimeSpan.FromMilliseconds(10), NodeStatus.Succeeded),
            ("f/b", T0.AddMilliseconds(10), TimeSpan.FromMilliseconds(5), NodeStatus.Succeeded),
        }));
        Assert.That(record.Nodes[2].EndedAt, Is.EqualTo(T0.AddMilliseconds(15)));
    }

    [Test]
    public async Task Record_Nodes_AreOrderedByStartNotByEnd()
    {
        // A container ends after its children, so end order would put it last.
        var inner = Flow.Define<int>("inner").Then("x", x => x).Build();
        var flow = Flow.Define<int>("outer").Then(inner).Then("y", x => x).Build();

        var result = await flow.RunAsync(1);

        Assert.That(result.Record.Nodes.Select(n => n.Path), Is.EqualTo(new[] { "outer", "outer/inner", "outer/inner/x", "outer/y" }));
    }

    [Test]
    public async Task Record_WithRecordNodesOff_HasNoNodesButKeepsRoutesAndLoops()
    {
        var route = Flow.Branch<int, int>("route").When("small", x => x < 10, FlowTask.Create("keep", (int x) => x)).Otherwise(FlowTask.Create("cut", (int _) => 0)).Build();
        var loop = Flow.Loop("grow", FlowTask.Create("double", (int x) => x * 2)).Until(x => x >= 8).MaxIterations(5).Build();
        var flow = Flow.Define<int>("f").Then(route).Then(loop).Build();

        var result = await flow.RunAsync(1, new RunOptions { RecordNodes = false });

        Assert.That(result.Output, Is.EqualTo(8));
        Assert.That(result.Record.Nodes, Is.Empty);
        Assert.That(result.Record.Routes.Select(r => (r.Path, r.Label, r.Source)), Is.EqualTo(new[] { ("f/route", "small", DecisionSource.Code) }));
        Assert.That(result.Record.Loops, Is.EqualTo(new[] { new LoopRecord("f/grow", 3, 5, LoopExit.Condition) }));
    }

    [Test]
    public void Record_WithRecordNodesOff_StillHoldsErrors()
    {
        var boom = new InvalidOperationException("x");
        var flow = Flow.Define<int>("f").Then("boom", int (int _) => throw boom).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => flow.RunAsync(1, new RunOptions { RecordNodes = false }));

        Assert.That(ex.Record!.Nodes, Is.Empty);
        Assert.That(ex.Record.Errors, Is.EqualTo(new[] { new NodeError("f/boom", boom) }));
    }

    [Test]
    public void FailedRun_ExceptionCarriesTheRecord_WithTheOriginalExceptionAtTheNodePath()
    {
        var clock = new ManualTimeProvider(T0);
        var boom = new InvalidOperationException("no invoice");
        var flow = Flow.Define<int>("f")
            .Then("ok", x => x)
            .Then("boom", int (int _) =>
            {
                clock.Advance(TimeSpan.FromMilliseconds(3));
                throw boom;
            })
            .Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => flow.RunAsync(1, new RunOptions { RunId = "r", TimeProvider = clock }));

        var record = ex.Record!;
        Assert.That(record, Is.Not.Null);
        Assert.That(record.RunId, Is.EqualTo("r"));
        Assert.That(record.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(record.Error, Is.SameAs(ex));
        Assert.That(record.Errors, Is.EqualTo(new[] { new NodeError("f/boom", boom) }));
        Assert.That(record.Duration, Is.EqualTo(TimeSpan.FromMilliseconds(3)));
        Assert.That(record.Nodes.Select(n => (n.Path, n.Status)), Is.EqualTo(new[]
        {
            ("f", NodeStatus.Failed),
            ("f/ok", NodeStatus.Succeeded),
            ("f/boom", NodeStatus.Failed),
        }));
        var failed = record.NodesAt("f/boom").Single();
        Assert.That(failed.Error, Is.SameAs(ex));
        Assert.That(failed.Duration, Is.EqualTo(TimeSpan.FromMilliseconds(3)));
    }

    [Test]
    public async Task NodesAt_ByDefinitionPath_ReturnsEveryIterationInStartOrder()
    {
        var flow = Flow.Define<int>("f").Then(Flow.Loop("loop", FlowTask.Create("body", (int x) => x + 1)).Until(x => x == 3).MaxIterations(5).Build()).Build();

        var result = await flow.RunAsync(0);

        Assert.That(result.Record.NodesAt("f/loop/body").Select(n => n.Path), Is.EqualTo(new[] { "f/loop#1/body", "f/loop#2/body", "f/loop#3/body" }));
        Assert.That(result.Record.NodesAt("f/loop#2/body"), Has.Count.EqualTo(1));
        Assert.That(result.Record.NodesAt("f/nothing"), Is.Empty);
    }

    [Test]
    public async Task FormatTimeline_ListsEveryNodeLoopAndError()
    {
        var flow = Flow.Define<int>("f").Then(Flow.Loop("loop", FlowTask.Create("body", (int x) => x + 1)).Until(x => x == 2).MaxIterations(5).Build()).Build();

        var result = await flow.RunAsync(0, new RunOptions { RunId = "r1" });
        var text = result.Record.FormatTimeline();

        Assert.That(text, Does.StartWith("Run r1 of 'f': Succeeded in "));
        Assert.That(text, Does.Contain("f/loop#2/body (Code) Succeeded"));
        Assert.That(text, Does.Contain("loop f/loop: 2 of at most 5 iteration(s), exit Condition"));
    }
}
