using System.Text.Json;
using AgentFlow.Evaluation;
using AgentFlow.Testing;

namespace AgentFlow.Tests.Evaluation.Reports;

/// <summary>The JSON report: its envelope, what it leaves out, a round trip equal in every field, and clear errors for what is not a report.</summary>
public sealed class JsonReportTests
{
    [Test]
    public async Task FromJson_ReadsBackEverySummaryAndCaseField()
    {
        var report = await ReportFixture.RunAsync();

        var read = EvalReport.FromJson(report.ToJson());

        AssertSameReport(read, report);
    }

    [Test]
    public async Task ToJson_OfAReportReadBack_IsTheSameText()
    {
        var json = (await ReportFixture.RunAsync()).ToJson();

        Assert.That(EvalReport.FromJson(json).ToJson(), Is.EqualTo(json));
    }

    [Test]
    public async Task ToJson_HasTheFormatAndItsVersion_CamelCaseMembers_EnumsByName_AndNoRunRecord()
    {
        var report = await ReportFixture.RunAsync();

        var json = report.ToJson();

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "format", "formatVersion", "report" }));
        Assert.That((root.GetProperty("format").GetString(), root.GetProperty("formatVersion").GetInt32()), Is.EqualTo(("agentflow-eval-report", 1)));
        var lookup = root.GetProperty("report").GetProperty("cases")[6];
        Assert.That(lookup.GetProperty("outcome").GetString(), Is.EqualTo("Error"));
        Assert.That(lookup.GetProperty("error").GetProperty("kind").GetString(), Is.EqualTo("TaskFailed"));
        Assert.That(lookup.TryGetProperty("run", out _), Is.False, "run records hold exceptions: not written");
        Assert.That(json, Does.Contain("\"text\": \"<script>alert('x')</script> my bill is wrong\""), "readable text: nothing escaped that JSON does not require");
        Assert.That(json, Does.Not.Contain("\r"), "LF line ends on every platform");
        Assert.That(report.Cases[6].Run, Is.Not.Null, "the report in memory keeps its run records");
    }

    [Test]
    public async Task FromJson_OfAJudgedReport_KeepsTheJudgesTokensAndPrompts_ButNotItsCallRecords()
    {
        var rubric = new Prompt("rubric", "1", "Expected {{$expected}}, got {{$actual}}.");
        var model = new ScriptedChatClient("judge-model")
            .When(r => r.IsFrom("judge"), ScriptedReply.Json(new { reasoning = "Same city.", pass = true }).WithUsage(50, 5));
        var set = EvalSet.Create("cities", [new EvalCase<string, string>("fr", "France", "Paris")]);
        var report = await Evaluator.RunAsync(
            FlowTask.Create("capital", (string _) => "Paris"),
            set,
            Scorers.LlmJudge<string, string>(rubric),
            new EvaluationOptions { RunOptions = _ => new RunOptions { ChatClient = model } });
        Assert.That(report.Cases[0].Score!.ModelCalls, Has.Count.EqualTo(1), "precondition: the judge's call is recorded in memory");

        var json = report.ToJson();
        var read = EvalReport.FromJson(json);

        Assert.That(json, Does.Not.Contain("modelCalls"));
        Assert.That(read.Cases[0].Score!.ModelCalls, Is.Empty);
        Assert.That((read.Cases[0].ScoringInputTokens, read.Cases[0].ScoringOutputTokens), Is.EqualTo((50L, 5L)));
        Assert.That(read.ScoringPrompts, Is.EqualTo(report.ScoringPrompts));
        Assert.That(read.ScoringModels, Is.EqualTo(new[] { "judge-model" }));
        Assert.That(read.Cases[0].Score!.Reason, Is.EqualTo("Same city."));
        AssertSameReport(read, report);
    }

    [Test]
    public async Task FromJson_IsAlsoAPlainStaticMethod_ForLanguageVersionsWithoutStaticExtensions()
    {
        var json = (await ReportFixture.RunAsync()).ToJson();

        Assert.That(EvalReportWriter.FromJson(json).ToJson(), Is.EqualTo(json));
    }

    [Test]
    public async Task FromJson_GivesReadOnlyCollections()
    {
        var read = EvalReport.FromJson((await ReportFixture.RunAsync()).ToJson());

        Assert.That(read.Cases, Is.InstanceOf<System.Collections.ObjectModel.ReadOnlyCollection<CaseResult>>());
        Assert.That(read.Cases[0].Tags, Is.InstanceOf<System.Collections.ObjectModel.ReadOnlyCollection<string>>());
        Assert.That(read.Labels, Is.InstanceOf<System.Collections.ObjectModel.ReadOnlyDictionary<string, string>>());
        Assert.That(read.ByTag, Is.InstanceOf<System.Collections.ObjectModel.ReadOnlyDictionary<string, EvalSummary>>());
    }

    [TestCase("{\"format\": \"agentflow-eval-report\", ", "The JSON is not a valid evaluation report at line 1: ", null)]
    [TestCase("[1, 2]", "has no \"format\": \"agentflow-eval-report\"", "$.format")]
    [TestCase("{\"format\": \"cassette\", \"formatVersion\": 1}", "The JSON is a 'cassette' file, not an evaluation report", "$.format")]
    [TestCase("{\"format\": \"agentflow-eval-report\", \"formatVersion\": 2, \"report\": {}}", "formatVersion is 2; this version of AgentFlow.Evaluation reads version 1", "$.formatVersion")]
    [TestCase("{\"format\": \"agentflow-eval-report\", \"formatVersion\": 1}", "missing required properties including: 'report'", "$")]
    public void FromJson_OfWhatIsNotAReport_SaysWhatIsWrongAndWhere(string json, string message, string? path)
    {
        var error = Assert.Throws<EvalReportJsonException>(() => EvalReport.FromJson(json))!;

        Assert.That(error.Message, Does.Contain(message));
        Assert.That(error.Path, Is.EqualTo(path));
    }

    [Test]
    public async Task FromJson_WithAMemberMissingOrOfTheWrongType_NamesItsPathAndLine()
    {
        var json = (await ReportFixture.RunAsync()).ToJson();
        var wrongOutcome = ReplaceFirst(json, "\"outcome\": \"Passed\"", "\"outcome\": \"Maybe\"");
        var noSummary = ReplaceFirst(json, "\"summary\":", "\"summery\":");

        var outcome = Assert.Throws<EvalReportJsonException>(() => EvalReport.FromJson(wrongOutcome))!;
        var summary = Assert.Throws<EvalReportJsonException>(() => EvalReport.FromJson(noSummary))!;

        var outcomeLine = json[..json.IndexOf("\"outcome\": \"Passed\"", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        Assert.That(outcome.Path, Is.EqualTo("$.report.cases[0].outcome"));
        Assert.That(outcome.LineNumber, Is.EqualTo(outcomeLine));
        Assert.That(outcome.Message, Does.StartWith($"The JSON is not a valid evaluation report at $.report.cases[0].outcome (line {outcomeLine}): "));
        Assert.That(summary.Message, Does.Contain("summary"));
    }

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"'{old}' is in the JSON");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length));
    }

    /// <summary>Every field of the report, its summaries and its cases, compared one by one (lists and JSON snapshots have no value equality).</summary>
    internal static void AssertSameReport(EvalReport read, EvalReport report)
    {
        Assert.Multiple(() =>
        {
            Assert.That((read.Name, read.TaskName, read.Scorer, read.DatasetName, read.DatasetHash), Is.EqualTo((report.Name, report.TaskName, report.Scorer, report.DatasetName, report.DatasetHash)));
            Assert.That(read.Labels, Is.EqualTo(report.Labels));
            Assert.That(read.Labels.Keys, Is.EqualTo(report.Labels.Keys), "in the same order");
            Assert.That((read.StartedAt, read.StartedAt.Offset, read.Duration, read.MaxParallelism, read.CaseTimeout), Is.EqualTo((report.StartedAt, report.StartedAt.Offset, report.Duration, report.MaxParallelism, report.CaseTimeout)));
            Assert.That(read.Prompts, Is.EqualTo(report.Prompts));
            Assert.That(read.Models, Is.EqualTo(report.Models));
            Assert.That(read.ScoringPrompts, Is.EqualTo(report.ScoringPrompts));
            Assert.That(read.ScoringModels, Is.EqualTo(report.ScoringModels));
            Assert.That(read.Summary, Is.EqualTo(report.Summary));
            Assert.That(read.ByTag.Keys, Is.EqualTo(report.ByTag.Keys));
            foreach (var (tag, summary) in report.ByTag)
            {
                Assert.That(read.ByTag[tag], Is.EqualTo(summary), tag);
            }

            Assert.That(read.Cases, Has.Count.EqualTo(report.Cases.Count));
            foreach (var (r, c) in read.Cases.Zip(report.Cases))
            {
                Assert.That((r.Id, r.Outcome, r.Passed, r.Latency, r.Error, r.FailedNodePath), Is.EqualTo((c.Id, c.Outcome, c.Passed, c.Latency, c.Error, c.FailedNodePath)), c.Id);
                Assert.That(r.Tags, Is.EqualTo(c.Tags), c.Id);
                Assert.That(JsonElement.DeepEquals(r.Input, c.Input), Is.True, $"{c.Id}: input");
                Assert.That(JsonElement.DeepEquals(r.Expected, c.Expected), Is.True, $"{c.Id}: expected");
                Assert.That(r.Actual.HasValue, Is.EqualTo(c.Actual.HasValue), $"{c.Id}: actual");
                if (c.Actual is { } actual)
                {
                    Assert.That(JsonElement.DeepEquals(r.Actual!.Value, actual), Is.True, $"{c.Id}: actual");
                }

                Assert.That(
                    (r.InputTokens, r.OutputTokens, r.TokensEstimated, r.Cost, r.UnpricedModelCalls, r.ScoringInputTokens, r.ScoringOutputTokens, r.ScoringCost),
                    Is.EqualTo((c.InputTokens, c.OutputTokens, c.TokensEstimated, c.Cost, c.UnpricedModelCalls, c.ScoringInputTokens, c.ScoringOutputTokens, c.ScoringCost)),
                    c.Id);
                Assert.That(r.Score is null, Is.EqualTo(c.Score is null), $"{c.Id}: score");
                if (c.Score is { } score)
                {
                    Assert.That((r.Score!.Value, r.Score.Passed, r.Score.Reason, r.Score.Error), Is.EqualTo((score.Value, score.Passed, score.Reason, score.Error)), $"{c.Id}: score");
                    Assert.That(r.Score.Metrics, Is.EqualTo(score.Metrics), $"{c.Id}: metrics");
                }

                Assert.That(r.Run, Is.Null, $"{c.Id}: run records are not in the JSON");
            }
        });
    }
}
