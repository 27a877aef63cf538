namespace AgentFlow.Tests.Routing;

/// <summary>Branches on predicates tried in order, with an optional Otherwise case.</summary>
public sealed class PredicateBranchTests
{
    [Test]
    public async Task Branch_WithSeveralHoldingPredicates_RunsTheFirstAndSkipsTheRest()
    {
        var asked = new List<string>();
        var branch = Flow.Branch<int, string>("size")
            .When("small", n => Ask(asked, "small", n < 10), Constant("small"))
            .When("medium", n => Ask(asked, "medium", n < 100), Constant("medium"))
            .When("any", n => Ask(asked, "any", true), Constant("any"))
            .Build();

        var result = await branch.RunAsync(50);

        Assert.That(result.Output, Is.EqualTo("medium"));
        Assert.That(asked, Is.EqualTo(new[] { "small", "medium" }));
        var decision = result.Record.Routes.Single();
        Assert.That(decision.Label, Is.EqualTo("medium"));
        Assert.That(decision.Source, Is.EqualTo(DecisionSource.Code));
        Assert.That(result.Record.NodesAt("size[medium]/medium"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Branch_WhenNoPredicateHolds_RunsOtherwiseAndRecordsItAsDefault()
    {
        var branch = Flow.Branch<int, string>("size")
            .When("small", n => n < 10, Constant("small"))
            .Otherwise(Constant("huge"))
            .Build();

        var result = await branch.RunAsync(1_000);

        Assert.That(result.Output, Is.EqualTo("huge"));
        var decision = result.Record.Routes.Single();
        Assert.That(decision.Label, Is.EqualTo("default"));
        Assert.That(decision.Source, Is.EqualTo(DecisionSource.Default));
        Assert.That(result.Record.NodesAt("size[default]/huge"), Has.Count.EqualTo(1));
        Assert.That(result.Record.Fallbacks, Is.EqualTo(new[] { "size: Default case 'default'" }));
    }

    [Test]
    public void Branch_WhenNoPredicateHoldsAndNoOtherwise_FailsWithRouteDecisionException()
    {
        var branch = Flow.Branch<int, string>("size")
            .When("small", n => n < 10, Constant("small"))
            .When("medium", n => n < 100, Constant("medium"))
            .Build();

        var ex = Assert.ThrowsAsync<RouteDecisionException>(async () => await branch.RunAsync(1_000));

        Assert.That(ex!.NodePath, Is.EqualTo("size"));
        Assert.That(ex.Message, Does.Contain("small, medium").And.Contain(".Otherwise("));
        Assert.That(ex.AllowedLabels, Is.EqualTo(new[] { "small", "medium" }));
        Assert.That(ex.Record!.Errors.Single().Path, Is.EqualTo("size"));
    }

    [Test]
    public void Build_WithLabelThatIsNotAPathSegment_ThrowsNamingTheLabel()
    {
        var builder = Flow.Branch<int, string>("size").When("very small", n => n < 10, Constant("small"));

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Build());

        Assert.That(ex!.Errors.Single().Path, Is.EqualTo("size"));
        Assert.That(ex.Errors.Single().Message, Does.Contain("'very small'"));
    }

    [Test]
    public void Build_WithTwoCasesSharingALabel_Throws()
    {
        var builder = Flow.Branch<int, string>("size")
            .When("small", n => n < 10, Constant("a"))
            .When("small", n => n < 5, Constant("b"));

        Assert.That(() => builder.Build(), Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("2 cases labelled 'small'"));
    }

    [Test]
    public void Build_WithOnlyOtherwise_ThrowsForMissingCases()
    {
        var builder = Flow.Branch<int, string>("size").Otherwise(Constant("any"));

        Assert.That(() => builder.Build(), Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("has no cases"));
    }

    [Test]
    public void Branch_WhenPredicateThrows_FailsWithFlowTaskExceptionAtBranchPath()
    {
        var boom = new DivideByZeroException();
        var branch = Flow.Branch<int, string>("size")
            .When("small", _ => throw boom, Constant("small"))
            .Otherwise(Constant("any"))
            .Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await branch.RunAsync(1));

        Assert.That(ex!.NodePath, Is.EqualTo("size"));
        Assert.That(ex.InnerException, Is.SameAs(boom));
    }

    private static bool Ask(List<string> asked, string label, bool holds)
    {
        asked.Add(label);
        return holds;
    }

    private static FlowTask<int, string> Constant(string name) => FlowTask.Create(name, (int _) => name);
}
