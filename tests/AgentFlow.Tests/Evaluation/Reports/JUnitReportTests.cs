using System.Xml.Linq;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Reports;

/// <summary>The JUnit XML report: the common shape CI servers read, counts that match the summary, a failure or an error per case that did not pass.</summary>
public sealed class JUnitReportTests
{
    [Test]
    public async Task ToJUnitXml_Parses_AndItsCountsMatchTheSummary()
    {
        var report = await ReportFixture.RunAsync();

        var document = XDocument.Parse(report.ToJUnitXml());

        var root = document.Root!;
        Assert.That(root.Name.LocalName, Is.EqualTo("testsuites"));
        var suite = root.Elements().Single();
        Assert.That(suite.Name.LocalName, Is.EqualTo("testsuite"));
        Assert.That(
            new[] { "name", "tests", "failures", "errors", "skipped", "time", "timestamp" }.Select(a => suite.Attribute(a)?.Value),
            Is.EqualTo(new[] { "triage-v3", "8", "2", "2", "0", "32.270", "2026-11-26T09:00:00" }));
        Assert.That((root.Attribute("tests")?.Value, root.Attribute("failures")?.Value, root.Attribute("errors")?.Value), Is.EqualTo(("8", "2", "2")));
        var cases = suite.Elements("testcase").ToList();
        Assert.That(cases, Has.Count.EqualTo(report.Summary.Cases));
        Assert.That(cases.Count(c => c.Element("failure") is not null), Is.EqualTo(report.Summary.Failed));
        Assert.That(cases.Count(c => c.Element("error") is not null), Is.EqualTo(report.Summary.Errors));
        Assert.That(suite.Elements().Select(e => e.Name.LocalName).Distinct(), Is.EqualTo(new[] { "properties", "testcase" }), "properties come first");
    }

    [Test]
    public async Task ToJUnitXml_HasATestCasePerCase_NamedByTaskAndId_TimedByItsLatency()
    {
        var report = await ReportFixture.RunAsync();

        var cases = XDocument.Parse(report.ToJUnitXml()).Descendants("testcase").ToList();

        Assert.That(cases.Select(c => c.Attribute("classname")!.Value).Distinct(), Is.EqualTo(new[] { "support" }));
        Assert.That(cases.Select(c => c.Attribute("name")!.Value), Is.EqualTo(report.Cases.Select(c => c.Id)));
        Assert.That(cases.Select(c => c.Attribute("time")!.Value), Is.EqualTo(new[] { "0.120", "0.340", "0.095", "0.410", "0.060", "0.230", "0.015", "31.000" }));
    }

    [Test]
    public async Task ToJUnitXml_AFailedCase_HasAFailure_WithTheScoresReason_AndExpectedAndActual()
    {
        var report = await ReportFixture.RunAsync();

        var failure = Case(report.ToJUnitXml(), "export-1").Element("failure")!;

        Assert.That((failure.Attribute("message")!.Value, failure.Attribute("type")!.Value), Is.EqualTo(("expected Technical, got Billing", "failed")));
        Assert.That(failure.Value, Is.EqualTo(
            "Expected: Technical\nActual: {\"team\":\"Billing\",\"confidence\":0.55}\nScore: 0 (team)\nInput: {\"text\":\"Export to PDF hangs on large reports.\"}\nTags: technical, hard\n"));
    }

    [Test]
    public async Task ToJUnitXml_AnErrorCase_HasAnError_WithTheExceptionsType_TheMessage_AndTheNodePath()
    {
        var report = await ReportFixture.RunAsync();
        var xml = report.ToJUnitXml();

        var lookup = Case(xml, "lookup-1").Element("error")!;
        var slow = Case(xml, "slow-1").Element("error")!;

        Assert.That(lookup.Attribute("type")!.Value, Is.EqualTo("FlowTaskException"));
        Assert.That(lookup.Attribute("message")!.Value, Is.EqualTo("Task 'support/lookup' failed: InvalidOperationException: No customer record for this ticket."));
        Assert.That(lookup.Value, Does.StartWith("Kind: TaskFailed\nNode path: support/lookup\nException: FlowTaskException (inner: InvalidOperationException)\nExpected: Billing\n"));
        Assert.That(slow.Attribute("type")!.Value, Is.EqualTo(report.Cases[7].Error!.ExceptionType));
        Assert.That(slow.Value, Does.StartWith("Kind: TimedOut\nNode path: support/lookup\n"));
    }

    [Test]
    public async Task ToJUnitXml_CarriesTheLabelsAndNumbersAsProperties()
    {
        var report = await ReportFixture.RunAsync();

        var properties = XDocument.Parse(report.ToJUnitXml()).Descendants("property").Select(p => (p.Attribute("name")!.Value, p.Attribute("value")!.Value)).ToList();

        Assert.That(properties, Does.Contain(("task", "support")).And.Contain(("scorer", "team")).And.Contain(("dataset", "tickets")).And.Contain(("dataset.hash", report.DatasetHash)));
        Assert.That(properties, Does.Contain(("label.commit", "abc123")).And.Contain(("label.model", "gpt-test")).And.Contain(("model", "gpt-test")));
        Assert.That(properties, Does.Contain(("prompt", $"triage@3 {ReportFixture.TriagePrompt.ContentHash}")));
        Assert.That(properties, Does.Contain(("accuracy", "0.5")).And.Contain(("latency.p50", "0.120")).And.Contain(("latency.p95", "31.000")).And.Contain(("tag.technical.accuracy", "0.3333333333333333")));
        var lower = double.Parse(properties.Single(p => p.Item1 == "accuracy.lower").Item2, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(lower, Is.EqualTo(report.Summary.AccuracyInterval.Lower), "machine-read numbers read back exactly");
    }

    [Test]
    public async Task ToJUnitXml_WithControlCharactersAndMarkupInValues_IsStillWellFormed()
    {
        var report = (await ReportFixture.RunAsync()).WithCase("export-1", c => c with
        {
            Id = "export-1 <&>",
            Actual = ReportFixture.Json("bell\u0007 <tag> & \"quotes\" \ud800"),
            Score = Score.Fail("reason\u0001 with ]]> inside\nand a second line"),
        });

        var testCase = XDocument.Parse(report.ToJUnitXml()).Descendants("testcase").Single(c => c.Attribute("name")!.Value == "export-1 <&>");

        var failure = testCase.Element("failure")!;
        Assert.That(failure.Attribute("message")!.Value, Is.EqualTo("reason\\u0001 with ]]> inside\nand a second line"));
        Assert.That(failure.Value, Does.Contain("Actual: bell\\u0007 <tag> & \"quotes\" \uFFFD\n"));
    }

    private static XElement Case(string xml, string id) => XDocument.Parse(xml).Descendants("testcase").Single(c => c.Attribute("name")!.Value == id);
}
