using AgentFlow;
using AgentFlow.Evaluation;
using AgentFlow.Testing.NUnit;

namespace HelpDesk.Tests;

/// <summary>The shipped triage task, case by case, against the eval set, on the recorded model.</summary>
public sealed class TriageTests
{
    /// <summary>Triage is judged on its severity; the summary's wording is free.</summary>
    internal static readonly IScorer<Triage, Triage> SameSeverity = Scorers.Custom<Triage, Triage>("same-severity", (expected, actual) => expected.Severity == actual.Severity);

    internal static EvalSet<Ticket, Triage> EvalSet() => AgentFlow.Evaluation.EvalSet.FromJsonl<Ticket, Triage>(Path.Combine(TestContext.CurrentContext.TestDirectory, "evals", "triage.jsonl"));

    public static IEnumerable<TestCaseData> Cases() => EvalCases.From(EvalSet());

    [TestCaseSource(nameof(Cases))]
    public async Task Triage_RatesTheSeverityOfEachEvalCase(EvalCase<Ticket, Triage> evalCase)
    {
        using var model = Models.Replay("triage");

        var result = await EvalAssert.PassesAsync(HelpDeskTasks.Triage(), evalCase, SameSeverity, model);

        Assert.That(result, Node.At("triage").Succeeded());
        Assert.That(result.Record.LlmCalls.Single().PromptVersion, Is.EqualTo("2"));
    }
}
