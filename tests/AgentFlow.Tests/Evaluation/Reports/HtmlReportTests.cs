using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Reports;

/// <summary>The HTML report: one self-contained page, every value encoded, the charts drawn from the numbers, failed cases highlighted.</summary>
public sealed partial class HtmlReportTests
{
    [Test]
    public async Task ToHtml_IsOneSelfContainedPage_WithNothingToFetchAndNoScript()
    {
        var html = (await ReportFixture.RunAsync()).ToHtml();

        Assert.That(html, Does.StartWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        Assert.That(html, Does.Contain("<meta charset=\"utf-8\">").And.Contain("<style>"));
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"), "no external URL, not even an SVG namespace");
        Assert.That(html, Does.Not.Contain("src=").And.Not.Contain("href=").And.Not.Contain("<link").And.Not.Contain("@import").And.Not.Contain("@font-face"));
        Assert.That(html, Does.Not.Contain("<script").IgnoreCase, "no script of the page's own, and the case holding <script> is text");
        Assert.That(UrlReference().Matches(html).Select(m => m.Value).Distinct(), Is.EquivalentTo(new[] { "url(#latency-hatch)", "url(#strip-hatch)" }), "only the page's own patterns");
    }

    [Test]
    public async Task ToHtml_ShowsAnInputHoldingAScriptTag_AsText()
    {
        var html = (await ReportFixture.RunAsync()).ToHtml();

        Assert.That(html, Does.Contain("{&quot;text&quot;:&quot;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; my bill is wrong&quot;}"));
        Assert.That(html, Does.Contain("Hello? | anyone &lt;there&gt;\\nsecond line"));
    }

    [Test]
    public async Task ToHtml_EncodesLabelsNamesAndReasons()
    {
        var report = (await ReportFixture.RunAsync()) with
        {
            Name = "<img onerror=x>",
            Labels = new Dictionary<string, string> { ["<b>key</b>"] = "\"quoted\" & 'single'" },
        };
        report = report.WithCase("export-1", c => c with { Score = Score.Fail("<iframe>wrong</iframe>") });

        var html = report.ToHtml();

        Assert.That(html, Does.Not.Contain("<img").And.Not.Contain("<b>key").And.Not.Contain("<iframe"));
        Assert.That(html, Does.Contain("<h1>&lt;img onerror=x&gt;</h1>"));
        Assert.That(html, Does.Contain("&lt;b&gt;key&lt;/b&gt; = &quot;quoted&quot; &amp; &#39;single&#39;"));
        Assert.That(html, Does.Contain("&lt;iframe&gt;wrong&lt;/iframe&gt;"));
    }

    [Test]
    public async Task ToHtml_DrawsOneBarPerTag_AsLongAsItsAccuracy_WithItsIntervalAsWhiskers()
    {
        var report = await ReportFixture.RunAsync();

        var svg = Svg(report.ToHtml(), "tags");

        Assert.That(svg.Attribute("role")?.Value, Is.EqualTo("img"));
        Assert.That(svg.Element("title")?.Value, Is.EqualTo("Accuracy per tag, with 95% confidence intervals"));
        Assert.That(svg.Element("desc")?.Value, Does.Contain("billing: 2 of 4 passed, 50.0% (95% CI 15.0–85.0%)"));
        var rows = svg.Elements("g").Where(g => g.Attribute("class")?.Value == "row tag").ToList();
        Assert.That(rows.Select(r => r.Elements("text").First().Value), Is.EqualTo(report.ByTag.Keys), "one bar per tag, in the tags' order");
        var overall = svg.Elements("g").Single(g => g.Attribute("class")?.Value == "row overall");
        var (left, plot) = (X(overall.Element("rect")!, "x"), X(overall.Element("rect")!, "width") / report.Summary.Accuracy);
        foreach (var (row, (tag, summary)) in rows.Zip(report.ByTag))
        {
            Assert.That(row.Element("title")!.Value, Does.StartWith($"{tag}: {summary.Passed} of {summary.Cases} passed"));
            Assert.That(X(row.Element("rect")!, "width"), Is.EqualTo(summary.Accuracy * plot).Within(0.1), $"{tag}: the bar's length");
            var whisker = row.Element("g")!.Element("line")!;
            Assert.That(X(whisker, "x1"), Is.EqualTo(left + (summary.AccuracyInterval.Lower * plot)).Within(0.1), $"{tag}: the interval's lower end");
            Assert.That(X(whisker, "x2"), Is.EqualTo(left + (summary.AccuracyInterval.Upper * plot)).Within(0.1), $"{tag}: the interval's upper end");
        }

        var reference = svg.Elements("line").Single(l => l.Attribute("class")?.Value == "reference");
        Assert.That(X(reference, "x1"), Is.EqualTo(left + (report.Summary.Accuracy * plot)).Within(0.1), "the dashed line is the accuracy over all cases");
    }

    [Test]
    public async Task ToHtml_DrawsTheLatencyOfEveryCase_ByOutcome_WithP50AndP95()
    {
        var report = await ReportFixture.RunAsync();

        var svg = Svg(report.ToHtml(), "latency");

        var bins = svg.Elements("g").Where(g => g.Attribute("class")?.Value == "bin").ToList();
        var counts = bins.Select(b => BinTitle().Match(b.Element("title")!.Value)).Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.That((counts.Sum(c => c.Item1), counts.Sum(c => c.Item2), counts.Sum(c => c.Item3)), Is.EqualTo((4, 2, 2)), "every case is in one bin, by outcome");
        Assert.That(bins.Select(b => b.Element("title")!.Value), Does.Contain("20.00 s to 50.00 s: 0 passed, 0 failed, 1 error"), "the timed-out case, on a logarithmic scale");
        Assert.That(svg.Descendants("rect").Where(r => r.Attribute("class")?.Value == "error").Select(r => r.Attribute("fill")!.Value).Distinct(), Is.EqualTo(new[] { "url(#latency-hatch)" }), "errors are hatched, not only coloured");
        Assert.That(svg.Element("defs")!.Element("pattern")!.Attribute("id")!.Value, Is.EqualTo("latency-hatch"));
        var markers = svg.Elements("g").Where(g => g.Attribute("class")?.Value == "marker").Select(g => g.Element("text")!.Value);
        Assert.That(markers, Is.EqualTo(new[] { "p50 120 ms", "p95 31.00 s" }));
    }

    [Test]
    public async Task ToHtml_HighlightsFailedAndErrorCases_WithExpectedBesideActual_AndShowsThemFirst()
    {
        var report = await ReportFixture.RunAsync();

        var html = report.ToHtml();

        Assert.That(Regex.Count(html, "<tr class=\"case passed\""), Is.EqualTo(4));
        Assert.That(Regex.Count(html, "<tr class=\"case failed\""), Is.EqualTo(2));
        Assert.That(Regex.Count(html, "<tr class=\"case error\""), Is.EqualTo(2));
        var export = html.Split('\n').Single(l => l.Contains("<strong>export-1</strong>", StringComparison.Ordinal));
        Assert.That(export, Does.Contain(
            "<td class=\"expected\"><pre class=\"value\">Technical</pre></td><td class=\"actual\"><pre class=\"value\">{&quot;team&quot;:&quot;Billing&quot;,&quot;confidence&quot;:0.55}</pre></td>"));
        Assert.That(export, Does.Contain("<span class=\"badge failed\">✗ failed</span>"), "the outcome reads without colour");
        Assert.That(html, Does.Contain("<strong>timed out</strong> at <code>support/lookup</code>"));
        Assert.That(html, Does.Contain("id=\"show-attention\" checked>"), "the failed and error cases are shown first");
    }

    [Test]
    public async Task ToHtml_OfASetWithoutTagsThatAllPassed_ShowsEveryCase_AndSaysHowToGetTags()
    {
        var set = EvalSet.Create("numbers", [new EvalCase<int, int>("one", 1, 2), new EvalCase<int, int>("two", 2, 4)]);
        var report = await Evaluator.RunAsync(FlowTask.Create("double", (int n) => n * 2), set, Scorers.Exact<int>());

        var html = report.ToHtml();

        Assert.That(html, Does.Contain("id=\"show-all\" checked>"));
        Assert.That(html, Does.Contain("No case has a tag"));
        Assert.That(Svg(html, "tags").Elements("g").Count(g => g.Attribute("class")?.Value == "row tag"), Is.Zero);
    }

    [Test]
    public async Task ToHtml_CutsLongValues_AndSaysSo()
    {
        var report = (await ReportFixture.RunAsync()).WithCase("export-1", c => c with { Actual = ReportFixture.Json(new string('y', 400)) });

        var html = report.ToHtml(new ReportFileOptions { MaxValueLength = 100 });

        Assert.That(html, Does.Contain($"<pre class=\"value\">{new string('y', 99)}…</pre>"));
        Assert.That(html, Does.Contain("Values longer than 100 characters are cut short"));
        Assert.That(report.ToHtml(new ReportFileOptions { MaxValueLength = 1000 }), Does.Contain(new string('y', 400)).And.Not.Contain("cut short"));
    }

    /// <summary>The chart with the given id, parsed as XML: the page's SVG is well-formed on its own.</summary>
    private static XElement Svg(string html, string id)
    {
        var start = html.IndexOf($"<svg id=\"{id}\"", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"the page has the chart '{id}'");
        var end = html.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length;
        return XElement.Parse(html[start..end]);
    }

    private static double X(XElement element, string attribute) => double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"url\([^)]*\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex(@": (\d+) passed, (\d+) failed, (\d+) errors?$")]
    private static partial Regex BinTitle();
}
