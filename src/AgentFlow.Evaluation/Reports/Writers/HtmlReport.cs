using System.Globalization;
using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// Writes an <see cref="EvalReport"/> as one self-contained HTML page: a header with what ran, summary cards, the
/// accuracy per tag with its intervals, the latency distribution, and a table of every case that filters by outcome.
/// </summary>
internal static class HtmlReport
{
    public static string Write(EvalReport report, ReportFileOptions options)
    {
        var page = new HtmlPage(options.MaxValueLength);
        var summary = report.Summary;
        page.Raw("<header>\n<p class=\"eyebrow\">Evaluation report</p>\n");
        page.Raw($"<h1>{Html.Encode(report.Name)}</h1>\n");
        page.Raw($"<p class=\"lede\"><strong>{ReportText.Count(summary.Passed)} of {ReportText.Count(summary.Cases)} cases passed</strong> · {Html.Encode(ReportText.Accuracy(summary))} · "
                 + $"{ReportText.Count(summary.Failed)} failed · {ReportText.Count(summary.Errors)} error{(summary.Errors == 1 ? string.Empty : "s")}</p>\n");
        page.Raw(HtmlPage.Facts(Facts(report, page))).Raw("\n</header>\n");
        page.Raw(Cards(summary, report.DatasetName)).Raw("\n");
        page.Raw(TagChart(report)).Raw("\n");
        page.Raw(LatencyChart(report)).Raw("\n");
        page.Raw(CaseTable(report, page)).Raw("\n");
        page.Raw("<footer>\n");
        page.Raw($"<p>Dataset {Html.Encode(report.DatasetName)}, content hash <code>{Html.Encode(report.DatasetHash)}</code>.</p>\n");
        if (page.Truncated)
        {
            page.Raw($"<p>Values longer than {ReportText.Count(options.MaxValueLength)} characters are cut short and end with {ReportText.Ellipsis}; the JSON report has them whole.</p>\n");
        }

        page.Raw($"<p>Written by AgentFlow.Evaluation from the evaluation of {Html.Encode(ReportText.Timestamp(report.StartedAt))}.</p>\n</footer>\n");
        return page.ToDocument($"Evaluation: {report.Name}");
    }

    private static IEnumerable<(string Label, string Html)> Facts(EvalReport report, HtmlPage page)
    {
        yield return ("Task", HtmlPage.Code(report.TaskName));
        yield return ("Scorer", HtmlPage.Code(report.Scorer));
        yield return ("Dataset", $"{page.Text(report.DatasetName)} <code title=\"{Html.Encode(report.DatasetHash)}\">{Html.Encode(ReportText.ShortHash(report.DatasetHash))}</code>");
        if (report.Prompts.Count > 0)
        {
            yield return ("Prompts", string.Join("<br>", report.Prompts.Select(Prompt)));
        }

        if (report.Models.Count > 0)
        {
            yield return ("Models", HtmlPage.Chips(report.Models));
        }

        if (report.ScoringPrompts.Count > 0 || report.ScoringModels.Count > 0)
        {
            yield return ("Scoring", string.Join("<br>", report.ScoringPrompts.Select(Prompt)) + (report.ScoringPrompts.Count > 0 ? "<br>" : string.Empty) + HtmlPage.Chips(report.ScoringModels));
        }

        if (report.Labels.Count > 0)
        {
            yield return ("Labels", HtmlPage.Chips(report.Labels.Select(l => $"{l.Key} = {l.Value}")));
        }

        yield return ("Started", Html.Encode(ReportText.Timestamp(report.StartedAt)));
        yield return ("Ran", Html.Encode(
            $"in {ReportText.Latency(report.Duration)}, up to {ReportText.Count(report.MaxParallelism)} case{(report.MaxParallelism == 1 ? string.Empty : "s")} at once, "
            + (report.CaseTimeout is { } timeout ? $"timeout {ReportText.Latency(timeout)} per case" : "no timeout")));
    }

    private static string Prompt(PromptVersion prompt)
        => HtmlPage.Code($"{prompt.Name}@{prompt.Version}")
           + (prompt.ContentHash is { } hash ? $" <code class=\"muted\" title=\"{Html.Encode(hash)}\">{Html.Encode(ReportText.ShortHash(hash))}</code>" : string.Empty)
           + (prompt.ExamplesHash is { } examples ? $" <span class=\"muted\">examples</span> <code class=\"muted\" title=\"{Html.Encode(examples)}\">{Html.Encode(ReportText.ShortHash(examples))}</code>" : string.Empty);

    private static string Cards(EvalSummary s, string datasetName)
    {
        var cards = new StringBuilder("<section class=\"cards\" aria-label=\"Summary\">");
        var counts = $"<ul class=\"legend\"><li><span class=\"swatch passed\"></span>✓ {ReportText.Count(s.Passed)} passed</li><li><span class=\"swatch failed\"></span>✗ {ReportText.Count(s.Failed)} failed</li>"
                     + $"<li><span class=\"swatch error\"></span>⚠ {ReportText.Count(s.Errors)} error{(s.Errors == 1 ? string.Empty : "s")}</li></ul>";
        cards.Append(HtmlPage.Card(
            "Accuracy",
            ReportText.Percent(s.Accuracy),
            $"{ReportText.Level(s.AccuracyInterval)} CI {ReportText.Range(s.AccuracyInterval)}",
            SvgChart.OutcomeStrip("strip", s.Passed, s.Failed, s.Errors) + counts,
            "wide"));
        cards.Append(HtmlPage.Card("Cases", ReportText.Count(s.Cases), $"in {datasetName}"));
        cards.Append(HtmlPage.Card("Mean score", ReportText.Score(s.MeanScore), "an error scores 0"));
        cards.Append(HtmlPage.Card("Latency p50", ReportText.Latency(s.LatencyP50), $"p95 {ReportText.Latency(s.LatencyP95)}"));
        cards.Append(HtmlPage.Card(
            "Tokens",
            ReportText.Count(s.InputTokens + s.OutputTokens),
            ReportText.Tokens(s.InputTokens, s.OutputTokens, s.TokensEstimated)));
        cards.Append(HtmlPage.Card(
            "Cost",
            ReportText.Cost(s.Cost),
            s.UnpricedModelCalls > 0 ? $"{ReportText.Count(s.UnpricedModelCalls)} model call{(s.UnpricedModelCalls == 1 ? string.Empty : "s")} unpriced" : s.Cost is null ? "no model call priced" : "in the price table's currency"));
        if (s.ScoringInputTokens > 0 || s.ScoringOutputTokens > 0 || s.ScoringCost is not null)
        {
            cards.Append(HtmlPage.Card(
                "Scoring",
                ReportText.Cost(s.ScoringCost),
                ReportText.Tokens(s.ScoringInputTokens, s.ScoringOutputTokens, estimated: false)));
        }

        return cards.Append("</section>").ToString();
    }

    private static string TagChart(EvalReport report)
    {
        var all = report.Summary;
        List<IntervalBar> bars = [Bar("All cases", all, "overall")];
        bars.AddRange(report.ByTag.Select(t => Bar(t.Key, t.Value, "tag")));
        var description = report.ByTag.Count == 0
            ? $"All cases: {Detail("All cases", all)}. No case has a tag."
            : string.Join("; ", bars.Select(b => b.Detail)) + ".";
        var chart = SvgChart.IntervalBars("tags", "Accuracy per tag, with 95% confidence intervals", description, bars, all.Accuracy, $"all cases {ReportText.Percent(all.Accuracy)}");
        var hint = report.ByTag.Count == 0
            ? "No case has a tag: tag the cases of the set to see the accuracy of each group."
            : "Each bar is the share of a tag's cases that passed; the whiskers are its 95% Wilson interval, wide when the tag has few cases. The dashed line is the accuracy over all cases.";
        return $"<section class=\"panel\" aria-labelledby=\"tags-heading\"><h2 id=\"tags-heading\">Accuracy per tag</h2><p class=\"hint\">{Html.Encode(hint)}</p>{chart}"
               + "<ul class=\"legend\"><li><span class=\"swatch overall\"></span>all cases</li><li><span class=\"swatch tag\"></span>tag</li><li><span class=\"swatch interval\"></span>95% interval</li><li><span class=\"swatch reference\"></span>accuracy over all cases</li></ul></section>";

        static IntervalBar Bar(string label, EvalSummary s, string kind)
            => new(label, s.Accuracy, s.AccuracyInterval, $"{ReportText.Percent(s.Accuracy)}  ·  {ReportText.Count(s.Passed)}/{ReportText.Count(s.Cases)}", $"{label}: {Detail(label, s)}", kind);

        static string Detail(string label, EvalSummary s)
            => $"{ReportText.Count(s.Passed)} of {ReportText.Count(s.Cases)} passed, {ReportText.Accuracy(s)}, {ReportText.Count(s.Failed)} failed, {ReportText.Count(s.Errors)} error{(s.Errors == 1 ? string.Empty : "s")}";
    }

    private static string LatencyChart(EvalReport report)
    {
        var s = report.Summary;
        var points = report.Cases.Select(c => (c.Latency, c.Outcome)).ToList();
        var logarithmic = LatencyBins.For([.. points.Select(p => p.Latency.TotalMilliseconds)]).Logarithmic;
        var slowest = report.Cases.Count == 0 ? TimeSpan.Zero : report.Cases.Max(c => c.Latency);
        var description = $"{ReportText.Count(s.Cases)} cases; p50 {ReportText.Latency(s.LatencyP50)}, p95 {ReportText.Latency(s.LatencyP95)}, slowest {ReportText.Latency(slowest)}.";
        var chart = SvgChart.LatencyHistogram(
            "latency",
            "Latency of the cases' runs, by outcome",
            description,
            points,
            [($"p50 {ReportText.Latency(s.LatencyP50)}", s.LatencyP50), ($"p95 {ReportText.Latency(s.LatencyP95)}", s.LatencyP95)]);
        return "<section class=\"panel\" aria-labelledby=\"latency-heading\"><h2 id=\"latency-heading\">Latency</h2>"
               + $"<p class=\"hint\">How long each case's run took (scoring not included), in bins{(logarithmic ? " on a logarithmic scale (each step 2 or 2.5 times the last)" : string.Empty)}, stacked by outcome. Dashed lines mark the median (p50) and the 95th percentile (p95).</p>"
               + chart + HtmlPage.OutcomeLegend() + "</section>";
    }

    private static string CaseTable(EvalReport report, HtmlPage page)
    {
        var s = report.Summary;
        var attention = s.Failed + s.Errors;
        var html = new StringBuilder("<section class=\"panel\" aria-labelledby=\"cases-heading\"><h2 id=\"cases-heading\">Cases</h2>");
        html.Append("<p class=\"hint\">Every case in the set's order. Failed and error cases are highlighted, with the expected and the actual output side by side.</p>");
        (string Id, string Label, int Count)[] filters =
        [
            ("show-all", "All", s.Cases), ("show-attention", "Failed and errors", attention), ("show-passed", "✓ Passed", s.Passed),
            ("show-failed", "✗ Failed", s.Failed), ("show-error", "⚠ Errors", s.Errors),
        ];
        var selected = attention > 0 ? "show-attention" : "show-all";
        foreach (var (id, _, _) in filters)
        {
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"radio\" class=\"filter\" name=\"outcome\" id=\"{id}\"{(id == selected ? " checked" : string.Empty)}>");
        }

        html.Append("<div class=\"filters\" role=\"group\" aria-label=\"Show cases\">");
        foreach (var (id, label, count) in filters)
        {
            html.Append(CultureInfo.InvariantCulture, $"<label for=\"{id}\">{Html.Encode(label)}<span class=\"count\">{ReportText.Count(count)}</span></label>");
        }

        html.Append("</div><div class=\"table-wrap\"><table class=\"cases\"><thead><tr><th>Outcome</th><th>Case</th><th>Input</th><th>Expected</th><th>Actual</th><th>Result</th><th class=\"num\">Latency</th><th class=\"num\">Tokens</th></tr></thead><tbody>\n");
        foreach (var c in report.Cases)
        {
            html.Append(CaseRow(c, page)).Append('\n');
        }

        if (report.Cases.Count == 0)
        {
            html.Append("<tr><td colspan=\"8\" class=\"none\">The set has no case.</td></tr>\n");
        }

        return html.Append("</tbody></table></div></section>").ToString();
    }

    private static string CaseRow(CaseResult c, HtmlPage page)
    {
        var outcome = ReportText.Outcome(c.Outcome);
        var row = new StringBuilder($"<tr class=\"case {outcome}\" data-outcome=\"{outcome}\">");
        row.Append(CultureInfo.InvariantCulture, $"<td>{HtmlPage.Badge(c.Outcome)}</td>");
        row.Append(CultureInfo.InvariantCulture, $"<td class=\"id\"><strong>{page.Text(c.Id)}</strong>{(c.Tags.Count > 0 ? "<br>" + HtmlPage.Chips(c.Tags) : string.Empty)}</td>");
        row.Append(CultureInfo.InvariantCulture, $"<td class=\"input\">{page.Value(ReportText.Value(c.Input))}</td>");
        row.Append(CultureInfo.InvariantCulture, $"<td class=\"expected\">{page.Value(ReportText.Value(c.Expected))}</td>");
        row.Append(c.Actual is null
            ? $"<td class=\"actual none\">{ReportText.None}</td>"
            : $"<td class=\"actual\">{page.Value(ReportText.Value(c.Actual))}</td>");
        row.Append("<td class=\"result\">").Append(Result(c, page)).Append("</td>");
        row.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Html.Encode(ReportText.Latency(c.Latency))}</td>");
        row.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(c.InputTokens + c.OutputTokens > 0 ? Html.Encode($"{ReportText.Count(c.InputTokens)} / {ReportText.Count(c.OutputTokens)}") : "<span class=\"none\">" + ReportText.None + "</span>")}</td>");
        return row.Append("</tr>").ToString();
    }

    private static string Result(CaseResult c, HtmlPage page)
    {
        if (c.Error is { } error)
        {
            var result = new StringBuilder($"<strong>{Html.Encode(ReportText.Kind(error.Kind))}</strong>");
            if (error.NodePath is { } path)
            {
                result.Append(" at ").Append(HtmlPage.Code(path));
            }

            result.Append(CultureInfo.InvariantCulture, $"<p class=\"reason\">{page.Text(error.Message)}</p>");
            if (error.ExceptionType is { } type)
            {
                result.Append(CultureInfo.InvariantCulture, $"<span class=\"muted\">{Html.Encode(type)}{(error.InnerExceptionType is { } inner ? Html.Encode($" ← {inner}") : string.Empty)}</span>");
            }

            return result.ToString();
        }

        var score = c.Score;
        var text = score is null ? string.Empty : $"<span class=\"muted\">score {ReportText.Score(score.Value)}</span>";
        return score?.Reason is { } reason ? $"{text}<p class=\"reason\">{page.Text(reason)}</p>" : text;
    }
}
