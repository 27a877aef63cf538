using System.Text.Json;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Composition;

/// <summary>Markdown and JSON of analyses and comparisons, and the files they are written to.</summary>
public sealed class ReportTests
{
    private static readonly Dictionary<string, (string Country, string Code)> Capitals = new()
    {
        ["Nairobi"] = ("Kenya", "+254"),
        ["Oslo"] = ("Norway", "+47"),
        ["Lima"] = ("Peru", "+51"),
        ["Cairo"] = ("Egypt", "+20"),
    };

    private static readonly SubTask<string, string> Country = SubTask.At("qa/country", Scorers.Exact<string>());

    /// <summary>Direct: wrong for Nairobi although its country is right, and wrong for Lima, whose country is wrong.</summary>
    private static readonly Flow<string, string> Direct = Flow.Define<string>("qa")
        .Then(Flow.Parallel("country", FlowTask.Create("keep", (string c) => c), FlowTask.Create("ask", (string c) => c == "Lima" ? "Bolivia" : Capitals[c].Country), (capital, country) => (Capital: capital, Country: country)))
        .Then("answer", ((string Capital, string Country) x) => x.Capital is "Nairobi" or "Lima" ? "+1" : Capitals[x.Capital].Code)
        .Build();

    private static readonly Flow<string, string> Decomposed = Flow.Define<string>("qa")
        .Then(Flow.Parallel("country", FlowTask.Create("keep", (string c) => c), FlowTask.Create("ask", (string c) => c == "Lima" ? "Bolivia" : Capitals[c].Country), (capital, country) => (Capital: capital, Country: country)))
        .Then("answer", ((string Capital, string Country) x) => Capitals.Values.FirstOrDefault(v => v.Country == x.Country).Code ?? "+591")
        .Build();

    private static readonly CompositionSet<string, string> Set = CompositionSet.Create(
        "capitals",
        Capitals.Select(c => new CompositionCase<string, string>(c.Key, c.Key, c.Value.Code) { Category = c.Key == "Cairo" ? "africa" : "elsewhere" }
            .Expect(SubTask.At("qa/country/ask", Scorers.Exact<string>()), c.Value.Country)));

    private static Task<CompositionComparison> Compare()
        => CompositionAnalyzer.CompareAsync(Set, Scorers.Exact<string>(), "direct", Direct, "decomposed", Decomposed);

    [Test]
    public async Task AnalysisMarkdown_ShowsTheNumbers_TheTable_TheNodes_AndTheCasesNotPassed()
    {
        var markdown = (await Compare()).Baseline.ToMarkdown();

        TestContext.Out.WriteLine(markdown);
        Assert.That(markdown, Does.StartWith("# Composability: direct on capitals\n"));
        Assert.That(markdown, Does.Contain("| Accuracy | 50.0% (2/4, 95% CI 15.0% to 85.0%) |"));
        Assert.That(markdown, Does.Contain("| Composability gap | 33.3% (1/3, 95% CI 0.0% to 100.0%); percentile bootstrap, 10,000 resamples, seed 0"));
        Assert.That(markdown, Does.Contain("| Sub-task incorrect | 1 | 25.0% |").And.Contain("| Composability gap | 1 | 25.0% |"));
        Assert.That(markdown, Does.Contain("| All sub-tasks right | 50.0% (2) | 25.0% (1) |\n| A sub-task wrong | 0.0% (0) | 25.0% (1) |"));
        Assert.That(markdown, Does.Contain("| africa | 1 | 100.0% | 0.0% (0/1, 95% CI 0.0% to 0.0%) |"));
        Assert.That(markdown, Does.Contain("| `qa/country/ask` | sub-task | 75.0% | 3/4 | 1 | 0 | 0 |"));
        Assert.That(markdown, Does.Contain("| `Nairobi` | elsewhere | Composability gap |  | `+254` | `+1` | Every listed sub-task and route was right (1), but the final output is wrong (expected \"+254\", got \"+1\"). |"));
        Assert.That(markdown, Does.Contain("| `Lima` | elsewhere | Sub-task incorrect | `qa/country/ask` | `+51` | `+1` |"));
    }

    [Test]
    public async Task ComparisonMarkdown_PutsBothSideBySide_WithTheDifferences_AndTheCasesThatChanged()
    {
        var markdown = (await Compare()).ToMarkdown();

        TestContext.Out.WriteLine(markdown);
        Assert.That(markdown, Does.StartWith("# Composability: direct vs decomposed on capitals\n"));
        Assert.That(markdown, Does.Contain("| Accuracy | 50.0% (2/4, 95% CI 15.0% to 85.0%) | 75.0% (3/4, 95% CI 30.1% to 95.4%) | +25.0 points |"));
        Assert.That(markdown, Does.Contain("| Composability gap | 33.3% (1/3, 95% CI 0.0% to 100.0%) | 0.0% (0/3, 95% CI 0.0% to 0.0%) | -33.3 points |"));
        Assert.That(markdown, Does.Contain("| Passed (cases) | 2 | 3 | +1 |").And.Contain("| Composability gap (cases) | 1 | 0 | -1 |").And.Contain("| Wrong route (cases) | 0 | 0 | 0 |"));
        Assert.That(markdown, Does.Contain("| All sub-tasks right | 50.0% (2) | 25.0% (1) | 75.0% (3) | 0.0% (0) |"));
        Assert.That(markdown, Does.Contain("| elsewhere | 3 | 33.3% | 66.7% |"));
        Assert.That(markdown, Does.Contain("1 case(s) changed: 1 now pass, 0 no longer pass (exact McNemar test on the 1 discordant case(s): two-sided p=1).").And.Contain("| `Nairobi` | elsewhere | Composability gap | Passed |"));
    }

    [Test]
    public async Task AnalysisJson_HoldsTheNumbersAndEveryCase_WithEnumsByName_AndNoRunRecords()
    {
        var analysis = (await Compare()).Baseline;

        using var json = JsonDocument.Parse(analysis.ToJson());

        var root = json.RootElement;
        Assert.That((root.GetProperty("format").GetString(), root.GetProperty("formatVersion").GetInt32()), Is.EqualTo(("agentflow-composition-analysis", 1)));
        Assert.That(root.EnumerateObject().Select(p => p.Name).Take(3), Is.EqualTo(new[] { "format", "formatVersion", "name" }));
        var gap = root.GetProperty("summary").GetProperty("gap");
        Assert.That((gap.GetProperty("gapCases").GetInt32(), gap.GetProperty("subTasksRightCases").GetInt32(), gap.GetProperty("value").GetDouble()), Is.EqualTo((1, 3, 1 / 3.0)));
        Assert.That(root.GetProperty("summary").GetProperty("table").GetProperty("bothRightShare").GetDouble(), Is.EqualTo(0.5));
        var nairobi = root.GetProperty("cases")[0];
        Assert.That(nairobi.GetProperty("outcome").GetString(), Is.EqualTo("CompositionGap"));
        Assert.That(nairobi.GetProperty("steps")[0].GetProperty("status").GetString(), Is.EqualTo("Right"));
        Assert.That(nairobi.GetProperty("final").GetProperty("actual").GetString(), Is.EqualTo("+1"));
        Assert.That(nairobi.GetProperty("final").TryGetProperty("run", out _), Is.False, "run records are not written");
        Assert.That(root.TryGetProperty("report", out _), Is.False, "the plain report is not repeated: the cases carry it");
        Assert.That(root.GetProperty("byCategory").GetProperty("africa").GetProperty("passed").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task ComparisonJson_HoldsBothAnalyses_AndTheChanges()
    {
        using var json = JsonDocument.Parse((await Compare()).ToJson());

        var root = json.RootElement;
        Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("agentflow-composition-comparison"));
        Assert.That((root.GetProperty("baseline").GetProperty("name").GetString(), root.GetProperty("candidate").GetProperty("name").GetString()), Is.EqualTo(("direct", "decomposed")));
        Assert.That(root.GetProperty("accuracyDelta").GetDouble(), Is.EqualTo(0.25));
        var change = root.GetProperty("changes").EnumerateArray().Single();
        Assert.That((change.GetProperty("id").GetString(), change.GetProperty("baseline").GetString(), change.GetProperty("candidate").GetString()), Is.EqualTo(("Nairobi", "CompositionGap", "Passed")));
    }

    [Test]
    public async Task WriteAsync_WritesTheComparisonAndBothAnalyses_AsMarkdownAndJson()
    {
        var comparison = await Compare();
        var directory = Path.Combine(Path.GetTempPath(), $"agentflow-composition-{Guid.NewGuid():N}");
        try
        {
            var written = await comparison.WriteAsync(directory, ReportFormats.Markdown | ReportFormats.Json);

            Assert.That(written.Select(Path.GetFileName), Is.EqualTo(new[]
            {
                "direct-vs-decomposed.comparison.md", "direct-vs-decomposed.comparison.json",
                "direct.composition.md", "direct.composition.json",
                "decomposed.composition.md", "decomposed.composition.json",
            }));
            Assert.That(File.ReadAllText(written[0]), Is.EqualTo(comparison.ToMarkdown()));
            Assert.That(File.ReadAllText(written[3]), Is.EqualTo(comparison.Baseline.ToJson()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task ThePlainReportOfTheFinalOutputs_IsTheEvaluatorsReport()
    {
        var analysis = (await Compare()).Baseline;

        Assert.That((analysis.Report.Name, analysis.Report.TaskName, analysis.Report.Summary.Passed, analysis.Report.Summary.Cases), Is.EqualTo(("direct", "qa", 2, 4)));
        Assert.That(analysis.Report.DatasetHash, Is.EqualTo(Set.ToEvalSet().ContentHash));
        Assert.That(analysis.Report.Cases.Select(c => c.Id), Is.EqualTo(analysis.Cases.Select(c => c.Id)));
        Assert.That(analysis.Cases[0].Final, Is.SameAs(analysis.Report.Cases[0]));
    }
}
