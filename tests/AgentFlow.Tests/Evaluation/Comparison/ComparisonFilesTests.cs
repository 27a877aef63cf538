using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Comparison;

/// <summary>Writing a comparison's files: stable names, the formats asked for, JSON that reads back, JUnit that lists regressions as failures, the same bytes for the same runs.</summary>
public sealed class ComparisonFilesTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Path.Combine(Path.GetTempPath(), "agentflow-comparison-files-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteDirectory()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public async Task WriteAsync_WritesTheFourFiles_NamedAfterBothRuns_WithWhatTheWritersGive()
    {
        var comparison = await PlantedComparisonAsync();

        var paths = await comparison.WriteAsync(_directory);

        Assert.That(paths.Select(Path.GetFileName), Is.EqualTo(new[] { "parity@1-vs-parity@2.md", "parity@1-vs-parity@2.json", "parity@1-vs-parity@2.html", "parity@1-vs-parity@2.junit.xml" }));
        Assert.That(paths.All(Path.IsPathFullyQualified), Is.True);
        Assert.That(Directory.GetFiles(_directory), Has.Length.EqualTo(4), "the directory is made, and only those files are written");
        Assert.That(await File.ReadAllTextAsync(paths[0]), Is.EqualTo(comparison.ToMarkdown()));
        Assert.That(await File.ReadAllTextAsync(paths[1]), Is.EqualTo(comparison.ToJson()));
        Assert.That(await File.ReadAllTextAsync(paths[2]), Is.EqualTo(comparison.ToHtml()));
        Assert.That(await File.ReadAllTextAsync(paths[3]), Is.EqualTo(comparison.ToJUnitXml()));
        Assert.That(paths.Select(p => File.ReadAllBytes(p)[0]), Is.EqualTo("#{<<"u8.ToArray()), "UTF-8 without a byte order mark");
    }

    [Test]
    public async Task WriteAsync_WritesOnlyTheFormatsAsked_UnderTheNameGiven_WithTheValueLimitOnThePage()
    {
        var comparison = await PlantedComparisonAsync();
        var options = new ReportFileOptions { FileName = "parity-gate", MaxValueLength = 20 };

        var paths = await comparison.WriteAsync(_directory, ReportFormats.Markdown | ReportFormats.Html, options);

        Assert.That(Directory.GetFiles(_directory).Select(Path.GetFileName), Is.EquivalentTo(new[] { "parity-gate.md", "parity-gate.html" }));
        Assert.That(await File.ReadAllTextAsync(paths[1]), Is.EqualTo(comparison.ToHtml(options)).And.Contain("Values longer than 20 characters are cut short"));
    }

    [TestCase("triage/v1", "triage: v2", "triage-v1-vs-triage- v2")]
    [TestCase("a<b", "c|d", "a-b-vs-c-d")]
    public async Task WriteAsync_NamesTheFiles_WithWhatNoFileSystemRefusesReplaced(string baselineName, string candidateName, string fileName)
    {
        var comparison = await PlantedComparisonAsync();
        comparison = comparison with { Baseline = comparison.Baseline with { Name = baselineName }, Candidate = comparison.Candidate with { Name = candidateName } };

        var paths = await comparison.WriteAsync(_directory, ReportFormats.Json);

        Assert.That(Path.GetFileName(paths.Single()), Is.EqualTo(fileName + ".json"));
        Assert.That(Path.GetDirectoryName(paths.Single()), Is.EqualTo(Path.GetFullPath(_directory)));
    }

    [Test]
    public async Task WriteAsync_ForTwoRunsOfTheSameEvaluations_GivesTheSameBytes()
    {
        var first = (await (await PlantedComparisonAsync()).WriteAsync(_directory)).Select(File.ReadAllBytes).ToList();

        var second = (await (await PlantedComparisonAsync()).WriteAsync(_directory)).Select(File.ReadAllBytes).ToList();

        Assert.That(second, Is.EqualTo(first));
    }

    [TestCase("de-DE")]
    [TestCase("ar-EG")]
    public async Task EveryFormat_IsTheSame_InAnyCulture(string culture)
    {
        var comparison = await PlantedComparisonAsync();
        var invariant = Render(comparison);
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assume.That(1234.5.ToString("N1", CultureInfo.CurrentCulture), Is.Not.EqualTo("1,234.5"), "the culture writes numbers differently (ICU is available)");

            Assert.That(Render(comparison), Is.EqualTo(invariant));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        static string[] Render(EvalComparison comparison) => [comparison.ToMarkdown(), comparison.ToJson(), comparison.ToHtml(), comparison.ToJUnitXml()];
    }

    [Test]
    public async Task WriteAsync_WithNoFormatOrAnUnknownOne_IsRefused_AndWritesNothing()
    {
        var comparison = await PlantedComparisonAsync();

        Assert.That(() => comparison.WriteAsync(_directory, ReportFormats.None), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("ReportFormats.Markdown, Json, Html and JUnit"));
        Assert.That(() => comparison.WriteAsync(_directory, (ReportFormats)16), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => comparison.WriteAsync(" "), Throws.ArgumentException);
        Assert.That(Directory.Exists(_directory), Is.False);
    }

    [Test]
    public async Task WriteAsync_WhenCancelled_Throws()
    {
        var comparison = await PlantedComparisonAsync();

        Assert.That(() => comparison.WriteAsync(_directory, cancellationToken: new CancellationToken(canceled: true)), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task ToJson_IsIndentedCamelCase_AndReadsBackEqual()
    {
        var comparison = await PlantedComparisonAsync();

        var json = comparison.ToJson();
        var read = JsonSerializer.Deserialize<EvalComparison>(json, JsonSerializerOptions.Web)!;

        Assert.That(read.ToJson(), Is.EqualTo(json));
        Assert.That(json, Does.StartWith("{\n  \"baseline\": {\n    \"runId\": null,\n    \"name\": \"parity@1\",").And.EndWith("}\n").And.Not.Contain("\r"));
        Assert.That(json, Does.Contain("\"verdict\": \"CandidateBetter\"").And.Contain("\"conclusion\": \"candidate better, p=0.0215: accuracy 45.0% → 85.0%"), "enums by name, text unescaped");
        Assert.That((read.Conclusion, read.Outcomes, read.Regressed.Single().CandidateReason), Is.EqualTo((comparison.Conclusion, comparison.Outcomes, comparison.Regressed.Single().CandidateReason)));
        Assert.That(read.ToHtml(), Is.EqualTo(comparison.ToHtml()), "a stored comparison renders the same page");
    }

    [Test]
    public async Task ToJUnitXml_HasAVerdictTest_AFailedTestPerRegressedCase_AndAPassedTestPerImprovedCase()
    {
        var comparison = await PlantedComparisonAsync();

        var suite = XDocument.Parse(comparison.ToJUnitXml()).Root!.Elements("testsuite").Single();

        Assert.That(
            new[] { "name", "tests", "failures", "errors", "skipped", "timestamp" }.Select(a => suite.Attribute(a)?.Value),
            Is.EqualTo(new[] { "parity@1 → parity@2", "11", "1", "0", "0", "2026-11-26T09:00:00" }));
        var cases = suite.Elements("testcase").ToList();
        Assert.That(cases.Select(c => c.Attribute("name")!.Value), Is.EqualTo(new[] { "verdict", "n1" }.Concat(Enumerable.Range(10, 9).Select(i => $"n{i}"))));
        Assert.That(cases.Select(c => c.Attribute("classname")!.Value).Distinct(), Is.EqualTo(new[] { "parity.comparison" }), "apart from the report's own test cases");
        Assert.That(cases[0].Element("failure"), Is.Null, "the candidate is not worse");
        Assert.That(cases[0].Element("system-out")!.Value, Does.StartWith(comparison.Conclusion + "\nIf the runs were equally good"));
        var failure = cases[1].Element("failure")!;
        Assert.That(failure.Attribute("type")!.Value, Is.EqualTo("regressed"));
        Assert.That(failure.Attribute("message")!.Value, Does.StartWith("Regressed: passed in the baseline, error in the candidate: Task 'parity' failed"));
        Assert.That(failure.Value, Does.StartWith("Expected: odd\nBaseline (passed, score 1): odd\nCandidate (error): no output — Task 'parity' failed").And.EndWith("\nInput: 1\nTags: low\n"));
        Assert.That(cases.Skip(2).Select(c => c.Elements().Single().Name.LocalName).Distinct(), Is.EqualTo(new[] { "system-out" }), "improved cases pass");
        Assert.That(cases[2].Element("system-out")!.Value, Does.StartWith("Improved: failed in the baseline, passed in the candidate.\nExpected: even\nBaseline (failed, score 0): odd — expected \"even\", got \"odd\"\nCandidate (passed, score 1): even\n"));
    }

    [Test]
    public async Task ToJUnitXml_OfACandidateSignificantlyWorse_FailsTheVerdictTest_WithTheConclusion()
    {
        var comparison = EvalComparison.Compare(await PlantedRuns.CandidateAsync(), await PlantedRuns.BaselineAsync());

        var suite = XDocument.Parse(comparison.ToJUnitXml()).Root!.Elements("testsuite").Single();

        Assert.That((suite.Attribute("tests")!.Value, suite.Attribute("failures")!.Value), Is.EqualTo(("11", "10")), "the verdict and the nine regressed cases");
        var verdict = suite.Elements("testcase").First().Element("failure")!;
        Assert.That((verdict.Attribute("type")!.Value, verdict.Attribute("message")!.Value), Is.EqualTo(("CandidateWorse", comparison.Conclusion)));
        Assert.That(verdict.Value, Does.Contain("below the significance level 0.05").And.Contain("Read the 1 improved case too."));
    }

    [Test]
    public async Task ToJUnitXml_HasTheTestAndBothRuns_AsProperties()
    {
        var comparison = await PlantedComparisonAsync();

        var properties = XDocument.Parse(comparison.ToJUnitXml()).Descendants("property").Select(p => (p.Attribute("name")!.Value, p.Attribute("value")!.Value)).ToList();

        Assert.That(properties, Does.Contain(("verdict", "CandidateBetter")).And.Contain(("pValue", "0.021484375")).And.Contain(("candidateOnly", "9")).And.Contain(("baselineOnly", "1")));
        Assert.That(properties, Does.Contain(("baseline.model", "model-a")).And.Contain(("candidate.model", "model-b")).And.Contain(("candidate.label.prompt", "parity@2")));
        Assert.That(properties.Single(p => p.Item1 == "candidate.prompt").Item2, Is.EqualTo($"parity@2 {comparison.Candidate.Prompts.Single().ContentHash}"));
    }

    /// <summary>The planted comparison: parity@1 against parity@2, b = 1 (n1, an error in the candidate), c = 9.</summary>
    private static async Task<EvalComparison> PlantedComparisonAsync()
        => EvalComparison.Compare(await PlantedRuns.BaselineAsync(), await PlantedRuns.CandidateAsync());
}
