using System.Globalization;
using System.Xml.Linq;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Composition;

/// <summary>
/// The JUnit XML of an analysis and of a comparison: a suite per flow, a test case per case, a failure per failing
/// class that says where the case went wrong, an error per case without a verdict, the numbers as properties.
/// </summary>
public sealed class CompositionJUnitTests
{
    [Test]
    public async Task AnalysisJUnit_Parses_AndItsCountsMatchTheClasses()
    {
        var analysis = await PlantedAnalyses.AnalyseAsync();

        var document = XDocument.Parse(analysis.ToJUnitXml());

        var root = document.Root!;
        Assert.That(root.Name.LocalName, Is.EqualTo("testsuites"));
        var suite = root.Elements().Single();
        Assert.That(
            new[] { "name", "tests", "failures", "errors", "skipped", "timestamp" }.Select(a => suite.Attribute(a)?.Value),
            Is.EqualTo(new[] { "qa", "9", "4", "2", "0", "2026-11-26T09:00:00" }));
        Assert.That((root.Attribute("tests")?.Value, root.Attribute("failures")?.Value, root.Attribute("errors")?.Value), Is.EqualTo(("9", "4", "2")));
        var cases = suite.Elements("testcase").ToList();
        Assert.That(cases.Select(c => c.Attribute("name")!.Value), Is.EqualTo(analysis.Cases.Select(c => c.Id)));
        Assert.That(cases.Select(c => c.Attribute("classname")!.Value).Distinct(), Is.EqualTo(new[] { "qa" }), "the class name is the flow's name");
        foreach (var outcome in Enum.GetValues<CompositionOutcome>().Where(o => o != CompositionOutcome.Passed))
        {
            var verdict = outcome is CompositionOutcome.TaskFailed or CompositionOutcome.ScoringFailed ? "error" : "failure";
            Assert.That(
                cases.Count(c => c.Element(verdict)?.Attribute("type")?.Value == outcome.ToString()),
                Is.EqualTo(analysis.Summary.Count(outcome)),
                $"{outcome}: a <{verdict}> per case of the class");
        }

        Assert.That(cases.Count(c => !c.HasElements), Is.EqualTo(analysis.Summary.Passed));
        Assert.That(suite.Elements().Select(e => e.Name.LocalName).Distinct(), Is.EqualTo(new[] { "properties", "testcase" }), "properties come first");
    }

    [Test]
    public async Task AnalysisJUnit_FailureMessages_NameTheClassAndWhereTheCaseWentWrong()
    {
        var xml = (await PlantedAnalyses.AnalyseAsync()).ToJUnitXml();

        var route = Case(xml, "route").Element("failure")!;
        Assert.That(route.Attribute("message")!.Value, Does.StartWith("Wrong route at qa/fact: The route at qa/fact chose Currency, CallingCode was expected."));
        Assert.That(route.Value, Does.StartWith("Class: Wrong route\nFirst wrong: qa/fact\nSteps:\n  right: qa/country, expected Kenya, got {\"input\":\"route\",\"value\":\"Kenya\"}\n  wrong: qa/fact (route), expected CallingCode, got Currency; chose Currency by Code\n  not run: qa/fact[CallingCode]/calling-code, expected +254; it did not run\n"));
        Assert.That(route.Value, Does.EndWith("Expected: +254\nActual: +1\nInput: route\nCategory: hard\n"));
        Assert.That(Case(xml, "subtask").Element("failure")!.Attribute("message")!.Value, Does.StartWith("Sub-task incorrect at qa/country: The sub-task qa/country was wrong"));
        Assert.That(Case(xml, "gap-1").Element("failure")!.Attribute("message")!.Value, Is.EqualTo("Composability gap: Every listed sub-task and route was right (3), but the final output is wrong (expected +254, got +1)."));
        var crash = Case(xml, "crash").Element("error")!;
        Assert.That((crash.Attribute("type")!.Value, crash.Attribute("message")!.Value), Is.EqualTo(("TaskFailed", "Task failed at qa/country: The run did not complete at qa/country: Task 'qa/country' failed: InvalidOperationException: No country for <crash>.")));
        Assert.That(crash.Value, Does.Contain("Error: task failed at qa/country (FlowTaskException, inner: InvalidOperationException)\n"));
        var unreadable = Case(xml, "unreadable").Element("error")!;
        Assert.That((unreadable.Attribute("type")!.Value, unreadable.Attribute("message")!.Value), Is.EqualTo(("ScoringFailed", "Scoring failed: The final output could not be scored: The answer '??' cannot be read.")));
    }

    [Test]
    public async Task AnalysisJUnit_CarriesTheGapItsIntervalAndTheAccuracy_AsProperties()
    {
        var analysis = await PlantedAnalyses.AnalyseAsync();

        var properties = Properties(analysis.ToJUnitXml());

        Assert.That(properties["flow"], Is.EqualTo("qa"));
        Assert.That(properties["scorer"], Is.EqualTo("answer"));
        Assert.That(properties["subtask.qa/country.scorer"], Is.EqualTo("country"));
        Assert.That(properties["dataset.hash"], Is.EqualTo(analysis.DatasetHash));
        Assert.That((properties["gap"], properties["gap.cases"], properties["gap.subTasksRightCases"]), Is.EqualTo(("0.5", "2", "4")));
        Assert.That(Parse(properties["gap.lower"]), Is.EqualTo(analysis.Summary.Gap.Interval!.Lower), "machine-read numbers read back exactly");
        Assert.That(Parse(properties["gap.upper"]), Is.EqualTo(analysis.Summary.Gap.Interval!.Upper));
        Assert.That(Parse(properties["accuracy"]), Is.EqualTo(3 / 9.0));
        Assert.That(Parse(properties["accuracy.lower"]), Is.EqualTo(analysis.Summary.AccuracyInterval.Lower));
        Assert.That((properties["cases.Passed"], properties["cases.CompositionGap"], properties["cases.TaskFailed"]), Is.EqualTo(("3", "2", "1")));
        Assert.That((properties["category.easy.gap"], properties["category.hard.gap"]), Is.EqualTo(((1 / 3.0).ToString("R", CultureInfo.InvariantCulture), "1")));
        Assert.That((properties["node.qa/country.accuracy"], properties["node.qa/country.firstWrong"]), Is.EqualTo(("0.75", "2")));
        Assert.That((properties["gap.resamples"], properties["gap.seed"]), Is.EqualTo(("10000", "0")));
    }

    [Test]
    public async Task AnalysisJUnit_WithTheGapUndefined_SaysSo_AndHasNoInterval()
    {
        var plants = PlantedAnalyses.Baseline.Keys.ToDictionary(k => k, _ => new PlantedAnalyses.Plant(CountryRight: false, FinalRight: false));
        var analysis = await CompositionAnalyzer.RunAsync(PlantedAnalyses.Qa(plants), PlantedAnalyses.Set, PlantedAnalyses.Answer, PlantedAnalyses.Options());

        var properties = Properties(analysis.ToJUnitXml());

        Assert.That(properties["gap"], Is.EqualTo("undefined"));
        Assert.That(properties.Keys, Has.None.EqualTo("gap.lower"));
    }

    [Test]
    public async Task AnalysisJUnit_WithControlCharactersAndMarkupInValues_IsStillWellFormed()
    {
        var analysis = await PlantedAnalyses.AnalyseAsync();
        analysis = analysis with
        {
            Cases = [.. analysis.Cases.Select(c => c.Id == "gap-1" ? c with { Id = "gap-1 <&>", Explanation = "bell\u0007 ]]> <tag> \ud800" } : c)],
        };

        var testCase = XDocument.Parse(analysis.ToJUnitXml()).Descendants("testcase").Single(c => c.Attribute("name")!.Value == "gap-1 <&>");

        Assert.That(testCase.Element("failure")!.Attribute("message")!.Value, Is.EqualTo("Composability gap: bell\\u0007 ]]> <tag> \uFFFD"));
    }

    [Test]
    public async Task ComparisonJUnit_HasASuitePerFlow_TheCasesOfEachKeptApart_AndTheDifferencesAsProperties()
    {
        var comparison = await PlantedAnalyses.CompareAsync();

        var document = XDocument.Parse(comparison.ToJUnitXml());

        var root = document.Root!;
        Assert.That((root.Attribute("name")!.Value, root.Attribute("tests")!.Value, root.Attribute("failures")!.Value, root.Attribute("errors")!.Value), Is.EqualTo(("direct vs decomposed", "18", "7", "4")));
        var suites = root.Elements("testsuite").ToList();
        Assert.That(suites.Select(s => (s.Attribute("name")!.Value, s.Attribute("failures")!.Value)), Is.EqualTo(new[] { ("direct", "4"), ("decomposed", "3") }));
        Assert.That(suites.Select(s => s.Elements("testcase").Select(c => c.Attribute("classname")!.Value).Distinct().Single()), Is.EqualTo(new[] { "direct.qa", "decomposed.qa" }));
        var candidate = suites[1];
        var broken = candidate.Elements("testcase").Single(c => c.Attribute("name")!.Value == "pass-2").Element("failure")!;
        Assert.That(broken.Attribute("type")!.Value, Is.EqualTo("CompositionGap"));
        Assert.That(broken.Value, Does.EndWith("In direct: Passed\n"));
        var properties = candidate.Element("properties")!.Elements("property").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("value")!.Value);
        Assert.That((properties["comparison.baseline"], properties["comparison.candidate"], properties["comparison.fixed"], properties["comparison.broken"], properties["comparison.changes"]), Is.EqualTo(("direct", "decomposed", "2", "1", "4")));
        Assert.That(Parse(properties["comparison.gapDelta"]), Is.EqualTo(comparison.GapDelta));
        Assert.That(properties["gap"], Is.EqualTo("0.25"));
    }

    private static XElement Case(string xml, string id) => XDocument.Parse(xml).Descendants("testcase").Single(c => c.Attribute("name")!.Value == id);

    private static Dictionary<string, string> Properties(string xml)
        => XDocument.Parse(xml).Descendants("property").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("value")!.Value);

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
