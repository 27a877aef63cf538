namespace AgentFlow.Tests.Flows;

/// <summary>Loops: code exit conditions, iteration paths, caps, cap fallbacks, and validation of their definition.</summary>
public sealed class LoopTests
{
    [Test]
    public async Task Loop_WithCodeCondition_StopsAtTheFirstIterationWhereItHolds()
    {
        var calls = 0;
        var body = FlowTask.Create("increment", (int x) =>
        {
            calls++;
            return x + 1;
        });
        var loop = Flow.Loop("count", body).Until(x => x >= 3).MaxIterations(10).Build();

        var result = await loop.RunAsync(0);

        Assert.That(result.Output, Is.EqualTo(3));
        Assert.That(calls, Is.EqualTo(3));
        Assert.That(loop.Kind, Is.EqualTo(NodeKind.Loop));
        Assert.That(result.Record.Loops, Is.EqualTo(new[] { new LoopRecord("count", 3, 10, LoopExit.Condition) }));
        Assert.That(result.Record.Fallbacks, Is.Empty);
    }

    [Test]
    public async Task Loop_ChecksItsConditionAfterTheBody_SoTheBodyRunsAtLeastOnce()
    {
        var calls = 0;
        var loop = Flow.Loop("once", FlowTask.Create("body", (int x) => x + ++calls)).Until(x => x > 0).MaxIterations(5).Build();

        var result = await loop.RunAsync(100);

        Assert.That(result.Output, Is.EqualTo(101));
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Loop_Iterations_RunAtNumberedPathsStartingAtOne()
    {
        var flow = Flow.Define<int>("f").Then(Flow.Loop("loop", FlowTask.Create("body", (int x) => x * 2)).Until(x => x >= 4).MaxIterations(5).Build()).Build();

        var result = await flow.RunAsync(1);

        Assert.That(result.Output, Is.EqualTo(4));
        Assert.That(result.Record.Nodes.Select(n => (n.Path, n.DefinitionPath)), Is.EqualTo(new[]
        {
            ("f", "f"),
            ("f/loop", "f/loop"),
            ("f/loop#1/body", "f/loop/body"),
            ("f/loop#2/body", "f/loop/body"),
        }));
        Assert.That(result.Record.Loops.Single(), Is.EqualTo(new LoopRecord("f/loop", 2, 5, LoopExit.Condition)));
    }

    [Test]
    public async Task Loop_WhoseConditionHoldsOnTheLastAllowedIteration_ExitsByItsCondition()
    {
        var fallbackRan = false;
        var loop = Flow.Loop("loop", FlowTask.Create("body", (int x) => x + 1))
            .Until(x => x == 3)
            .MaxIterations(3)
            .OnCapReached(x =>
            {
                fallbackRan = true;
                return -1;
            })
            .Build();

        var result = await loop.RunAsync(0);

        Assert.That(result.Output, Is.EqualTo(3));
        Assert.That(fallbackRan, Is.False);
        Assert.That(result.Record.Loops.Single().Exit, Is.EqualTo(LoopExit.Condition));
    }

    [Test]
    public void Loop_ReachingItsCapWithoutFallback_FailsNamingTheLoopAndRecordsCapExceeded()
    {
        var calls = 0;
        var flow = Flow.Define<int>("f")
            .Then(Flow.Loop("refine", FlowTask.Create("body", (int x) => x + ++calls)).Until(_ => false).MaxIterations(3).Build())
            .Then("after", x => x)
            .Build();

        var ex = Assert.ThrowsAsync<LoopCapExceededException>(() => flow.RunAsync(0));

        Assert.That(calls, Is.EqualTo(3));
        Assert.That(ex.NodePath, Is.EqualTo("f/refine"));
        Assert.That(ex.MaxIterations, Is.EqualTo(3));
        Assert.That(ex.Message, Does.Contain("'f/refine'").And.Contain("cap of 3").And.Contain(".MaxIterations(").And.Contain(".OnCapReached("));
        var record = ex.Record!;
        Assert.That(record.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(record.Loops, Is.EqualTo(new[] { new LoopRecord("f/refine", 3, 3, LoopExit.CapExceeded) }));
        Assert.That(record.Errors, Is.EqualTo(new[] { new NodeError("f/refine", ex) }));
        Assert.That(record.NodesAt("f/after"), Is.Empty);
        Assert.That(record.Fallbacks, Is.Empty);
    }

    [Test]
    public async Task Loop_ReachingItsCapWithFallback_ReturnsTheFallbackValueAndRecordsIt()
    {
        int? fallbackGot = null;
        var flow = Flow.Define<int>("f")
            .Then(Flow.Loop("refine", FlowTask.Create("body", (int x) => x + 1))
                .Until(_ => false)
                .MaxIterations(4)
                .OnCapReached(last =>
                {
                    fallbackGot = last;
                    return last * 100;
                })
                .Build())
            .Build();

        var result = await flow.RunAsync(0);

        Assert.That(fallbackGot, Is.EqualTo(4), "the fallback receives the body's last output");
        Assert.That(result.Output, Is.EqualTo(400));
        Assert.That(result.Record.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(result.Record.Loops, Is.EqualTo(new[] { new LoopRecord("f/refine", 4, 4, LoopExit.CapFallback) }));
        Assert.That(result.Record.Fallbacks, Is.EqualTo(new[] { "f/refine: cap of 4 reached, cap fallback ran" }));
    }

    [Test]
    public void Loop_WhoseCapFallbackThrows_FailsWithFlowTaskExceptionAtTheLoop()
    {
        var boom = new InvalidOperationException("no acceptable draft");
        var loop = Flow.Loop("refine", FlowTask.Create("body", (int x) => x)).Until(_ => false).MaxIterations(1).OnCapReached(int (_) => throw boom).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => loop.RunAsync(0));

        Assert.That(ex.NodePath, Is.EqualTo("refine"));
        Assert.That(ex.InnerException, Is.SameAs(boom));
    }

    [Test]
    public void Loop_WhoseBodyFails_RecordsAFailedExitAtThatIteration()
    {
        var loop = Flow.Loop("loop", FlowTask.Create("body", (int x) => x >= 2 ? throw new InvalidOperationException("x") : x + 1))
            .Until(_ => false)
            .MaxIterations(10)
            .Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => loop.RunAsync(0));

        Assert.That(ex.NodePath, Is.EqualTo("loop#3/body"));
        Assert.That(ex.Record!.Loops, Is.EqualTo(new[] { new LoopRecord("loop", 3, 10, LoopExit.Failed) }));
    }

    [Test]
    public void Loop_WhoseConditionThrows_FailsAtTheIterationPath()
    {
        var boom = new InvalidOperationException("condition");
        var loop = Flow.Loop("loop", FlowTask.Create("body", (int x) => x)).Until(bool (_) => throw boom).MaxIterations(3).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => loop.RunAsync(0));

        Assert.That(ex.NodePath, Is.EqualTo("loop#1"));
        Assert.That(ex.InnerException, Is.SameAs(boom));
        Assert.That(ex.Record!.Loops.Single().Exit, Is.EqualTo(LoopExit.Failed));
    }

    [TestCase(1)]
    [TestCase(LoopBuilder<int>.MaxAllowedIterations)]
    public async Task Loop_WithCapAtTheEdgesOfTheAllowedRange_Builds(int cap)
    {
        var loop = Flow.Loop("loop", FlowTask.Create("body", (int x) => x + 1)).Until(x => x >= 1).MaxIterations(cap).Build();

        Assert.That((await loop.RunAsync(0)).Output, Is.EqualTo(1));
    }

    [Test]
    public void Loop_WithoutCap_FailsToBuildAskingForMaxIterations()
    {
        var ex = Assert.Throws<FlowDefinitionException>(() => Flow.Loop("loop", FlowTask.Create("body", (int x) => x)).Until(_ => true).Build());

        Assert.That(ex.Errors.Single().Path, Is.EqualTo("loop"));
        Assert.That(ex.Message, Does.Contain("no iteration cap").And.Contain(".MaxIterations(n)"));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(10_001)]
    public void Loop_WithCapOutOfRange_FailsToBuildNamingTheAllowedRange(int cap)
    {
        var ex = Assert.Throws<FlowDefinitionException>(
            () => Flow.Loop("loop", FlowTask.Create("body", (int x) => x)).Until(_ => true).MaxIterations(cap).Build());

        Assert.That(ex.Errors.Single().Path, Is.EqualTo("loop"));
        Assert.That(ex.Message, Does.Contain($"cap of {cap}").And.Contain("from 1 to 10000"));
    }

    [Test]
    public void Loop_WithoutCondition_FailsToBuildSuggestingUntil()
    {
        var ex = Assert.Throws<FlowDefinitionException>(() => Flow.Loop("loop", FlowTask.Create("body", (int x) => x)).MaxIterations(3).Build());

        Assert.That(ex.Errors.Single().Path, Is.EqualTo("loop"));
        Assert.That(ex.Message, Does.Contain("no exit condition").And.Contain(".Until(").And.Contain(".UntilLlm("));
    }

    [Test]
    public void Loop_WithTwoConditions_IsRejectedWhenTheSecondIsDeclared()
    {
        var builder = Flow.Loop("loop", FlowTask.Create("body", (int x) => x)).Until(_ => true);

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Until(_ => false));
        Assert.That(ex.NodePath, Is.EqualTo("loop"));
        Assert.That(ex.Message, Does.Contain("already has an exit condition"));
        Assert.That(() => builder.UntilLlm(x => $"done? {x}"), Throws.TypeOf<FlowDefinitionException>());
    }

    [Test]
    public void Loop_WithFallbackToButNoLlmCondition_FailsToBuild()
    {
        var ex = Assert.Throws<FlowDefinitionException>(
            () => Flow.Loop("loop", FlowTask.Create("body", (int x) => x)).Until(_ => true).MaxIterations(3).FallbackTo(LoopDecision.Stop).Build());

        Assert.That(ex.Errors.Single().Path, Is.EqualTo("loop"));
        Assert.That(ex.Message, Does.Contain(".FallbackTo(").And.Contain(".UntilLlm"));
    }

    [Test]
    public void Loop_WithSeveralProblems_ReportsThemAllAtOnce()
    {
        var ex = Assert.Throws<FlowDefinitionException>(
            () => Flow.Loop("loop", FlowTask.Create("body", (int x) => x)).FallbackTo(LoopDecision.Continue).Build());

        Assert.That(ex.Errors, Has.Count.EqualTo(3));
        Assert.That(ex.Errors.Select(e => e.Path), Is.All.EqualTo("loop"));
        Assert.That(ex.Message, Does.StartWith("Invalid flow definition (3 errors)"));
    }

    [Test]
    public void Loop_WithNullBodyOrCondition_ThrowsArgumentNullException()
    {
        Assert.That(() => Flow.Loop<int>("loop", null!), Throws.ArgumentNullException);
        Assert.That(() => Flow.Loop("loop", FlowTask.Create("body", (int x) => x)).Until(null!), Throws.ArgumentNullException);
        Assert.That(() => Flow.Loop("loop", FlowTask.Create("body", (int x) => x)).OnCapReached(null!), Throws.ArgumentNullException);
    }
}
