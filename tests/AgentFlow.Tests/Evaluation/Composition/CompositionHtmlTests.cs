using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Composition;

/// <summary>
/// The HTML page of an analysis and of a comparison: self-contained, every value encoded, the charts drawn from the
/// numbers (the mosaic's areas in proportion to the 2x2 table, a bar per class), every case with its class.
/// </summary>
public sealed partial class CompositionHtmlTests
{
    [Test]
    public async Task AnalysisPage_IsOneSelfContainedPage_WithNothingToFetchAndNoScript()
    {
        var html = (await PlantedAnalyses.AnalyseAsync()).ToHtml();

        AssertSelfContained(html);
    }

    [Test]
    public async Task ComparisonPage_IsOneSelfContainedPage_WithNothingToFetchAndNoScript()
    {
        var html = (await PlantedAnalyses.CompareAsync()).ToHtml();

        AssertSelfContained(html);
    }

    [Test]
    public async Task AnalysisPage_ShowsAnInputHoldingAScriptTag_AndAnErrorHoldingMarkup_AsText()
    {
        var html = (await PlantedAnalyses.AnalyseAsync()).ToHtml();

        Assert.That(html, Does.Contain("<p class=\"input\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Nairobi</p>"));
        Assert.That(html, Does.Contain("No country for &lt;crash&gt;."));
        Assert.That(html, Does.Not.Contain("<crash>"));
    }

    [Test]
    public async Task AnalysisPage_EncodesTheNameAndTheLabels()
    {
        var analysis = (await PlantedAnalyses.AnalyseAsync()) with
        {
            Name = "<img onerror=x>",
            Labels = new Dictionary<string, string> { ["<b>key</b>"] = "\"quoted\" & 'single'" },
        };

        var html = analysis.ToHtml();

        Assert.That(html, Does.Not.Contain("<img").And.Not.Contain("<b>key"));
        Assert.That(html, Does.Contain("<h1>&lt;img onerror=x&gt;</h1>"));
        Assert.That(html, Does.Contain("&lt;b&gt;key&lt;/b&gt; = &quot;quoted&quot; &amp; &#39;single&#39;"));
    }

    [Test]
    public async Task AnalysisPage_SaysWhatRan_AndShowsTheAccuracyTheGapAndEachClassInCards()
    {
        var analysis = await PlantedAnalyses.AnalyseAsync();

        var html = analysis.ToHtml();

        TestContext.Out.WriteLine(html);
        Assert.That(html, Does.Contain("<title>Composability: qa</title>"));
        Assert.That(html, Does.Contain("<strong>3 of 9 cases passed</strong> · composability gap 50.0% (2/4) · 1 task failed · 1 scoring failed · 1 wrong route · 1 sub-task incorrect · 2 composability gap</p>"));
        Assert.That(html, Does.Contain("<dt>Flow</dt><dd><code>qa</code></dd>").And.Contain("<dt>Final output scored by</dt><dd><code>answer</code></dd>"));
        Assert.That(html, Does.Contain("<code>qa/country</code> <span class=\"muted\">by</span> <code>country</code>"));
        Assert.That(html, Does.Contain($"<code title=\"{analysis.DatasetHash}\">{analysis.DatasetHash[..12]}</code>"));
        Assert.That(html, Does.Contain("<div class=\"label\">Accuracy</div><div class=\"value\">33.3%</div><div class=\"detail\">3 of 9 passed · 95% CI"));
        Assert.That(html, Does.Contain("<div class=\"label\">Composability gap</div><div class=\"value\">50.0%</div><div class=\"detail\">2 of 4 cases with every sub-task right had a wrong final output · 95% CI"));
        Assert.That(html, Does.Contain("◆ 2 composability gap</li>").And.Contain("⚠ 1 task failed</li>").And.Contain("? 1 scoring failed</li>").And.Contain("↷ 1 wrong route</li>"));
        Assert.That(html, Does.Contain("<div class=\"label\">Scored in full</div><div class=\"value\">7</div>"));
    }

    [Test]
    public async Task AnalysisPage_DrawsABarPerClass_InTheOrderTheClassesAreDecided_AsLongAsItsShare()
    {
        var analysis = await PlantedAnalyses.AnalyseAsync();

        var html = analysis.ToHtml();

        var svg = Svg(html, "classes");
        var rows = svg.Elements("g").Where(g => Class(g).StartsWith("row ", StringComparison.Ordinal)).ToList();
        Assert.That(rows.Select(r => r.Element("text")!.Value), Is.EqualTo(new[] { "⚠ Task failed", "? Scoring failed", "✓ Passed", "↷ Wrong route", "✗ Sub-task incorrect", "◆ Composability gap" }));
        var bars = rows.Select(r => X(r.Element("rect")!, "width")).ToList();
        var perCase = bars[2] / analysis.Summary.Passed;
        Assert.That(bars, Is.EqualTo(new[] { 1, 1, 3, 1, 1, 2 }.Select(n => n * perCase)).Within(0.15), "each bar as long as its count");
        Assert.That(rows[5].Elements("text").Last().Value, Is.EqualTo("2  ·  22.2%"));
        Assert.That(svg.Descendants("rect").Where(r => Class(r) == "bar").Select(r => r.Attribute("fill")!.Value).Take(2), Is.EqualTo(new[] { "url(#classes-hatch)", "url(#classes-dots)" }), "the classes without a verdict are patterned, not only coloured");

        var precedence = Regex.Matches(html[html.IndexOf("<ol class=\"precedence\">", StringComparison.Ordinal)..], "<strong>([^<]*)</strong>").Take(7).Select(m => m.Groups[1].Value);
        Assert.That(precedence, Is.EqualTo(new[] { "⚠ Task failed", "? Scoring failed", "✓ Passed", "↷ Wrong route", "✗ Sub-task incorrect", "? Scoring failed", "◆ Composability gap" }), "the legend gives the precedence");
    }

    [Test]
    public async Task AnalysisPage_DrawsThe2x2TableAsAMosaic_EachAreaInProportionToItsCases_TheGapAsAShareOfTheUpperBand()
    {
        var analysis = await PlantedAnalyses.AnalyseAsync();
        var table = analysis.Summary.Table;

        var svg = Svg(analysis.ToHtml(), "table");

        var cells = svg.Elements("g").Where(g => Class(g).StartsWith("cell ", StringComparison.Ordinal)).ToDictionary(g => Class(g)["cell ".Length..], g => g.Element("rect")!);
        Assert.That(cells.Keys, Is.EqualTo(new[] { "both-right", "gap", "lucky", "both-wrong" }));
        var areas = cells.ToDictionary(c => c.Key, c => X(c.Value, "width") * X(c.Value, "height"));
        var perCase = areas.Values.Sum() / table.Cases;
        Assert.That(
            new[] { areas["both-right"], areas["gap"], areas["lucky"], areas["both-wrong"] },
            Is.EqualTo(new[] { table.BothRight, table.SubTasksRightFinalWrong, table.SubTasksWrongFinalRight, table.BothWrong }.Select(n => n * perCase)).Within(perCase * 0.05),
            "(2, 2, 1, 2) cases");
        var gapShare = X(cells["gap"], "width") / (X(cells["gap"], "width") + X(cells["both-right"], "width"));
        Assert.That(gapShare, Is.EqualTo(analysis.Summary.Gap.Value).Within(0.005));
        Assert.That(svg.Descendants("rect").Count(r => r.Attribute("fill")?.Value == "url(#table-wrong)"), Is.EqualTo(2), "the final-wrong cells are hatched");
        Assert.That(svg.Descendants("text").Single(t => Class(t) == "gap-label").Value, Is.EqualTo("gap 50.0%: 2 of 4 with every sub-task right"));
        Assert.That(svg.Element("desc")!.Value, Does.Contain("every sub-task right, final wrong 2 (28.6%)").And.Contain("The composability gap is 2 of 4 cases with every sub-task right (50.0%)."));
    }

    [Test]
    public async Task AnalysisPage_DrawsAMosaicPerCategory()
    {
        var analysis = await PlantedAnalyses.AnalyseAsync();

        var html = analysis.ToHtml();

        Assert.That(analysis.ByCategory.Keys, Is.EqualTo(new[] { "easy", "hard" }));
        Assert.That(html, Does.Contain("<figcaption><strong>easy</strong><span>3 cases · accuracy 66.7% · gap 33.3% (1/3)</span></figcaption>"));
        Assert.That(html, Does.Contain("<figcaption><strong>hard</strong><span>6 cases · accuracy 16.7% · gap 100.0% (1/1)</span></figcaption>"));
        var easy = Svg(html, "category-0");
        Assert.That(easy.Element("title")!.Value, Is.EqualTo("Sub-tasks × final output in easy"));
        Assert.That(easy.Elements("g").Select(Class), Is.EqualTo(new[] { "cell both-right", "cell gap" }), "no case of easy had a sub-task wrong: the lower band is empty");
        Assert.That(Svg(html, "category-1").Elements("g").Select(Class), Is.EqualTo(new[] { "cell gap", "cell lucky", "cell both-wrong" }));
    }

    [Test]
    public async Task AnalysisPage_ListsEachNode_WithItsAccuracyAndHowOftenItWentWrongFirst()
    {
        var analysis = await PlantedAnalyses.AnalyseAsync();

        var html = analysis.ToHtml();

        foreach (var node in analysis.Nodes)
        {
            var row = Regex.Match(html, $"<tr><td><code>{Regex.Escape(node.Path)}</code></td>.*?</tr>").Value;
            Assert.That(row, Does.Contain($"{ReportPercent(node.Accuracy!.Value)}</td><td class=\"num\">{node.Right}/{node.Cases}</td>"), node.Path);
            Assert.That(row, Does.Contain($"</svg>{node.FirstWrong}</td>"), node.Path);
        }

        Assert.That(analysis.Nodes.Select(n => (n.Path, n.Right, n.Cases, n.FirstWrong)), Is.EqualTo(new[]
        {
            ("qa/country", 6, 8, 2), ("qa/fact", 7, 8, 1), ("qa/fact[CallingCode]/calling-code", 5, 8, 0),
        }));
        Assert.That(html, Does.Contain("<td>↷ route</td>"));
    }

    [Test]
    public async Task AnalysisPage_ListsEveryCase_WithItsClass_FirstWrongStep_Explanation_AndExpectedBesideActual()
    {
        var analysis = await PlantedAnalyses.AnalyseAsync();

        var html = analysis.ToHtml();

        foreach (var outcome in Enum.GetValues<CompositionOutcome>())
        {
            var css = outcome switch
            {
                CompositionOutcome.Passed => "passed",
                CompositionOutcome.TaskFailed => "task-failed",
                CompositionOutcome.ScoringFailed => "scoring-failed",
                CompositionOutcome.WrongRoute => "wrong-route",
                CompositionOutcome.SubTaskIncorrect => "subtask-incorrect",
                _ => "gap",
            };
            Assert.That(Regex.Count(html, $"<tr class=\"case {css}\""), Is.EqualTo(analysis.Summary.Count(outcome)), outcome.ToString());
        }

        var subtask = Row(html, "subtask");
        Assert.That(subtask, Does.Contain("<span class=\"badge subtask-incorrect\">✗ Sub-task incorrect</span>"));
        Assert.That(subtask, Does.Contain("<td class=\"first\"><strong><code>qa/country</code></strong><ul class=\"steps\"><li class=\"wrong first\""));
        Assert.That(subtask, Does.Contain("<span class=\"mark\">✗</span>qa/country<span class=\"why\">expected Kenya, got {&quot;input&quot;:&quot;subtask&quot;,&quot;value&quot;:&quot;Peru&quot;}</span>"));
        Assert.That(subtask, Does.Contain($"<p class=\"reason\">{AgentFlow.Evaluation.Html.Encode(analysis.Cases.Single(c => c.Id == "subtask").Explanation)}</p>"));
        Assert.That(subtask, Does.Contain("<td class=\"expected\"><pre class=\"value\">+254</pre></td><td class=\"actual\"><pre class=\"value\">+1</pre></td>"));
        Assert.That(Row(html, "route"), Does.Contain("<strong><code>qa/fact</code></strong>").And.Contain("qa/fact <span class=\"muted\">route</span><span class=\"why\">chose Currency, expected CallingCode</span>"));
        Assert.That(Row(html, "gap-1"), Does.Contain("<li class=\"right\" title=\"qa/country, qa/fact, qa/fact[CallingCode]/calling-code\"><span class=\"mark\">✓</span>all 3 steps right</li>"));
        Assert.That(Row(html, "crash"), Does.Contain("<td class=\"actual none\">—</td>").And.Contain("task failed: FlowTaskException"));
        Assert.That(html, Does.Contain("id=\"show-attention\" checked>"), "the cases that did not pass are shown first");
        Assert.That(html, Does.Contain("<label for=\"show-gap\">◆ Composability gap<span class=\"count\">2</span></label>"));
        Assert.That(html, Does.Contain("#show-gap:checked ~ .table-wrap tr.case:not(.gap) { display: none; }"), "the filter by class works without script");
    }

    [Test]
    public async Task AnalysisPage_WithNoCaseWhoseSubTasksWereAllRight_SaysTheGapIsUndefined()
    {
        var plants = PlantedAnalyses.Baseline.Keys.ToDictionary(k => k, _ => new PlantedAnalyses.Plant(CountryRight: false, FinalRight: false));
        var analysis = await CompositionAnalyzer.RunAsync(PlantedAnalyses.Qa(plants), PlantedAnalyses.Set, PlantedAnalyses.Answer, PlantedAnalyses.Options());

        var html = analysis.ToHtml();

        Assert.That(analysis.Summary.Gap.IsDefined, Is.False);
        Assert.That(html, Does.Contain("<div class=\"label\">Composability gap</div><div class=\"value\">undefined</div><div class=\"detail\">no case had all its sub-tasks right, so there is nothing to divide by</div>"));
        Assert.That(Svg(html, "table").Descendants("text").Single(t => Class(t) == "gap-label").Value, Is.EqualTo("gap undefined: no case had every sub-task right"));
        Assert.That(html, Does.Contain("The composability gap is undefined: no case had all its sub-tasks right."));
        Assert.That(html, Does.Contain("<dt>Gap interval</dt><dd>none: the gap is undefined</dd>"));
    }

    [Test]
    public async Task AnalysisPage_CutsLongValues_AndSaysSo()
    {
        var html = (await PlantedAnalyses.AnalyseAsync()).ToHtml(new ReportFileOptions { MaxValueLength = 20 });

        Assert.That(html, Does.Contain("<p class=\"input\">&lt;script&gt;alert(&#39;x&#39;)&lt;…</p>"));
        Assert.That(html, Does.Contain("Values longer than 20 characters are cut short"));
    }

    [Test]
    public async Task ComparisonPage_PutsBothFlowsSideBySide_WithTheDifferences()
    {
        var comparison = await PlantedAnalyses.CompareAsync();

        var html = comparison.ToHtml();

        TestContext.Out.WriteLine(html);
        Assert.That(html, Does.Contain("<h1>direct <span class=\"muted\">vs</span> decomposed</h1>"));
        Assert.That(html, Does.Contain("decomposed against direct on 9 cases: <strong>accuracy 33.3% → 44.4%</strong> (+11.1 points) · <strong>composability gap 50.0% → 25.0%</strong> (−25.0 points) · 4 cases changed class: 2 fixed, 1 broken"));
        Assert.That(html, Does.Contain("<div class=\"side baseline\"><h3>direct<span class=\"role\">baseline</span></h3>").And.Contain("<div class=\"side candidate\"><h3>decomposed<span class=\"role\">candidate</span></h3>"));
        Assert.That(Regex.Count(html, "<div class=\"label\">Composability gap</div>"), Is.EqualTo(2));
        Assert.That(Svg(html, "table-baseline").Element("title")!.Value, Is.EqualTo("Sub-tasks × final output of direct"));
        Assert.That(Svg(html, "table-candidate").Descendants("text").Single(t => Class(t) == "gap-label").Value, Is.EqualTo("gap 25.0%"));
        Assert.That(Svg(html, "category-1-candidate").Element("title")!.Value, Is.EqualTo("Sub-tasks × final output in hard · decomposed"));

        var classes = Svg(html, "classes").Elements("g").Single(g => Class(g) == "row gap");
        Assert.That(classes.Elements("rect").Select(r => Class(r)), Is.EqualTo(new[] { "bar baseline", "bar" }), "two bars per class: the baseline's, then the candidate's");
        Assert.That(classes.Elements("text").Last().Value, Is.EqualTo("2 → 1  (−1)"));
    }

    [Test]
    public async Task ComparisonPage_DrawsTheAccuracyAndTheGapOfBoth_OverallAndPerCategory_WithTheirIntervals()
    {
        var comparison = await PlantedAnalyses.CompareAsync();

        var svg = Svg(comparison.ToHtml(), "measures");

        var rows = svg.Elements("g").Where(g => Class(g).StartsWith("row ", StringComparison.Ordinal)).ToList();
        Assert.That(rows.Select(r => (Class(r), r.Element("text")!.Value)), Is.EqualTo(new[]
        {
            ("row accuracy", "All cases"), ("row accuracy", "easy"), ("row accuracy", "hard"),
            ("row gap", "All cases"), ("row gap", "easy"), ("row gap", "hard"),
        }));
        var gap = rows[3];
        Assert.That(gap.Elements("text").Last().Value, Is.EqualTo("50.0% → 25.0%  (−25.0)"));
        var (zero, hundred) = (XOf(svg, "0%"), XOf(svg, "100%"));
        var baseline = X(gap.Elements("circle").Single(), "cx");
        Assert.That(baseline, Is.EqualTo(zero + (0.5 * (hundred - zero))).Within(0.1), "the baseline's gap, 50%");
        var intervals = gap.Elements("g").Where(g => Class(g) == "interval").ToList();
        Assert.That(intervals, Has.Count.EqualTo(2), "both intervals");
        Assert.That(X(intervals[1].Element("line")!, "x2"), Is.EqualTo(zero + (comparison.Candidate.Summary.Gap.Interval!.Upper * (hundred - zero))).Within(0.1));
    }

    [Test]
    public async Task ComparisonPage_ListsTheCasesThatChangedClass_WithBothOutputs()
    {
        var comparison = await PlantedAnalyses.CompareAsync();

        var html = comparison.ToHtml();

        Assert.That(comparison.Changes.Select(c => c.Id), Is.EqualTo(new[] { "pass-2", "gap-1", "gap-2", "route" }));
        Assert.That(Regex.Count(html, "<tr class=\"case change "), Is.EqualTo(4));
        Assert.That(html, Does.Contain("<tr class=\"case change broken gap\"><td><span class=\"badge passed\">✓ Passed</span><span class=\"arrow\">→</span><span class=\"badge gap\">◆ Composability gap</span><br><span class=\"delta worse\">broken</span></td>"));
        Assert.That(html, Does.Contain("<tr class=\"case change moved subtask-incorrect\">"));
        var fixedRow = html.Split('\n').Single(l => l.StartsWith("<tr class=\"case change fixed passed\"><td>", StringComparison.Ordinal) && l.Contains("<strong>gap-2</strong>", StringComparison.Ordinal));
        Assert.That(fixedRow, Does.Contain("<p class=\"input\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Nairobi</p>"));
        Assert.That(fixedRow, Does.Contain("<td class=\"actual\"><pre class=\"value\">+1</pre></td><td class=\"actual\"><pre class=\"value\">+254</pre></td>"), "the baseline's output, then the candidate's");
        Assert.That(html, Does.Contain("4 cases, in the set&#39;s order: 2 pass only in decomposed (fixed), 1 only in direct (broken), 1 fail in both, for another reason in each (moved)."));
    }

    [Test]
    public async Task ComparisonPage_OfTheSameFlowTwice_SaysNothingChanged()
    {
        var direct = await PlantedAnalyses.AnalyseAsync();
        var again = direct with { Name = "again" };

        var html = CompositionComparison.Of(direct, again).ToHtml();

        Assert.That(html, Does.Contain("every case is in the same class in both"));
        Assert.That(html, Does.Contain("<p class=\"hint\">Every case is in the same class in both flows.</p>"));
    }

    private static void AssertSelfContained(string html)
    {
        Assert.That(html, Does.StartWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        Assert.That(html, Does.Contain("<meta charset=\"utf-8\">").And.Contain("<style>"));
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"), "no external URL, not even an SVG namespace");
        Assert.That(html, Does.Not.Contain("src=").And.Not.Contain("href=").And.Not.Contain("<link").And.Not.Contain("@import").And.Not.Contain("@font-face"));
        Assert.That(html, Does.Not.Contain("<script").IgnoreCase, "no script of the page's own, and the input holding <script> is text");
        var references = UrlReference().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.That(references, Is.Not.Empty);
        Assert.That(references.Where(id => !html.Contains($"id=\"{id}\"", StringComparison.Ordinal)), Is.Empty, "every url(#...) is a pattern or marker of the page's own");
        var ids = Regex.Matches(html, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.That(ids, Is.Unique, "ids are unique in the page");
    }

    private static string Row(string html, string id)
        => html.Split('\n').Single(l => l.StartsWith("<tr class=\"case ", StringComparison.Ordinal) && l.Contains($"<strong>{id}</strong>", StringComparison.Ordinal));

    /// <summary>The chart with the given id, parsed as XML: the page's SVG is well-formed on its own.</summary>
    private static XElement Svg(string html, string id)
    {
        var start = html.IndexOf($"<svg id=\"{id}\"", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"the page has the chart '{id}'");
        var end = html.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length;
        return XElement.Parse(html[start..end]);
    }

    /// <summary>The x of an axis label.</summary>
    private static double XOf(XElement svg, string label) => X(svg.Elements("text").First(t => t.Value == label), "x");

    private static string Class(XElement element) => element.Attribute("class")?.Value ?? string.Empty;

    private static double X(XElement element, string attribute) => double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    private static string ReportPercent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    [GeneratedRegex(@"url\(#([^)]*)\)")]
    private static partial Regex UrlReference();
}
