using AgentFlow.Evaluation;

namespace HelpDesk.Tests;

/// <summary>
/// Before version 2 of the triage prompt shipped, it was compared with version 1 on the same eval set: the runs are
/// kept in an eval history, and the comparison pairs the cases, lists the flips and tests them with McNemar's exact test.
/// </summary>
public sealed class PromptComparisonTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Version2_IsBetterThanVersion1_OnTheSameCases(CancellationToken cancellationToken)
    {
        var historyFile = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"evals-{Guid.NewGuid():N}.db");
        try
        {
            var history = new EvalHistory(historyFile);
            await history.SaveAsync(await TriageEvaluationTests.EvaluateAsync(TriagePrompts.V1, cancellationToken), cancellationToken);

            var candidate = await TriageEvaluationTests.EvaluateAsync(TriagePrompts.V2, cancellationToken);
            var comparison = await history.CompareWithLatestAsync(candidate, cancellationToken: cancellationToken);

            Assert.That(comparison, Is.Not.Null, "version 1's run is in the history");
            TestContext.Out.WriteLine(comparison!.ToMarkdown());
            foreach (var path in await comparison.WriteAsync(TestContext.CurrentContext.WorkDirectory, ReportFormats.Markdown | ReportFormats.Html, cancellationToken: cancellationToken))
            {
                TestContext.AddTestAttachment(path, "The comparison of version 2 with version 1");
            }

            Assert.That(comparison.Verdict, Is.EqualTo(ComparisonVerdict.CandidateBetter), comparison.Conclusion);
            Assert.That(comparison.Regressed, Is.Empty);
            Assert.That(
                comparison.Improved.Select(c => c.Id),
                Is.EquivalentTo(new[] { "refund-owed", "2fa-lost", "sync-missing", "urgent-font", "card-declined", "shared-link" }),
                "version 1's rule of thumb misses money, access and data, and overrates shouting");
            Assert.That(comparison.McNemar.PValue, Is.EqualTo(2 * Math.Pow(0.5, 6)).Within(1e-12), "six discordant pairs, all one way");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(historyFile);
        }
    }
}
