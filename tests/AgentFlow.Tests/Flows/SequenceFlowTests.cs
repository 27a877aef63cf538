using AgentFlow.Tests.TestSupport;

namespace AgentFlow.Tests.Flows;

/// <summary>Sequences built with <c>Then</c>: order, typed hand-over, nesting, and sub-flows run alone.</summary>
public sealed class SequenceFlowTests
{
    [Test]
    public async Task Flow_RunsStepsInOrder_PassingEachOutputToTheNext()
    {
        var log = new List<string>();
        var flow = Flow.Define<string>("f")
            .Then("trim", s =>
            {
                log.Add($"trim:{s}");
                return s.Trim();
            })
            .Then("upper", s =>
            {
                log.Add($"upper:{s}");
                return s.ToUpperInvariant();
            })
            .Then("length", s =>
            {
                log.Add($"length:{s}");
                return s.Length;
            })
            .Build();

        var result = await flow.RunAsync("  abc ");

        Assert.That(result.Output, Is.EqualTo(3));
        Assert.That(log, Is.EqualTo(new[] { "trim:  abc ", "upper:abc", "length:ABC" }));
        Assert.That(flow.Kind, Is.EqualTo(NodeKind.Flow));
        Assert.That(flow.Steps.Select(s => s.Name), Is.EqualTo(new[] { "trim", "upper", "length" }));
    }

    [Test]
    public async Task Flow_WithAsyncStep_StartsTheNextStepOnlyAfterItCompletes()
    {
        var firstStarted = Signal.Create();
        var release = Signal.Create();
        var secondRan = false;
        var flow = Flow.Define<int>("f")
            .Then("slow", async (x, ct) =>
            {
                firstStarted.SetResult();
                await release.Task.WaitAsync(ct);
                return x + 1;
            })
            .Then("next", x =>
            {
                secondRan = true;
                return x * 10;
            })
            .Build();

        var running = flow.RunAsync(1);
        await firstStarted.Task.WaitAsync(Signal.Timeout);

        Assert.That(secondRan, Is.False);
        release.SetResult();
        var result = await running.WaitAsync(Signal.Timeout);
        Assert.That(result.Output, Is.EqualTo(20));
        Assert.That(secondRan, Is.True);
    }

    [Test]
    public async Task Flow_NestedInAFlow_RunsItsStepsAtNestedPaths()
    {
        var inner = Flow.Define<int>("inner").Then("step", x => x + 1).Then("again", x => x * 2).Build();
        var outer = Flow.Define<int>("outer").Then("first", x => x + 10).Then(inner).Then("last", x => -x).Build();

        var result = await outer.RunAsync(0);

        Assert.That(result.Output, Is.EqualTo(-22));
        Assert.That(result.Record.Nodes.Select(n => (n.Path, n.Kind)), Is.EqualTo(new[]
        {
            ("outer", NodeKind.Flow),
            ("outer/first", NodeKind.Code),
            ("outer/inner", NodeKind.Flow),
            ("outer/inner/step", NodeKind.Code),
            ("outer/inner/again", NodeKind.Code),
            ("outer/last", NodeKind.Code),
        }));
    }

    [Test]
    public async Task SubFlow_RunAlone_HasPathsRootedAtItsOwnName()
    {
        var inner = Flow.Define<int>("inner").Then("step", x => x + 1).Build();
        _ = Flow.Define<int>("outer").Then(inner).Build();

        var result = await inner.RunAsync(41);

        Assert.That(result.Output, Is.EqualTo(42));
        Assert.That(result.Record.FlowName, Is.EqualTo("inner"));
        Assert.That(result.Record.Nodes.Select(n => n.Path), Is.EqualTo(new[] { "inner", "inner/step" }));
    }

    [Test]
    public async Task Task_SharedByTwoFlows_RunsAtAPathInEach()
    {
        var shared = FlowTask.Create("shared", (int x) => x + 1);
        var a = Flow.Define<int>("a").Then(shared).Build();
        var b = Flow.Define<int>("b").Then("pre", x => x).Then(shared).Build();

        var ra = await a.RunAsync(1);
        var rb = await b.RunAsync(1);

        Assert.That(ra.Record.NodesAt("a/shared"), Has.Count.EqualTo(1));
        Assert.That(rb.Record.NodesAt("b/shared"), Has.Count.EqualTo(1));
        Assert.That(ra.Record.NodesAt("b/shared"), Is.Empty);
    }

    [Test]
    public void Flow_WhenAStepFails_DoesNotRunTheStepsAfterIt()
    {
        var after = 0;
        var flow = Flow.Define<int>("f")
            .Then("boom", int (int _) => throw new InvalidOperationException("x"))
            .Then("after", x => after += x)
            .Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => flow.RunAsync(1));

        Assert.That(after, Is.Zero);
        Assert.That(ex.Record!.NodesAt("f/after"), Is.Empty);
        Assert.That(ex.Record.NodesAt("f").Single().Status, Is.EqualTo(NodeStatus.Failed));
    }

    [Test]
    public async Task Flow_PassingNullAndNullableValuesBetweenSteps_KeepsThemAsTheyAre()
    {
        var flow = Flow.Define<string?>("f")
            .Then("keep-null", s => s)
            .Then("to-nullable-int", s => s is null ? (int?)null : s.Length)
            .Then("describe", n => n.HasValue ? $"length {n.Value}" : "no value")
            .Build();

        Assert.That((await flow.RunAsync(null)).Output, Is.EqualTo("no value"));
        Assert.That((await flow.RunAsync("abc")).Output, Is.EqualTo("length 3"));
    }

    [Test]
    public async Task Flow_MixingSyncAndAsyncSteps_RunsThemInOrderAcrossTheSwitchToAsync()
    {
        var order = new List<string>();
        var flow = Flow.Define<int>("f")
            .Then("sync1", x => { order.Add("sync1"); return x + 1; })
            .Then("async1", async (x, ct) => { await Task.Yield(); order.Add("async1"); return x * 10; })
            .Then("sync2", x => { order.Add("sync2"); return x + 2; })
            .Then("async2", async (x, ct) => { await Task.Delay(1, ct); order.Add("async2"); return x * 10; })
            .Then("sync3", x => { order.Add("sync3"); return x.ToString(System.Globalization.CultureInfo.InvariantCulture); })
            .Build();

        var result = await flow.RunAsync(1).WaitAsync(TestSupport.Signal.Timeout);

        Assert.That(result.Output, Is.EqualTo("220"));
        Assert.That(order, Is.EqualTo(new[] { "sync1", "async1", "sync2", "async2", "sync3" }));
        Assert.That(result.Record.Nodes.Select(n => n.Path), Is.EqualTo(new[] { "f", "f/sync1", "f/async1", "f/sync2", "f/async2", "f/sync3" }));
    }

    [Test]
    public async Task Flow_WithTenThousandSteps_RunsThemInALoopNotARecursion()
    {
        var builder = Flow.Define<int>("long").Then("s0", x => x + 1);
        for (var i = 1; i < 10_000; i++)
        {
            builder = builder.Then($"s{i}", x => x + 1);
        }

        var result = await builder.Build().RunAsync(0, new RunOptions { RecordNodes = false });

        Assert.That(result.Output, Is.EqualTo(10_000));
    }
}
