using AgentFlow.Testing.NUnit;
using AgentFlow.Tests.TestSupport;
using static AgentFlow.Tests.Testing.NUnit.SupportRuns;

namespace AgentFlow.Tests.Testing.NUnit;

/// <summary>Routed.At: route decisions by label and source, with messages that say what was chosen instead.</summary>
public sealed class RoutedTests
{
    [Test]
    public async Task Routed_ToTheChosenCase_Holds()
    {
        var result = await SucceededAsync();

        Assert.That(result, Routed.At("support/route").To("Technical"));
        Assert.That(result, Routed.At("support/route").To(NestedFlow.Team.Technical).By(DecisionSource.Llm));
        Assert.That(result, Routed.At("support/route"));
        Assert.That(result.Record, Routed.At("support/refine#2").To("stop"));
    }

    [Test]
    public async Task Routed_ToAnotherCase_FailsSayingWhatWasChosenByWhomAndWhy()
    {
        var result = await SucceededAsync();

        var message = FailureOf(Routed.At("support/route").To("Billing"), result);

        Assert.That(message, Does.StartWith(
            "  Route at support/route chose Technical (by Llm, confidence 0.40, rationale: \"The app crashes.\") but Billing was expected.\n"));
        Assert.That(message, Does.Contain($"  Input:    \"{Input}\""));
    }

    [Test]
    public async Task Routed_ByAnotherSource_FailsNamingTheExpectedSource()
    {
        var result = await SucceededAsync();

        var message = FailureOf(Routed.At("support/route").By(DecisionSource.Code), result);

        Assert.That(message, Does.StartWith("  Route at support/route chose Technical (by Llm, confidence 0.40, rationale: \"The app crashes.\") but a decision by Code was expected."));
        Assert.That(FailureOf(Routed.At("support/route").To("Technical").By(DecisionSource.Fallback), result), Does.Contain("but Technical by Fallback was expected."));
    }

    [Test]
    public async Task Routed_AtADefinitionPathWithSeveralDecisions_RequiresEachAndListsThem()
    {
        var result = await SucceededAsync();

        var message = FailureOf(Routed.At("support/refine").To("stop"), result);

        Assert.That(message, Does.StartWith(
            "  Route at support/refine#1 chose continue (by Llm, confidence 1.00, rationale: \"scripted\") but stop was expected.\n"
            + "  Decisions at support/refine: support/refine#1 -> continue by Llm, support/refine#2 -> stop by Llm.\n"));
    }

    [Test]
    public async Task Routed_AtAPathWithNoDecision_FailsListingTheDecisionsMade()
    {
        var result = await SucceededAsync();

        var message = FailureOf(Routed.At("support/rout").To("Technical"), result);

        Assert.That(message, Does.StartWith(
            "  No route decision at support/rout, where Technical was expected.\n"
            + "  Decisions made: support/route -> Technical by Llm, support/refine#1 -> continue by Llm, support/refine#2 -> stop by Llm.\n"));
    }

    [Test]
    public async Task Routed_InARunWithoutDecisions_SaysSo()
    {
        var result = await FlowTask.Create("echo", (string s) => s).RunAsync("x");

        Assert.That(FailureOf(Routed.At("echo"), result), Does.StartWith("  No route decision at echo.\n  The run made no route decisions.\n"));
    }

    [Test]
    public void Routed_OnAFailedRun_ReadsItsRecord_AndShowsTheFailure()
    {
        var error = Failed();

        Assert.That(error, Routed.At("support/route").To("Technical"));
        var message = FailureOf(Routed.At("support/route").To("Billing"), error);
        Assert.That(message, Does.Contain(
            "  Run failed: FlowTaskException at support/route[Technical]/escalate: Task 'support/route[Technical]/escalate' failed: InvalidOperationException: no on-call engineer"));
    }

    [Test]
    public async Task Routed_Negated_HoldsForAnotherCaseAndDescribesBoth()
    {
        var result = await SucceededAsync();

        Assert.That(result, !Routed.At("support/route").To("Billing"));
        var message = AssertionMessage(result, !Routed.At("support/route").To("Technical"), "negated");
        Assert.That(message, Does.Contain("Expected: not route at support/route to Technical"));
        Assert.That(message, Does.Contain("But was:  <support/route -> Technical by Llm>"));
    }

    [Test]
    public async Task Routed_InAssertThat_PutsTheMessageAfterTheCallersReason()
    {
        var result = await SucceededAsync();

        var message = AssertionMessage(result, Routed.At("support/route").To("Billing"), "charges go to billing");

        Assert.That(message, Does.StartWith("  charges go to billing\n"));
        Assert.That(message, Does.Contain("\n  Route at support/route chose Technical (by Llm, confidence 0.40, rationale: \"The app crashes.\") but Billing was expected.\n"));
    }

    [Test]
    public void Routed_OnSomethingOtherThanARun_ThrowsNamingWhatItAppliesTo()
    {
        var error = Assert.Throws<ArgumentException>(() => Routed.At("support/route").ApplyTo("not a run"));

        Assert.That(error!.Message, Does.StartWith("Routed.At(\"support/route\") applies to a run: a FlowResult<T>, a RunRecord or a FlowRunException, not a String."));
        Assert.Throws<ArgumentException>(() => Routed.At(""));
        Assert.Throws<ArgumentException>(() => Routed.At("a").To(""));
    }
}
