using System.Text.Json;
using AgentFlow.Evaluation;
using AgentFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AgentFlow.Tests.Evaluation.History;

/// <summary>The eval history: saving and loading reports, the file's schema, and what it refuses.</summary>
public sealed class EvalHistoryTests
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    [Test]
    public async Task SaveThenLoad_GivesBackEverythingTheReportHolds_ButTheRunRecords()
    {
        using var file = new TempHistoryFile();
        var report = await HistoryReports.CapitalsAsync(labels: new Dictionary<string, string> { ["model"] = "model-a", ["commit"] = "abc123" });
        Assume.That(report.Cases.Select(c => c.Outcome), Is.EqualTo(new[] { CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Error }));

        var runId = await file.Open().SaveAsync(report);
        var loaded = await file.Open().LoadAsync(runId);

        Assert.That(JsonSerializer.Serialize(loaded, WebJson), Is.EqualTo(JsonSerializer.Serialize(report, WebJson)), "every field the report writes, in the same order");
        Assert.That(loaded.Cases.Select(c => c.Run), Is.All.Null, "run records are not saved");
        Assert.That(report.Cases.Select(c => c.Run), Is.All.Not.Null);
        Assert.That(loaded.Labels.Keys, Is.EqualTo(new[] { "commit", "model" }));
        Assert.That(loaded.Prompts.Single().ContentHash, Is.EqualTo(report.Prompts.Single().ContentHash).And.Not.Null);
        var failed = loaded.Cases[1];
        Assert.That((failed.Actual!.Value.GetString(), failed.Score!.Passed, failed.Score.Reason), Is.EqualTo(("Lagos", false, report.Cases[1].Score!.Reason)));
        Assert.That(loaded.Cases[3].Error, Is.EqualTo(report.Cases[3].Error), "the error, with its kind, exception types and node path");
        Assert.That(loaded.Cases[3].Error!.NodePath, Is.EqualTo("capital"));
        Assert.That((loaded.Cases[0].Latency, loaded.Cases[0].Cost, loaded.Summary.Cost), Is.EqualTo((TimeSpan.FromMilliseconds(10), report.Cases[0].Cost, report.Summary.Cost)));
    }

    [Test]
    public async Task SaveThenLoad_KeepsScoresWithMetrics_ErrorsOfScorers_AndAnOutputThatIsJsonNull()
    {
        using var file = new TempHistoryFile();
        var set = EvalSet.Create("words", [
            new EvalCase<string, string>("graded", "a", "a"),
            new EvalCase<string, string>("unscorable", "b", "b"),
            new EvalCase<string, string>("null", "c", "c"),
        ]);
        var task = FlowTask.Create("echo-or-null", (string s) => s == "c" ? null! : s);
        var scorer = Scorers.Custom<string, string>("graded", (expected, actual) => expected switch
        {
            "a" => Score.Of(0.75, true, "close", new Dictionary<string, double> { ["precision"] = 0.5, ["nan"] = double.NaN }),
            "b" => Score.FromError("The pattern does not compile."),
            _ => Score.Fail(actual is null ? "no text" : "wrong"),
        });
        var report = await Evaluator.RunAsync(task, set, scorer, new EvaluationOptions { TimeProvider = new FakeTimeProvider(HistoryReports.Start) });

        var loaded = await file.Open().LoadAsync(await file.Open().SaveAsync(report));

        var graded = loaded.Cases[0].Score!;
        Assert.That((graded.Value, graded.Passed, graded.Reason, graded.Metrics["precision"]), Is.EqualTo((0.75, true, "close", 0.5)));
        Assert.That(double.IsNaN(graded.Metrics["nan"]), "a NaN metric survives");
        Assert.That(loaded.Cases[1].Score!.Error, Is.EqualTo("The pattern does not compile."));
        Assert.That(loaded.Cases[1].Outcome, Is.EqualTo(CaseOutcome.Error));
        Assert.That(loaded.Cases[2].Actual, Is.Not.Null, "the task gave an output, and it was null");
        Assert.That(loaded.Cases[2].Actual!.Value.ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task SaveThenLoad_OfAJudgedRun_KeepsTheJudgesVerdictTokensAndRubric_ButNotItsCalls()
    {
        using var file = new TempHistoryFile();
        var rubric = new Prompt("rubric", "2", "Expected {{$expected}}, got {{$actual}}. Same city?");
        var model = new ScriptedChatClient("judge-model").When(r => r.IsFrom("judge"), ScriptedReply.Json(new { reasoning = "Same city.", pass = true }).WithUsage(50, 5));
        var set = EvalSet.Create("cities", [new EvalCase<string, string>("fr", "France", "Paris")]);
        var options = new EvaluationOptions { TimeProvider = new FakeTimeProvider(HistoryReports.Start), RunOptions = _ => new RunOptions { ChatClient = model } };
        var report = await Evaluator.RunAsync(FlowTask.Create("capital-of", (string _) => "Paris"), set, Scorers.LlmJudge<string, string>(rubric), options);
        Assume.That(report.Cases[0].Score!.ModelCalls, Is.Not.Empty);

        var loaded = await file.Open().LoadAsync(await file.Open().SaveAsync(report));

        var score = loaded.Cases[0].Score!;
        Assert.That((score.Passed, score.Reason), Is.EqualTo((true, "Same city.")));
        Assert.That(score.ModelCalls, Is.Empty, "the judge's calls are not saved");
        Assert.That((loaded.Cases[0].ScoringInputTokens, loaded.Cases[0].ScoringOutputTokens, loaded.Summary.ScoringInputTokens), Is.EqualTo((50L, 5L, 50L)), "their tokens are");
        Assert.That(loaded.ScoringPrompts, Is.EqualTo(report.ScoringPrompts));
        Assert.That(loaded.ScoringModels, Is.EqualTo(new[] { "judge-model" }));
    }

    [Test]
    public async Task FirstUse_OfAMissingFileInAMissingFolder_CreatesTheSchema_InWriteAheadLogMode()
    {
        using var file = new TempHistoryFile(Path.Combine("nested", "evals.db"));

        var runs = await file.Open().ListRunsAsync();

        Assert.That(runs, Is.Empty);
        Assert.That(file.Scalar("SELECT max(version) FROM eval_schema"), Is.EqualTo(1L));
        Assert.That(file.Scalar("PRAGMA journal_mode"), Is.EqualTo("wal"));
        Assert.That(file.Scalar("PRAGMA auto_vacuum"), Is.EqualTo(2L), "incremental: deleted runs give their space back");
        Assert.That(file.Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('eval_runs', 'eval_cases', 'eval_run_labels', 'eval_run_prompts', 'eval_run_models')"), Is.EqualTo(5L));
    }

    [Test]
    public async Task FirstUse_OfAnEmptyFile_CreatesTheSchema()
    {
        using var file = new TempHistoryFile();
        Directory.CreateDirectory(Path.GetDirectoryName(file.FilePath)!);
        File.Create(file.FilePath).Dispose();

        var runId = await file.Open().SaveAsync(await HistoryReports.CapitalsAsync());

        Assert.That(runId, Is.EqualTo(1));
        Assert.That(file.Scalar("SELECT count(*) FROM eval_cases"), Is.EqualTo(4L));
    }

    [Test]
    public async Task AFileOfANewerSchemaVersion_IsRefused_AndLeftAsItWas()
    {
        using var file = new TempHistoryFile();
        await file.Open().SaveAsync(await HistoryReports.CapitalsAsync());
        file.Execute("INSERT INTO eval_schema (version, applied_at) VALUES (2, '2027-01-01T00:00:00.0000000Z')");

        var history = file.Open();

        var error = Assert.ThrowsAsync<EvalHistoryException>(async () => await history.ListRunsAsync());
        Assert.That(error!.Message, Does.Contain($"The eval history '{history.FilePath}' has schema version 2").And.Contain("reads version 1").And.Contain("Upgrade AgentFlow.Evaluation"));
        Assert.That(error.FilePath, Is.EqualTo(history.FilePath));
        Assert.ThrowsAsync<EvalHistoryException>(async () => await history.SaveAsync(await HistoryReports.CapitalsAsync()));
        Assert.That(file.Scalar("SELECT count(*) FROM eval_runs"), Is.EqualTo(1L), "nothing was written");
    }

    [Test]
    public void AnotherApplicationsDatabase_IsRefused_WithoutCreatingTables()
    {
        using var file = new TempHistoryFile();
        file.Execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)");

        var error = Assert.ThrowsAsync<EvalHistoryException>(async () => await file.Open().ListRunsAsync());

        Assert.That(error!.Message, Does.Contain("is a SQLite database but not an AgentFlow eval history").And.Contain("(orders)").And.Contain("Give EvalHistory a file of its own"));
        Assert.That(file.Scalar("SELECT count(*) FROM sqlite_master WHERE name LIKE 'eval%'"), Is.Zero);
    }

    [Test]
    public void AFileThatIsNotADatabase_IsRefused()
    {
        using var file = new TempHistoryFile();
        Directory.CreateDirectory(Path.GetDirectoryName(file.FilePath)!);
        File.WriteAllText(file.FilePath, "id,input,expected\n" + new string('x', 4096));

        var error = Assert.ThrowsAsync<EvalHistoryException>(async () => await file.Open().ListRunsAsync());

        Assert.That(error!.Message, Does.Contain("is not a SQLite database, so not an eval history"));
        Assert.That(File.ReadAllText(file.FilePath), Does.StartWith("id,input,expected\n"), "the file is left alone");
    }

    [Test]
    public void APathThatIsAFolder_IsRefused_SayingSo()
    {
        using var file = new TempHistoryFile();
        Directory.CreateDirectory(file.FilePath);

        var error = Assert.ThrowsAsync<EvalHistoryException>(async () => await file.Open().ListRunsAsync());

        Assert.That(error!.Message, Does.StartWith($"The eval history '{file.FilePath}' cannot be opened (").And.EndWith("Check that the path names a file, not a folder, in a folder that can be written."));
    }

    [Test]
    public async Task LoadAsync_OfARunThatIsNotThere_SaysSo()
    {
        using var file = new TempHistoryFile();
        var history = file.Open();

        var error = Assert.ThrowsAsync<EvalHistoryException>(async () => await history.LoadAsync(42));

        Assert.That(error!.Message, Is.EqualTo($"The eval history '{history.FilePath}' has no run 42: it was never saved there, or was deleted. ListRunsAsync lists the runs it has."));
        Assert.That(await history.ListRunsAsync(), Is.Empty);
    }

    [Test]
    public async Task AStoredRunThatCannotBeRead_IsAClearError_NamingTheRunAndTheCase()
    {
        using var file = new TempHistoryFile();
        var runId = await file.Open().SaveAsync(await HistoryReports.CapitalsAsync());
        file.Execute("UPDATE eval_cases SET result = '{\"id\": \"pe\"}' WHERE case_id = 'pe'");

        var error = Assert.ThrowsAsync<EvalHistoryException>(async () => await file.Open().LoadAsync(runId));

        Assert.That(error!.Message, Does.StartWith($"Run {runId} of the eval history").And.Contain("its case 'pe' is not valid"));
        Assert.That(error.InnerException, Is.InstanceOf<JsonException>());
    }

    [Test]
    public async Task Calls_HoldNoConnectionOpen_SoTheWriteAheadLogIsFoldedBackAfterEach()
    {
        using var file = new TempHistoryFile();

        await file.Open().SaveAsync(await HistoryReports.CapitalsAsync());

        Assert.That(File.Exists(file.FilePath + "-wal"), Is.False, "the log is removed when the last connection closes");
        File.Delete(file.FilePath);
        Assert.That(File.Exists(file.FilePath), Is.False);
    }

    [Test]
    public async Task SaveAsync_StampsTheSaveTime_FromTheOptionsClock()
    {
        using var file = new TempHistoryFile();
        var saved = new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.FromHours(2));
        var history = file.Open(new EvalHistoryOptions { TimeProvider = new FakeTimeProvider(saved) });

        await history.SaveAsync(await HistoryReports.CapitalsAsync());
        var run = (await history.ListRunsAsync()).Single();

        Assert.That(run.SavedAt, Is.EqualTo(saved));
        Assert.That(run.SavedAt.Offset, Is.EqualTo(TimeSpan.Zero), "times are kept in UTC");
        Assert.That(run.StartedAt, Is.EqualTo(HistoryReports.Start));
        Assert.That(run.ToString(), Is.EqualTo("#1 capital on capitals at 2026-11-26 09:00:00Z: 2/4 passed (50.0%)"));
    }

    [Test]
    public void Options_OutOfRange_AreRefused_NamingTheOption()
    {
        Assert.That(() => new EvalHistoryOptions { MaxRunsPerTask = 0 }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("EvalHistoryOptions.MaxRunsPerTask must be 1 or more"));
        Assert.That(() => new EvalHistoryOptions { BusyTimeout = TimeSpan.Zero }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("EvalHistoryOptions.BusyTimeout"));
        Assert.That(() => new EvalHistoryOptions { BusyTimeout = TimeSpan.FromMinutes(11) }, Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => new EvalRunFilter { Limit = 0 }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("EvalRunFilter.Limit"));
        Assert.That(() => new EvalHistory(" "), Throws.ArgumentException);
        Assert.That(new EvalHistoryOptions { MaxRunsPerTask = null }.MaxRunsPerTask, Is.Null);
    }
}
