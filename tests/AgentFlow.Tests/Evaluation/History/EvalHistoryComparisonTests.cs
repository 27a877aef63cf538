using System.Text.Json;
using AgentFlow.Evaluation;
using AgentFlow.Tests.Evaluation.Comparison;

namespace AgentFlow.Tests.Evaluation.History;

/// <summary>Comparing saved runs by id, and a new run with the previous one.</summary>
public sealed class EvalHistoryComparisonTests
{
    [Test]
    public async Task CompareAsync_OfTwoSavedRuns_IsTheComparisonOfTheirReports_WithTheirIds()
    {
        using var file = new TempHistoryFile();
        var history = file.Open();
        var baseline = await PlantedRuns.BaselineAsync();
        var candidate = await PlantedRuns.CandidateAsync();
        var baselineId = await history.SaveAsync(baseline);
        var candidateId = await history.SaveAsync(candidate);

        var stored = await history.CompareAsync(baselineId, candidateId);
        var direct = EvalComparison.Compare(baseline, candidate);

        Assert.That((stored.Baseline.RunId, stored.Candidate.RunId), Is.EqualTo(((long?)baselineId, (long?)candidateId)));
        Assert.That((direct.Baseline.RunId, direct.Candidate.RunId), Is.EqualTo(((long?)null, (long?)null)));
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Assert.That(
            JsonSerializer.Serialize(stored with { Baseline = stored.Baseline with { RunId = null }, Candidate = stored.Candidate with { RunId = null } }, web),
            Is.EqualTo(JsonSerializer.Serialize(direct, web)),
            "the saved runs compare exactly as the reports did");
        Assert.That(stored.ToMarkdown(), Is.EqualTo(direct.ToMarkdown().Replace("| Run | parity@1 | parity@2 |", $"| Run | #{baselineId} parity@1 | #{candidateId} parity@2 |", StringComparison.Ordinal)));
    }

    [Test]
    public async Task CompareAsync_WithAnUnknownRun_SaysWhichIsMissing()
    {
        using var file = new TempHistoryFile();
        var history = file.Open();
        var saved = await history.SaveAsync(await PlantedRuns.BaselineAsync());

        Assert.That(async () => await history.CompareAsync(saved, 99), Throws.TypeOf<EvalHistoryException>().With.Message.Contain("has no run 99"));
    }

    [Test]
    public async Task CompareWithLatestAsync_ComparesANewRunWithThePreviousRunOfTheTaskOnTheDataset()
    {
        using var file = new TempHistoryFile();
        var history = file.Open();
        var candidate = await PlantedRuns.CandidateAsync() with { StartedAt = PlantedRuns.Start.AddDays(1) };
        Assert.That(await history.CompareWithLatestAsync(candidate), Is.Null, "the first run of a task has nothing to compare with");

        var older = await history.SaveAsync(await PlantedRuns.BaselineAsync() with { StartedAt = PlantedRuns.Start.AddHours(-1) });
        var previous = await history.SaveAsync(await PlantedRuns.BaselineAsync());
        await history.SaveAsync(await PlantedRuns.BaselineAsync(PlantedRuns.Parity(5)) with { StartedAt = PlantedRuns.Start.AddHours(1) });
        await history.SaveAsync(candidate);

        var comparison = await history.CompareWithLatestAsync(candidate);

        Assert.That(comparison!.Baseline.RunId, Is.EqualTo(previous), "the latest run before the candidate on the same dataset, not the candidate itself");
        Assert.That(comparison.Candidate.RunId, Is.Null);
        Assert.That(comparison.Verdict, Is.EqualTo(ComparisonVerdict.CandidateBetter));
        var onMain = await history.CompareWithLatestAsync(candidate, new EvalRunFilter { TaskName = "parity", Before = PlantedRuns.Start });
        Assert.That(onMain!.Baseline.RunId, Is.EqualTo(older), "a filter of its own");
    }
}
