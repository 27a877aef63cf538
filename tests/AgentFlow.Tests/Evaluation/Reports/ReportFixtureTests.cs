using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Reports;

/// <summary>The fixture's report is what the report tests assume: if this fails, fix the fixture before the writers.</summary>
public sealed class ReportFixtureTests
{
    [Test]
    public async Task Fixture_HasPassesFailuresATaskErrorAndATimeout_WithTheirLatencies()
    {
        var report = await ReportFixture.RunAsync();

        Assert.That(report.Cases.Select(c => (c.Id, c.Outcome)), Is.EqualTo(new[]
        {
            ("refund-1", CaseOutcome.Passed), ("refund-2", CaseOutcome.Passed), ("crash-1", CaseOutcome.Passed), ("export-1", CaseOutcome.Failed),
            ("vague-1", CaseOutcome.Passed), ("xss-1", CaseOutcome.Failed), ("lookup-1", CaseOutcome.Error), ("slow-1", CaseOutcome.Error),
        }));
        Assert.That(report.Cases.Select(c => c.Error?.Kind), Is.EqualTo(new CaseErrorKind?[] { null, null, null, null, null, null, CaseErrorKind.TaskFailed, CaseErrorKind.TimedOut }));
        Assert.That(report.Cases.Select(c => c.Latency.TotalMilliseconds), Is.EqualTo(new[] { 120, 340, 95, 410, 60, 230, 15, 31_000 }));
        Assert.That(report.ByTag.Keys, Is.EqualTo(new[] { "billing", "easy", "hard", "other", "technical" }));
        Assert.That((report.Summary.Passed, report.Summary.Failed, report.Summary.Errors), Is.EqualTo((4, 2, 2)));
    }
}
