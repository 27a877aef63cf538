namespace AgentFlow.Tests.Routing;

/// <summary>Branches on typed case values chosen by code, and the definition rules every typed branch is held to.</summary>
public sealed class CodeBranchTests
{
    public enum Topic
    {
        Billing,
        Technical,
        Other,
    }

    [TestCase(Topic.Billing, "billing:x")]
    [TestCase(Topic.Technical, "technical:x")]
    [TestCase(Topic.Other, "other:x")]
    public async Task Branch_WithEnumSelectorCoveringEveryMember_RunsTheSelectedCase(Topic topic, string expected)
    {
        var branch = Flow.Branch<string, Topic, string>("route")
            .DecideBy(_ => topic)
            .Case(Topic.Billing, Echo("billing"))
            .Case(Topic.Technical, Echo("technical"))
            .Case(Topic.Other, Echo("other"))
            .Build();

        var result = await branch.RunAsync("x");

        Assert.That(result.Output, Is.EqualTo(expected));
        var decision = result.Record.Routes.Single();
        Assert.That(decision.Path, Is.EqualTo("route"));
        Assert.That(decision.Label, Is.EqualTo(topic.ToString()));
        Assert.That(decision.Source, Is.EqualTo(DecisionSource.Code));
        Assert.That(decision.IsFallback, Is.False);
        Assert.That(decision.Attempts, Is.Zero);
        Assert.That(decision.Rationale, Is.Null);
        Assert.That(decision.Usage, Is.Null);
        Assert.That(result.Record.NodesAt($"route[{topic}]/{topic.ToString().ToLowerInvariant()}"), Has.Count.EqualTo(1));
        Assert.That(result.Record.Nodes.Select(n => n.Path), Has.Exactly(2).Items, "only the branch and the chosen case run");
    }

    [Test]
    public void Build_WithEnumCasesNotCoveringEveryMemberAndNoDefault_ThrowsNamingTheMissingMembers()
    {
        var builder = Flow.Branch<string, Topic, string>("route").DecideBy(_ => Topic.Billing).Case(Topic.Billing, Echo("billing"));

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Build());

        var error = ex!.Errors.Single();
        Assert.That(error.Path, Is.EqualTo("route"));
        Assert.That(error.Message, Does.Contain("Topic.Technical").And.Contain("Topic.Other").And.Contain(".Default("));
        Assert.That(error.Message, Does.Not.Contain("Topic.Billing"));
    }

    [Test]
    public async Task Branch_WithDefaultAndUncoveredValue_RunsTheDefaultAndRecordsIt()
    {
        var branch = Flow.Branch<string, Topic, string>("route")
            .DecideBy(_ => Topic.Other)
            .Case(Topic.Billing, Echo("billing"))
            .Default(Echo("fallback"))
            .Build();

        var result = await branch.RunAsync("x");

        Assert.That(result.Output, Is.EqualTo("fallback:x"));
        var decision = result.Record.Routes.Single();
        Assert.That(decision.Label, Is.EqualTo("default"));
        Assert.That(decision.Source, Is.EqualTo(DecisionSource.Default));
        Assert.That(decision.IsFallback, Is.True);
        Assert.That(result.Record.NodesAt("route[default]/fallback"), Has.Count.EqualTo(1));
        Assert.That(result.Record.Fallbacks, Is.EqualTo(new[] { "route: Default case 'default'" }));
    }

    [Test]
    public async Task Branch_WithDefaultAndCoveredValue_RunsTheCaseNotTheDefault()
    {
        var branch = Flow.Branch<string, Topic, string>("route")
            .DecideBy(_ => Topic.Billing)
            .Case(Topic.Billing, Echo("billing"))
            .Default(Echo("fallback"))
            .Build();

        var result = await branch.RunAsync("x");

        Assert.That(result.Output, Is.EqualTo("billing:x"));
        Assert.That(result.Record.Fallbacks, Is.Empty);
    }

    [Test]
    public async Task Branch_WithRecordCasesAndExplicitLabels_RoutesByValueEquality()
    {
        var branch = Flow.Branch<int, Plan, string>("plan")
            .DecideBy(amount => new Plan(amount > 100 ? "gold" : "basic"))
            .Case(new Plan("basic"), FlowTask.Create("standard", (int n) => $"standard {n}"), label: "basic")
            .Case(new Plan("gold"), FlowTask.Create("priority", (int n) => $"priority {n}"), label: "gold")
            .Build();

        var result = await branch.RunAsync(500);

        Assert.That(result.Output, Is.EqualTo("priority 500"));
        Assert.That(result.Record.Routes.Single().Label, Is.EqualTo("gold"));
        Assert.That(result.Record.NodesAt("plan[gold]/priority"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Build_WithRecordCaseWhoseTextIsNotAValidLabel_ThrowsSuggestingAnExplicitLabel()
    {
        var builder = Flow.Branch<int, Plan, string>("plan")
            .DecideBy(_ => new Plan("gold"))
            .Case(new Plan("gold"), FlowTask.Create("priority", (int n) => "p"));

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Build());

        Assert.That(ex!.Errors.Single().Path, Is.EqualTo("plan"));
        Assert.That(ex.Errors.Single().Message, Does.Contain("label:").And.Contain("Plan { Tier = gold }"));
    }

    [Test]
    public void Branch_WithRecordValueThatHasNoCaseAndNoDefault_FailsWithRouteDecisionException()
    {
        var branch = Flow.Branch<int, Plan, string>("plan")
            .DecideBy(_ => new Plan("platinum"))
            .Case(new Plan("basic"), FlowTask.Create("standard", (int n) => "s"), label: "basic")
            .Case(new Plan("gold"), FlowTask.Create("priority", (int n) => "p"), label: "gold")
            .Build();
        var flow = Flow.Define<int>("billing").Then(branch).Build();

        var ex = Assert.ThrowsAsync<RouteDecisionException>(async () => await flow.RunAsync(1));

        Assert.That(ex!.NodePath, Is.EqualTo("billing/plan"));
        Assert.That(ex.Message, Does.Contain("platinum").And.Contain("basic, gold").And.Contain(".Default("));
        Assert.That(ex.AllowedLabels, Is.EqualTo(new[] { "basic", "gold" }));
        Assert.That(ex.Rejected, Is.Empty);
        Assert.That(ex.Record!.Errors.Single().Path, Is.EqualTo("billing/plan"));
        Assert.That(ex.Record.Routes, Is.Empty);
    }

    [Test]
    public void Branch_WithStringValueThatHasNoCase_FailsWithRouteDecisionExceptionNamingTheValue()
    {
        var branch = Flow.Branch<string, string, string>("lang")
            .DecideBy(s => s)
            .Case("en", Echo("english"))
            .Case("fr", Echo("french"))
            .Build();

        var ex = Assert.ThrowsAsync<RouteDecisionException>(async () => await branch.RunAsync("de"));

        Assert.That(ex!.NodePath, Is.EqualTo("lang"));
        Assert.That(ex.Message, Does.Contain("'de'"));
        Assert.That(ex.AllowedLabels, Is.EqualTo(new[] { "en", "fr" }));
    }

    [Test]
    public async Task Branch_WithBoolAndIntCases_UsesInvariantLowercaseLabels()
    {
        var flag = Flow.Branch<int, bool, string>("positive")
            .DecideBy(n => n > 0)
            .Case(true, FlowTask.Create("yes", (int _) => "yes"))
            .Case(false, FlowTask.Create("no", (int _) => "no"))
            .Build();
        var tier = Flow.Branch<int, int, string>("tier")
            .DecideBy(n => n % 2)
            .Case(0, FlowTask.Create("even", (int _) => "even"))
            .Case(1, FlowTask.Create("odd", (int _) => "odd"))
            .Build();

        var flagResult = await flag.RunAsync(3);
        var tierResult = await tier.RunAsync(3);

        Assert.That(flagResult.Record.NodesAt("positive[true]/yes"), Has.Count.EqualTo(1));
        Assert.That(tierResult.Record.Routes.Single().Label, Is.EqualTo("1"));
        Assert.That(tierResult.Output, Is.EqualTo("odd"));
    }

    [Test]
    public void Build_WithSameCaseValueTwice_ThrowsAskingToDeclareEachOnce()
    {
        var builder = Flow.Branch<string, Topic, string>("route")
            .DecideBy(_ => Topic.Billing)
            .Case(Topic.Billing, Echo("billing"))
            .Case(Topic.Billing, Echo("billing2"))
            .Default(Echo("rest"));

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Build());

        Assert.That(ex!.Errors.Select(e => e.Message), Has.Some.Contain("declares the case Billing twice"));
    }

    [Test]
    public void Build_WithTwoValuesSharingALabel_ThrowsAskingForUniqueLabels()
    {
        var builder = Flow.Branch<string, string, string>("lang")
            .DecideBy(s => s)
            .Case("en", Echo("english"), label: "x")
            .Case("fr", Echo("french"), label: "x");

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Build());

        Assert.That(ex!.Errors.Single().Message, Does.Contain("2 cases labelled 'x'"));
    }

    [Test]
    public void Build_WithCaseLabelledDefaultAndADefault_ThrowsAskingToRenameTheCase()
    {
        var builder = Flow.Branch<string, string, string>("lang")
            .DecideBy(s => s)
            .Case("default", Echo("english"))
            .Default(Echo("rest"));

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Build());

        Assert.That(ex!.Errors.Single().Message, Does.Contain("labelled 'default'").And.Contain("Rename"));
    }

    [Test]
    public void DecideBy_CalledTwice_ThrowsImmediately()
    {
        var builder = Flow.Branch<string, Topic, string>("route").DecideBy(_ => Topic.Billing);

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.DecideBy(_ => Topic.Other));

        Assert.That(ex!.NodePath, Is.EqualTo("route"));
        Assert.That(ex.Message, Does.Contain("already has a decision"));
    }

    [Test]
    public void DecideByLlm_AfterDecideBy_ThrowsImmediately()
    {
        var builder = Flow.Branch<string, Topic, string>("route").DecideBy(_ => Topic.Billing);

        Assert.That(() => builder.DecideByLlm(s => s), Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("already has a decision"));
    }

    [Test]
    public void DecideBy_AfterDecideByLlm_ThrowsImmediately()
    {
        var builder = Flow.Branch<string, Topic, string>("route").DecideByLlm(s => s);

        Assert.That(() => builder.DecideBy(_ => Topic.Billing), Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("already has a decision"));
    }

    [Test]
    public void Build_WithLlmDecisionAndDefault_ThrowsSuggestingFallbackTo()
    {
        var builder = Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(s => s)
            .Case(Topic.Billing, Echo("billing"))
            .Default(Echo("rest"));

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Build());

        Assert.That(ex!.Errors.Single().Message, Does.Contain("never run").And.Contain(".FallbackTo("));
    }

    [Test]
    public void Build_WithFallbackToAValueThatIsNotACase_ThrowsNamingTheValue()
    {
        var builder = Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(s => s)
            .Case(Topic.Billing, Echo("billing"))
            .Case(Topic.Technical, Echo("technical"))
            .FallbackTo(Topic.Other);

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Build());

        Assert.That(ex!.Errors.Single().Message, Does.Contain("Other").And.Contain("not one of its cases"));
    }

    [Test]
    public void Build_WithFallbackToAndCodeDecision_ThrowsSuggestingDefault()
    {
        var builder = Flow.Branch<string, Topic, string>("route")
            .DecideBy(_ => Topic.Billing)
            .Case(Topic.Billing, Echo("billing"))
            .Case(Topic.Technical, Echo("technical"))
            .Case(Topic.Other, Echo("other"))
            .FallbackTo(Topic.Billing);

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Build());

        Assert.That(ex!.Errors.Single().Message, Does.Contain("LLM decisions only").And.Contain(".Default("));
    }

    [Test]
    public void Build_WithoutDecision_ThrowsAskingForOne()
    {
        var builder = Flow.Branch<string, Topic, string>("route").Case(Topic.Billing, Echo("billing"));

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Build());

        Assert.That(ex!.Errors.Select(e => e.Message), Has.Some.Contain("has no decision").And.Some.Contain(".DecideBy("));
    }

    [Test]
    public void Build_WithoutCases_ThrowsAskingForOne()
    {
        var builder = Flow.Branch<string, string, string>("route").DecideByLlm(s => s);

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Build());

        Assert.That(ex!.Errors.Single().Message, Does.Contain("has no cases"));
    }

    [Test]
    public void Build_WithSeveralBrokenRules_ReportsEveryOneAtOnce()
    {
        var builder = Flow.Branch<string, string, string>("route")
            .DecideBy(s => s)
            .Case("needs review", Echo("review"))
            .Case("ok", Echo("ok"))
            .Case("ok", Echo("ok2"))
            .FallbackTo("ok");

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Build());

        Assert.That(ex!.Errors, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(ex.Message, Does.Contain("needs review").And.Contain("twice").And.Contain("LLM decisions only"));
    }

    [Test]
    public void Branch_WhenSelectorThrows_FailsWithFlowTaskExceptionAtBranchPath()
    {
        var boom = new KeyNotFoundException("no such customer");
        var branch = Flow.Branch<string, Topic, string>("route")
            .DecideBy(_ => throw boom)
            .Case(Topic.Billing, Echo("billing"))
            .Default(Echo("rest"))
            .Build();
        var flow = Flow.Define<string>("support").Then(branch).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await flow.RunAsync("x"));

        Assert.That(ex!.NodePath, Is.EqualTo("support/route"));
        Assert.That(ex.InnerException, Is.SameAs(boom));
        Assert.That(ex.Record!.Errors.Single().Exception, Is.SameAs(boom));
        Assert.That(ex.Record.Routes, Is.Empty);
    }

    [Test]
    public void Branch_WithInvalidName_ThrowsWhenStarted()
    {
        Assert.That(() => Flow.Branch<string, Topic, string>("my route"), Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("my route"));
    }

    private static FlowTask<string, string> Echo(string name) => FlowTask.Create(name, (string s) => $"{name}:{s}");

    public sealed record Plan(string Tier);
}
