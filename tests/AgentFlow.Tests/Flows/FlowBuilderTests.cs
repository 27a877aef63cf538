namespace AgentFlow.Tests.Flows;

/// <summary>The immutable sequence builder: prefixes can be reused, and an empty flow does not build.</summary>
public sealed class FlowBuilderTests
{
    [Test]
    public async Task Builder_ReusedAsAPrefix_GivesIndependentFlows()
    {
        var prefix = Flow.Define<int>("calc").Then("increment", x => x + 1);
        var doubled = prefix.Then("double", x => x * 2).Build();
        var negated = prefix.Then("negate", x => -x).Then("describe", x => $"n={x}").Build();
        var prefixOnly = prefix.Build();

        Assert.That((await doubled.RunAsync(1)).Output, Is.EqualTo(4));
        Assert.That((await negated.RunAsync(1)).Output, Is.EqualTo("n=-2"));
        Assert.That((await prefixOnly.RunAsync(1)).Output, Is.EqualTo(2));
        Assert.That(doubled.Steps.Select(s => s.Name), Is.EqualTo(new[] { "increment", "double" }));
        Assert.That(negated.Steps.Select(s => s.Name), Is.EqualTo(new[] { "increment", "negate", "describe" }));
        Assert.That(prefixOnly.Steps.Select(s => s.Name), Is.EqualTo(new[] { "increment" }));
    }

    [Test]
    public async Task Builder_BuiltTwice_GivesTwoFlowsThatBehaveTheSame()
    {
        var builder = Flow.Define<int>("f").Then("square", x => x * x);

        var first = builder.Build();
        var second = builder.Build();

        Assert.That(second, Is.Not.SameAs(first));
        Assert.That((await first.RunAsync(3)).Output, Is.EqualTo(9));
        Assert.That((await second.RunAsync(4)).Output, Is.EqualTo(16));
    }

    [Test]
    public void Build_WithNoSteps_FailsNamingTheFlowAndSuggestingThen()
    {
        var ex = Assert.Throws<FlowDefinitionException>(() => Flow.Define<int>("empty").Build());

        Assert.That(ex.NodePath, Is.EqualTo("empty"));
        Assert.That(ex.Message, Does.Contain("'empty' has no steps").And.Contain(".Then("));
    }

    [Test]
    public void Then_WithNullStep_ThrowsArgumentNullException()
    {
        Assert.That(() => Flow.Define<int>("f").Then((FlowTask<int, int>)null!), Throws.ArgumentNullException);
    }
}
