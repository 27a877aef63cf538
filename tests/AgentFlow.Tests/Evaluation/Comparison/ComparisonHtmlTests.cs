using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Comparison;

/// <summary>
/// The HTML page of a comparison: self-contained, the conclusion word for word, both runs side by side, the charts drawn
/// from the numbers, the flipped cases with both outputs, every value encoded, the same bytes for the same runs.
/// </summary>
public sealed partial class ComparisonHtmlTests
{
    [Test]
    public async Task ToHtml_IsOneSelfContainedPage_WithNothingToFetchAndNoScript()
    {
        var html = (await PlantedComparisonAsync()).ToHtml();

        Assert.That(html, Does.StartWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        Assert.That(html, Does.Contain("<meta charset=\"utf-8\">").And.Contain("<style>").And.Contain("<title>Comparison: parity@1 → parity@2</title>"));
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"), "no external URL, not even an SVG namespace");
        Assert.That(html, Does.Not.Contain("src=").And.Not.Contain("href=").And.Not.Contain("<link").And.Not.Contain("@import").And.Not.Contain("@font-face"));
        Assert.That(html, Does.Not.Contain("<script").IgnoreCase, "no script of the page's own");
        Assert.That(
            UrlReference().Matches(html).Select(m => m.Value).Distinct(),
            Is.EquivalentTo(new[] { "url(#outcomes-regressed)", "url(#strip-candidate-hatch)" }),
            "only the page's own patterns: the regressed cell, and the candidate's error in its strip");
    }

    [Test]
    public async Task ToHtml_ShowsTheConclusionWordForWord_AsTheMarkdownDoes_WithWhatItMeans()
    {
        var comparison = await PlantedComparisonAsync();

        var html = comparison.ToHtml();

        Assert.That(comparison.ToMarkdown(), Does.Contain($"**{comparison.Conclusion}**"));
        Assert.That(html, Does.Contain(
            "<section class=\"verdict better\" aria-label=\"Conclusion\"><span class=\"mark\" aria-hidden=\"true\">▲</span><div>"
            + "<p class=\"conclusion\">candidate better, p=0.0215: accuracy 45.0% → 85.0% (+40.0 points, 95% CI +10.4 to +61.5) on 20 cases; 9 improved, 1 regressed</p>"));
        Assert.That(html, Does.Contain(
            "<p class=\"meaning\">If the runs were equally good, a split of the 10 discordant cases at least as uneven as 9 improved to 1 regressed would happen with probability 0.0215, "
            + "below the significance level 0.05 (exact McNemar test, two-sided): on cases like these, the difference is unlikely to be chance. Read the 1 regressed case too.</p>"));
    }

    [Test]
    public async Task ToHtml_OfASmallDifference_SaysItMayBeChance_AndNotThatTheRunsAreEqual()
    {
        // b = 4, c = 6: p = 0.754, and the interval of the difference spans 0.
        var baseline = await PlantedRuns.RunAsync("1", n => n <= 4 || n > 10 ? PlantedRuns.Answer.Right : PlantedRuns.Answer.Wrong);
        var candidate = await PlantedRuns.RunAsync("2", n => n > 4 ? PlantedRuns.Answer.Right : PlantedRuns.Answer.Wrong);

        var html = EvalComparison.Compare(baseline, candidate).ToHtml();

        Assert.That(html, Does.Contain("<section class=\"verdict none\"").And.Contain("<p class=\"conclusion\">no significant difference, p=0.754: "));
        Assert.That(html, Does.Contain(
            "would happen with probability 0.754, not below the significance level 0.05 (exact McNemar test, two-sided): the difference may be chance. "
            + "This does not show that the runs are equal; more cases would tell them apart better.</p>"));
        Assert.That(html, Does.Contain("<div class=\"card delta none\">"), "the change is not coloured as a gain");
        Assert.That(html, Does.Not.Contain("unlikely to be chance").And.Not.Contain("verdict better"));
    }

    [Test]
    public async Task ToHtml_WhenTheIntervalExcludesZeroButTheExactTestDoesNot_SaysWhichTheVerdictFollows()
    {
        // b = 0, c = 5: the exact p = 2/32 = 0.0625, while Newcombe's interval of +25 points on 20 cases stays above 0.
        var baseline = await PlantedRuns.RunAsync("1", n => n <= 9 ? PlantedRuns.Answer.Right : PlantedRuns.Answer.Wrong);
        var candidate = await PlantedRuns.RunAsync("2", n => n <= 14 ? PlantedRuns.Answer.Right : PlantedRuns.Answer.Wrong);

        var comparison = EvalComparison.Compare(baseline, candidate);
        var html = comparison.ToHtml();

        Assert.That(comparison.Verdict, Is.EqualTo(ComparisonVerdict.NoSignificantDifference));
        Assert.That(comparison.AccuracyDeltaInterval.Lower, Is.GreaterThan(0));
        Assert.That(html, Does.Contain("The 95% interval of the difference does not include 0, but it is an approximation; the verdict follows the exact test, which is more cautious with few discordant cases.</p>"));
    }

    [Test]
    public async Task ToHtml_OfRunsWithTheSameOutcomes_SaysTheTestHasNothingToGoOn()
    {
        var run = await PlantedRuns.BaselineAsync();

        var html = EvalComparison.Compare(run, run).ToHtml();

        Assert.That(html, Does.Contain("<p class=\"meaning\">No case changed outcome, so the exact McNemar test has nothing to go on (p=1). This does not show that the runs are equal: "));
        Assert.That(html, Does.Contain("Regressed (0): passed in the baseline, not passed in the candidate</h2><p class=\"none\">None.</p>"));
    }

    [Test]
    public async Task ToHtml_ShowsBothRunsSideBySide_AndMarksWhatChanged()
    {
        var comparison = await PlantedComparisonAsync();

        var html = comparison.ToHtml();

        var (v1, v2) = (comparison.Baseline.Prompts.Single(), comparison.Candidate.Prompts.Single());
        Assert.That(Row(html, "Prompts"), Is.EqualTo(
            "<tr class=\"changed\"><th scope=\"row\">Prompts <span class=\"changed-mark\">changed</span></th>"
            + $"<td><code>parity@1</code> <code class=\"muted\" title=\"{v1.ContentHash}\">{v1.ContentHash![..12]}</code></td>"
            + $"<td><code>parity@2</code> <code class=\"muted\" title=\"{v2.ContentHash}\">{v2.ContentHash![..12]}</code></td></tr>"));
        Assert.That(Row(html, "Models"), Does.StartWith("<tr class=\"changed\">").And.Contain("<td><span class=\"chip\">model-a</span></td><td><span class=\"chip\">model-b</span></td>"));
        Assert.That(Row(html, "Labels"), Does.Contain("<span class=\"chip\">prompt = parity@1</span>").And.Contain("<span class=\"chip\">prompt = parity@2</span>"));
        var hash = comparison.Baseline.DatasetHash;
        Assert.That(Row(html, "Dataset"), Is.EqualTo(
            $"<tr><th scope=\"row\">Dataset</th><td>parity <code title=\"{hash}\">{hash[..12]}</code> <span class=\"muted\">20 cases</span></td>"
            + $"<td>parity <code title=\"{hash}\">{hash[..12]}</code> <span class=\"muted\">20 cases</span></td></tr>"),
            "the same dataset is not marked");
        Assert.That(Row(html, "Task"), Does.StartWith("<tr><th scope=\"row\">Task</th>"));
        Assert.That(Row(html, "Started"), Does.Contain("<td>2026-11-26 09:00:00 UTC</td>"));
    }

    [Test]
    public async Task ToHtml_HasCards_ForBothAccuracies_TheChange_ThePValue_AndTheDiscordantPairs()
    {
        var html = (await PlantedComparisonAsync()).ToHtml();

        Assert.That(Card(html, "Accuracy, baseline → candidate"), Does.Contain("<div class=\"value\">45.0% → 85.0%</div><div class=\"detail\">95% CI 25.8–65.8% → 64.0–94.8%</div>"));
        Assert.That(Card(html, "Accuracy, baseline → candidate"), Does.Contain("<span class=\"of\">9/20</span>").And.Contain("<span class=\"of\">17/20</span>"));
        Assert.That(Card(html, "Change in accuracy"), Does.Contain("<div class=\"value\">+40.0 points</div><div class=\"detail\">95% CI +10.4 to +61.5 (Newcombe, paired)</div>"));
        Assert.That(Card(html, "p-value"), Does.Contain("<div class=\"value\">p=0.0215</div><div class=\"detail\">exact McNemar, two-sided; mid-p=0.0117; level 0.05</div>"));
        Assert.That(Card(html, "Discordant pairs"), Does.Contain("<div class=\"value\">10</div><div class=\"detail\">▲ 9 improved, ▼ 1 regressed, of 20 cases</div>"));
        Assert.That(Card(html, "Errors"), Does.Contain("<div class=\"value\">0 → 1</div><div class=\"detail\">+1; an error counts as not passed</div>"));
        Assert.That(Card(html, "Latency p50"), Does.Contain("<div class=\"value\">110 ms → 90 ms</div><div class=\"detail\">-20 ms; p95 119 ms → 99 ms (-20 ms)</div>"));
        Assert.That(Card(html, "Tokens"), Does.Contain("<div class=\"value\">1,020 → 1,349</div><div class=\"detail\">+330 in, -1 out</div>"));
        Assert.That(Card(html, "Cost"), Does.Contain("<div class=\"value\">1.00 → 1.33</div><div class=\"detail\">+0.33, in the price table&#39;s currency</div>"));
    }

    [Test]
    public async Task ToHtml_DrawsTheChangeInAccuracy_AsAPointInItsInterval_AroundADashedZero()
    {
        var comparison = await PlantedComparisonAsync();

        var strip = XElement.Parse(Between(Card(comparison.ToHtml(), "Change in accuracy"), "<svg class=\"strip delta-strip\"", "</svg>"));

        var zero = X(Line(strip, "zero"), "x1");
        var interval = Line(strip, "interval");
        var (low, high, point) = (X(interval, "x1"), X(interval, "x2"), X(strip.Elements("circle").Single(), "cx"));
        var unit = (high - low) / (comparison.AccuracyDeltaInterval.Upper - comparison.AccuracyDeltaInterval.Lower);
        Assert.That(low, Is.EqualTo(zero + (comparison.AccuracyDeltaInterval.Lower * unit)).Within(0.2), "the interval's lower end, from zero");
        Assert.That(point, Is.EqualTo(zero + (comparison.AccuracyDelta * unit)).Within(0.2), "the difference itself");
        Assert.That(strip.Elements("text").Select(t => t.Value), Is.EqualTo(new[] { "-100", "0", "+100" }), "+61.5 points needs the widest scale");
        Assert.That(interval.Attribute("stroke")!.Value, Is.EqualTo("#009E73"), "a significant gain");
    }

    [Test]
    public async Task ToHtml_DrawsThePairedOutcomes_AsSquaresWhoseAreasAreTheCounts()
    {
        var comparison = await PlantedComparisonAsync();

        var svg = Svg(comparison.ToHtml(), "outcomes");

        Assert.That(svg.Element("title")!.Value, Is.EqualTo("Paired outcomes: baseline by candidate"));
        Assert.That(svg.Element("desc")!.Value, Is.EqualTo("Of 20 paired cases: 8 passed in both runs, 1 in the baseline only (regressed), 9 in the candidate only (improved), 2 in neither."));
        var cells = svg.Elements("g").ToDictionary(g => g.Attribute("class")!.Value);
        Assert.That(cells.Keys, Is.EqualTo(new[] { "cell both", "cell regressed", "cell improved", "cell neither" }), "rows: baseline passed, not; columns: candidate passed, not");
        var full = X(cells["cell both"].Elements("rect").Single(r => r.Attribute("class")!.Value == "full"), "width");
        foreach (var (kind, count) in new[] { ("both", 8), ("regressed", 1), ("improved", 9), ("neither", 2) })
        {
            var area = cells[$"cell {kind}"].Elements("rect").Single(r => r.Attribute("class")!.Value == "area");
            Assert.That(X(area, "width") * X(area, "height"), Is.EqualTo(full * full * count / 20).Within(full * 0.2), $"{kind}: its share of the frame's area");
            Assert.That(cells[$"cell {kind}"].Elements("text").First().Value, Does.StartWith($"{count} "));
        }

        Assert.That(cells["cell improved"].Elements("text").First().Value, Is.EqualTo("9 ▲ improved"));
        Assert.That(cells["cell regressed"].Elements("rect").Single(r => r.Attribute("class")!.Value == "area").Attribute("fill")!.Value, Is.EqualTo("url(#outcomes-regressed)"), "regressions are hatched, not only coloured");
        var dashed = cells.Where(c => c.Value.Elements("rect").First().Attribute("stroke-dasharray") is not null).Select(c => c.Key);
        Assert.That(dashed, Is.EquivalentTo(new[] { "cell regressed", "cell improved" }), "the discordant cells, the ones the test uses");
    }

    [Test]
    public async Task ToHtml_DrawsADumbbellPerTag_FromTheBaselineToTheCandidate_WithBothIntervals()
    {
        var comparison = await PlantedComparisonAsync();

        var svg = Svg(comparison.ToHtml(), "tags");

        var (left, right) = (X(svg.Elements("line").First(), "x1"), X(svg.Elements("line").ElementAt(4), "x1"));
        double At(double fraction) => left + (fraction * (right - left));
        var rows = svg.Elements("g").Where(g => g.Attribute("class")!.Value.StartsWith("row ", StringComparison.Ordinal)).ToList();
        Assert.That(rows.Select(r => r.Elements("text").First().Value), Is.EqualTo(new[] { "All cases", "high", "low" }), "all cases first, then one row per tag");
        Assert.That(rows.Select(r => r.Attribute("class")!.Value), Is.EqualTo(new[] { "row overall up", "row tag up", "row tag same" }));
        var high = rows[1];
        Assert.That(high.Element("title")!.Value, Is.EqualTo("high: 10 cases; baseline 0.0% (95% CI 0.0–27.8%), candidate 80.0% (95% CI 49.0–94.3%); +80.0 points, 8 improved, 0 regressed, p=0.00781 unadjusted"));
        Assert.That(X(Dot(high, "baseline"), "cx"), Is.EqualTo(At(0)).Within(0.1));
        Assert.That(X(Dot(high, "candidate"), "cx"), Is.EqualTo(At(0.8)).Within(0.1));
        var (baselineInterval, candidateInterval) = (Statistics.Wilson(0, 10), Statistics.Wilson(8, 10));
        Assert.That(X(Whisker(high, "baseline"), "x2"), Is.EqualTo(At(baselineInterval.Upper)).Within(0.1));
        Assert.That(X(Whisker(high, "candidate"), "x1"), Is.EqualTo(At(candidateInterval.Lower)).Within(0.1));
        Assert.That(X(Whisker(high, "candidate"), "x2"), Is.EqualTo(At(candidateInterval.Upper)).Within(0.1));
        var join = high.Elements("line").Single(l => l.Attribute("class")!.Value == "change up");
        Assert.That((X(join, "x1"), X(join, "x2")), Is.EqualTo((At(0), At(0.8))).Using<(double, double)>((a, b) => Math.Abs(a.Item1 - b.Item1) < 0.1 && Math.Abs(a.Item2 - b.Item2) < 0.1));
        Assert.That(high.Elements("text").Select(t => t.Value).Skip(1), Is.EqualTo(new[] { "0.0% → 80.0%", "▲ +80.0 points · 10 cases" }), "the numbers, and the direction as a symbol");
        var overall = rows[0];
        Assert.That(X(Dot(overall, "baseline"), "cx"), Is.EqualTo(At(0.45)).Within(0.1));
        Assert.That(X(Whisker(overall, "candidate"), "x1"), Is.EqualTo(At(comparison.Candidate.Summary.AccuracyInterval.Lower)).Within(0.1));
    }

    [Test]
    public async Task ToHtml_ListsTheTagNumbers_UnderTheChart()
    {
        var html = (await PlantedComparisonAsync()).ToHtml();

        Assert.That(html, Does.Contain(
            "<tr><td>high</td><td class=\"num\">10</td><td class=\"num\">0.0%</td><td class=\"num\">80.0%</td><td class=\"num\">+80.0</td><td class=\"num\">8</td><td class=\"num\">0</td><td class=\"num\">0.00781</td></tr>"));
    }

    [Test]
    public async Task ToHtml_ListsRegressedAndImprovedCases_WithTheExpectedOutputBesideBothRuns()
    {
        var html = (await PlantedComparisonAsync()).ToHtml();

        Assert.That(html, Does.Contain("Regressed (1): passed in the baseline, not passed in the candidate</h2>"));
        Assert.That(html, Does.Contain("Improved (9): not passed in the baseline, passed in the candidate</h2>"));
        Assert.That(html.IndexOf("regressed-heading", StringComparison.Ordinal), Is.LessThan(html.IndexOf("improved-heading", StringComparison.Ordinal)), "regressions first");
        var n1 = FlipRow(html, "n1");
        Assert.That(n1, Does.StartWith("<tr class=\"flip regressed\"><td class=\"id\"><strong>n1</strong><br><span class=\"chip\">low</span></td><td class=\"input\"><pre class=\"value\">1</pre></td><td class=\"expected\"><pre class=\"value\">odd</pre></td>"));
        Assert.That(n1, Does.Contain("<td class=\"side baseline passed\"><span class=\"badge passed\">✓ passed</span> <span class=\"muted\">score 1</span><pre class=\"value\">odd</pre></td>"));
        Assert.That(n1, Does.Contain("<td class=\"side candidate error\"><span class=\"badge error\">⚠ error</span><p class=\"none\">no output</p><p class=\"reason\">Task &#39;parity&#39; failed").And.Contain("The model failed on 1."));
        Assert.That(FlipRow(html, "n10"), Does.Contain(
            "<td class=\"expected\"><pre class=\"value\">even</pre></td><td class=\"side baseline failed\"><span class=\"badge failed\">✗ failed</span> <span class=\"muted\">score 0</span><pre class=\"value\">odd</pre><p class=\"reason\">expected &quot;even&quot;, got &quot;odd&quot;</p></td>"
            + "<td class=\"side candidate passed\"><span class=\"badge passed\">✓ passed</span> <span class=\"muted\">score 1</span><pre class=\"value\">even</pre></td></tr>"));
        Assert.That(Regex.Count(html, "<tr class=\"flip improved\">"), Is.EqualTo(9));
    }

    [Test]
    public async Task ToHtml_EncodesAScriptTagInACaseInput_AndEveryNameAndOutput()
    {
        var set = EvalSet.Create("<b>set</b>", [new EvalCase<string, string>("<i>id</i>", "<script>alert(1)</script>", "ok", "<u>tag</u>")]);
        var baseline = await Evaluator.RunAsync(FlowTask.Create("echo", (string s) => "ok"), set, Scorers.Exact<string>(), new EvaluationOptions { Name = "<img onerror=alert(1)>" });
        var candidate = await Evaluator.RunAsync(FlowTask.Create("echo", (string s) => "<iframe>\"x\" & 'y'</iframe>"), set, Scorers.Exact<string>(), new EvaluationOptions { Name = "v2" });

        var html = EvalComparison.Compare(baseline, candidate).ToHtml();

        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<img").And.Not.Contain("<iframe").And.Not.Contain("<b>set").And.Not.Contain("<i>id").And.Not.Contain("<u>tag"));
        Assert.That(html, Does.Contain("<pre class=\"value\">&lt;script&gt;alert(1)&lt;/script&gt;</pre>"));
        Assert.That(html, Does.Contain("<pre class=\"value\">&lt;iframe&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/iframe&gt;</pre>"));
        Assert.That(html, Does.Contain("<h1>&lt;img onerror=alert(1)&gt; <span class=\"arrow\">→</span> v2</h1>"));
        Assert.That(html, Does.Contain("<strong>&lt;i&gt;id&lt;/i&gt;</strong><br><span class=\"chip\">&lt;u&gt;tag&lt;/u&gt;</span>"));
        Assert.That(Svg(html, "tags").Elements("g").Skip(1).First().Elements("text").First().Value, Is.EqualTo("<u>tag</u>"), "the chart's SVG is well-formed, the label encoded");
    }

    [Test]
    public async Task ToHtml_IsTheSameForTheSameRuns_WhateverTheCulture()
    {
        var first = (await PlantedComparisonAsync()).ToHtml();
        var culture = CultureInfo.CurrentCulture;
        string second;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            second = (await PlantedComparisonAsync()).ToHtml();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.That(second, Is.EqualTo(first));
        Assert.That(second, Does.Contain("45.0% → 85.0%").And.Contain("1,020 → 1,349").And.Contain("x1=\"").And.Not.Contain("45,0%"));
    }

    [Test]
    public async Task ToHtml_OfCommonCases_WarnsAndListsTheCasesLeftOut()
    {
        var baseline = await PlantedRuns.BaselineAsync(PlantedRuns.Parity(3));
        var candidate = await PlantedRuns.CandidateAsync(PlantedRuns.Parity(4));

        var html = EvalComparison.Compare(baseline, candidate, new EvalComparisonOptions { CompareCommonCases = true }).ToHtml();

        Assert.That(html, Does.Contain("<p class=\"warning\" role=\"note\"><strong>⚠ Warning:</strong> The runs are on different datasets; only the cases they share are compared."));
        Assert.That(html, Does.Contain("<li>Only in the baseline: none</li><li>Only in the candidate: <code>n4</code></li><li>Same id, different input or expected output: none</li>"));
        Assert.That(html, Does.Contain("<p>Baseline dataset parity, content hash <code>"), "two hashes in the footer");
    }

    [Test]
    public async Task ToHtml_OfCasesWithoutTags_DrawsAllCasesOnly_AndSaysHowToGetTags()
    {
        var set = EvalSet.Create("numbers", [new EvalCase<int, int>("one", 1, 2), new EvalCase<int, int>("two", 2, 4)]);
        var baseline = await Evaluator.RunAsync(FlowTask.Create("double", (int n) => n * 2), set, Scorers.Exact<int>());
        var candidate = await Evaluator.RunAsync(FlowTask.Create("double", (int n) => n + 1), set, Scorers.Exact<int>());

        var html = EvalComparison.Compare(baseline, candidate).ToHtml();

        Assert.That(html, Does.Contain("No case has a tag: tag the cases of the set to see where the runs differ."));
        Assert.That(Svg(html, "tags").Elements("g").Select(g => g.Attribute("class")!.Value), Is.EqualTo(new[] { "row overall down" }));
        Assert.That(html, Does.Not.Contain("<table class=\"tags\">"));
    }

    [Test]
    public async Task ToHtml_CutsLongValues_AndSaysSo()
    {
        var set = EvalSet.Create("long", [new EvalCase<string, string>("long-1", new string('i', 400), "ok")]);
        var baseline = await Evaluator.RunAsync(FlowTask.Create("echo", (string s) => "ok"), set, Scorers.Exact<string>());
        var candidate = await Evaluator.RunAsync(FlowTask.Create("echo", (string s) => new string('y', 400)), set, Scorers.Exact<string>());
        var comparison = EvalComparison.Compare(baseline, candidate);

        var html = comparison.ToHtml(new ReportFileOptions { MaxValueLength = 100 });

        Assert.That(html, Does.Contain($"<pre class=\"value\">{new string('y', 99)}…</pre>").And.Contain($"<pre class=\"value\">{new string('i', 99)}…</pre>"));
        Assert.That(html, Does.Contain("Values longer than 100 characters are cut short and end with …; the JSON file has them whole."));
        Assert.That(comparison.ToHtml(new ReportFileOptions { MaxValueLength = 1000 }), Does.Contain(new string('y', 400)).And.Not.Contain("cut short"));
    }

    /// <summary>The planted comparison: parity@1 against parity@2, b = 1 (n1, an error in the candidate), c = 9.</summary>
    private static async Task<EvalComparison> PlantedComparisonAsync()
        => EvalComparison.Compare(await PlantedRuns.BaselineAsync(), await PlantedRuns.CandidateAsync());

    /// <summary>The chart with the given id, parsed as XML: the page's SVG is well-formed on its own.</summary>
    private static XElement Svg(string html, string id) => XElement.Parse(Between(html, $"<svg id=\"{id}\"", "</svg>"));

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.That(from, Is.GreaterThanOrEqualTo(0), $"the text has '{start}'");
        return text[from..(text.IndexOf(end, from, StringComparison.Ordinal) + end.Length)];
    }

    private static string Row(string html, string name)
    {
        var th = html.IndexOf($"<th scope=\"row\">{name}", StringComparison.Ordinal);
        Assert.That(th, Is.GreaterThanOrEqualTo(0), $"the runs table has a row '{name}'");
        var start = html.LastIndexOf("<tr", th, StringComparison.Ordinal);
        return html[start..(html.IndexOf("</tr>", th, StringComparison.Ordinal) + "</tr>".Length)];
    }

    private static string Card(string html, string label)
    {
        var at = html.IndexOf($"<div class=\"label\">{Html.Encode(label)}</div>", StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"the page has the card '{label}'");
        var next = html.IndexOf("<div class=\"card", at, StringComparison.Ordinal);
        return html[at..(next < 0 ? html.IndexOf("</section>", at, StringComparison.Ordinal) : Math.Min(next, html.IndexOf("</section>", at, StringComparison.Ordinal)))];
    }

    private static string FlipRow(string html, string id)
        => html.Split('\n').Single(l => l.StartsWith("<tr class=\"flip", StringComparison.Ordinal) && l.Contains($"<strong>{id}</strong>", StringComparison.Ordinal));

    private static XElement Dot(XElement row, string side) => row.Elements("circle").Single(c => c.Attribute("class")!.Value == $"dot {side}");

    private static XElement Whisker(XElement row, string side) => row.Elements("g").Single(g => g.Attribute("class")!.Value == $"whisker {side}").Element("line")!;

    private static XElement Line(XElement svg, string cssClass) => svg.Elements("line").Single(l => l.Attribute("class")?.Value == cssClass);

    private static double X(XElement element, string attribute) => double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"url\([^)]*\)")]
    private static partial Regex UrlReference();
}
