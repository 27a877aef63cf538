using AgentFlow.Evaluation;
using NUnit.Framework;

namespace AgentFlow.Testing.NUnit;

/// <summary>
/// The cases of an eval set as NUnit test cases, for <c>[TestCaseSource]</c>: one test per case, named by its id, in
/// the categories of its tags, so a failing case shows up in the test runner by name and can be run alone.
/// </summary>
/// <example>
/// <code>
/// public static IEnumerable&lt;TestCaseData&gt; TriageCases() => EvalCases.From(EvalSet.FromJsonl&lt;Ticket, Triage&gt;("evals/triage.jsonl"));
///
/// [TestCaseSource(nameof(TriageCases))]
/// public async Task Triage(EvalCase&lt;Ticket, Triage&gt; evalCase) => await EvalAssert.PassesAsync(TriageTask, evalCase, Scorers.Exact&lt;Triage&gt;(), model);
/// </code>
/// </example>
public static class EvalCases
{
    /// <summary>One <see cref="TestCaseData"/> per case of <paramref name="set"/>, whose single argument is the <see cref="EvalCase{TIn, TExpected}"/>.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TExpected">The expected output type.</typeparam>
    /// <param name="set">The eval set.</param>
    /// <returns>The test cases, in the set's order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="set"/> is null.</exception>
    public static IEnumerable<TestCaseData> From<TIn, TExpected>(EvalSet<TIn, TExpected> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        foreach (var evalCase in set.Cases)
        {
            var data = new TestCaseData(evalCase).SetName($"{{m}}({evalCase.Id})").SetDescription($"{set.Name}: {evalCase}");
            foreach (var tag in evalCase.Tags)
            {
                data.SetCategory(tag);
            }

            yield return data;
        }
    }
}
