using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.History;

/// <summary>Listing runs by task, prompt version, model, dataset, labels and time; the latest run.</summary>
public sealed class EvalHistoryQueryTests
{
    private TempHistoryFile _file = null!;
    private EvalHistory _history = null!;
    private long _v1ModelA;
    private long _v2ModelA;
    private long _v2ModelB;
    private long _otherTask;
    private long _otherDataset;

    [OneTimeSetUp]
    public async Task SaveRuns()
    {
        _file = new TempHistoryFile();
        _history = _file.Open();

        // Saved out of time order: listing goes by start time, not by save order.
        _v2ModelA = await _history.SaveAsync(await HistoryReports.CapitalsAsync("2", "model-a", startedHoursLater: 2, labels: Labels("main", "o'brien'); DROP TABLE eval_runs; --")));
        _v1ModelA = await _history.SaveAsync(await HistoryReports.CapitalsAsync("1", "model-a", startedHoursLater: 1, labels: Labels("main", "ana")));
        _v2ModelB = await _history.SaveAsync(await HistoryReports.CapitalsAsync("2", "model-b", startedHoursLater: 3, labels: Labels("feature", "ana")));
        _otherTask = await _history.SaveAsync(await HistoryReports.CapitalsAsync("1", "model-a", task: "capital-city", startedHoursLater: 4));
        _otherDataset = await _history.SaveAsync(await HistoryReports.CapitalsAsync("1", "model-a", startedHoursLater: 5, set: EvalSet.Create("tiny", [new EvalCase<string, string>("fr", "France", "Paris")])));
    }

    [OneTimeTearDown]
    public void DeleteFile() => _file.Dispose();

    private static Dictionary<string, string> Labels(string branch, string author) => new() { ["branch"] = branch, ["author"] = author };

    private async Task<long[]> IdsAsync(EvalRunFilter? filter = null) => [.. (await _history.ListRunsAsync(filter)).Select(r => r.RunId)];

    [Test]
    public async Task ListRunsAsync_WithoutAFilter_ListsEveryRun_LatestStartFirst()
    {
        Assert.That(await IdsAsync(), Is.EqualTo(new[] { _otherDataset, _otherTask, _v2ModelB, _v2ModelA, _v1ModelA }));
    }

    [Test]
    public async Task ListRunsAsync_GivesWhatIdentifiesEachRun_AndItsSummary()
    {
        var run = (await _history.ListRunsAsync(new EvalRunFilter { Model = "model-b" })).Single();

        var capitals = HistoryReports.Capitals();
        Assert.That((run.RunId, run.Name, run.TaskName, run.Scorer, run.DatasetName, run.DatasetHash), Is.EqualTo((_v2ModelB, "capital", "capital", "exact", "capitals", capitals.ContentHash)));
        Assert.That(run.Prompts.Single().Version, Is.EqualTo("2"));
        Assert.That(run.Models, Is.EqualTo(new[] { "model-b" }));
        Assert.That(run.Labels, Is.EqualTo(new Dictionary<string, string> { ["author"] = "ana", ["branch"] = "feature" }));
        Assert.That((run.Summary.Cases, run.Summary.Passed, run.Summary.Errors), Is.EqualTo((4, 2, 1)));
        Assert.That(run.StartedAt, Is.EqualTo(HistoryReports.Start.AddHours(3)));
        Assert.That(run.Duration, Is.EqualTo(TimeSpan.FromMilliseconds(40)));
    }

    [Test]
    public async Task ListRunsAsync_FiltersByTask_Name_AndDataset()
    {
        Assert.That(await IdsAsync(new EvalRunFilter { TaskName = "capital-city" }), Is.EqualTo(new[] { _otherTask }));
        Assert.That(await IdsAsync(new EvalRunFilter { Name = "capital" }), Has.Length.EqualTo(4));
        Assert.That(await IdsAsync(new EvalRunFilter { DatasetHash = HistoryReports.Capitals().ContentHash, TaskName = "capital" }), Is.EqualTo(new[] { _v2ModelB, _v2ModelA, _v1ModelA }));
        Assert.That(await IdsAsync(new EvalRunFilter { TaskName = "Capital" }), Is.Empty, "names match exactly");
    }

    [Test]
    public async Task ListRunsAsync_FiltersByPromptVersionAndHash_OfOneAndTheSamePrompt()
    {
        var v2 = (await _history.LoadAsync(_v2ModelA)).Prompts.Single();

        Assert.That(await IdsAsync(new EvalRunFilter { PromptName = "capital", PromptVersion = "2" }), Is.EqualTo(new[] { _v2ModelB, _v2ModelA }));
        Assert.That(await IdsAsync(new EvalRunFilter { PromptHash = v2.ContentHash }), Is.EqualTo(new[] { _v2ModelB, _v2ModelA }));
        Assert.That(await IdsAsync(new EvalRunFilter { PromptName = "capital" }), Has.Length.EqualTo(5));
        Assert.That(await IdsAsync(new EvalRunFilter { PromptName = "capital", PromptVersion = "1", PromptHash = v2.ContentHash }), Is.Empty, "version 1 with version 2's hash");
        Assert.That(await IdsAsync(new EvalRunFilter { PromptName = "triage" }), Is.Empty);
    }

    [Test]
    public async Task ListRunsAsync_FiltersByModel()
    {
        Assert.That(await IdsAsync(new EvalRunFilter { Model = "model-a", TaskName = "capital" }), Is.EqualTo(new[] { _otherDataset, _v2ModelA, _v1ModelA }));
        Assert.That(await IdsAsync(new EvalRunFilter { Model = "model-c" }), Is.Empty);
    }

    [Test]
    public async Task ListRunsAsync_FiltersByEveryLabelGiven()
    {
        Assert.That(await IdsAsync(new EvalRunFilter { Labels = new Dictionary<string, string> { ["branch"] = "main" } }), Is.EqualTo(new[] { _v2ModelA, _v1ModelA }));
        Assert.That(await IdsAsync(new EvalRunFilter { Labels = Labels("main", "ana") }), Is.EqualTo(new[] { _v1ModelA }));
        Assert.That(await IdsAsync(new EvalRunFilter { Labels = Labels("feature", "bo") }), Is.Empty);
    }

    [Test]
    public async Task Values_ReachSqlAsParameters_SoQuotesAndSqlInThemAreJustText()
    {
        var filter = new EvalRunFilter { Labels = new Dictionary<string, string> { ["author"] = "o'brien'); DROP TABLE eval_runs; --" } };

        Assert.That(await IdsAsync(filter), Is.EqualTo(new[] { _v2ModelA }));
        Assert.That((await _history.LoadAsync(_v2ModelA)).Labels["author"], Is.EqualTo("o'brien'); DROP TABLE eval_runs; --"));
        Assert.That(await IdsAsync(new EvalRunFilter { TaskName = "x' OR '1'='1" }), Is.Empty);
        Assert.That(await IdsAsync(), Has.Length.EqualTo(5));
    }

    [Test]
    public async Task ListRunsAsync_FiltersByStartTime_AndLimits()
    {
        var start = HistoryReports.Start;

        Assert.That(await IdsAsync(new EvalRunFilter { Since = start.AddHours(3) }), Is.EqualTo(new[] { _otherDataset, _otherTask, _v2ModelB }), "at or after");
        Assert.That(await IdsAsync(new EvalRunFilter { Before = start.AddHours(2) }), Is.EqualTo(new[] { _v1ModelA }), "strictly before");
        Assert.That(await IdsAsync(new EvalRunFilter { Since = start.AddHours(4).ToOffset(TimeSpan.FromHours(-5)) }), Is.EqualTo(new[] { _otherDataset, _otherTask }), "any offset");
        Assert.That(await IdsAsync(new EvalRunFilter { Limit = 2 }), Is.EqualTo(new[] { _otherDataset, _otherTask }));
    }

    [Test]
    public async Task LatestAsync_GivesTheLatestMatchingRun_OrNull()
    {
        Assert.That((await _history.LatestAsync(new EvalRunFilter { TaskName = "capital", DatasetHash = HistoryReports.Capitals().ContentHash }))!.RunId, Is.EqualTo(_v2ModelB));
        Assert.That((await _history.LatestAsync(new EvalRunFilter { PromptVersion = "1", Labels = new Dictionary<string, string> { ["branch"] = "main" } }))!.RunId, Is.EqualTo(_v1ModelA));
        Assert.That((await _history.LatestAsync())!.RunId, Is.EqualTo(_otherDataset));
        Assert.That(await _history.LatestAsync(new EvalRunFilter { TaskName = "none" }), Is.Null);
    }
}
