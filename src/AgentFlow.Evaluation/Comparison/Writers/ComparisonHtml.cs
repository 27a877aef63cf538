using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>
/// Writes an <see cref="EvalComparison"/> as one self-contained HTML page, on the report page's shell and stylesheet:
/// the conclusion, both runs side by side, summary cards, the paired outcomes as a grid of areas, the accuracy per tag
/// as a dumbbell chart, and the regressed and improved cases with the expected output beside both runs' outputs.
/// </summary>
internal static class ComparisonHtml
{
    public static string Write(EvalComparison comparison, ReportFileOptions options)
    {
        var page = new HtmlPage(options.MaxValueLength);
        var (baseline, candidate) = (comparison.Baseline, comparison.Candidate);
        page.Raw("<header>\n<p class=\"eyebrow\">Comparison of two evaluation runs</p>\n");
        page.Raw($"<h1>{Html.Encode(baseline.Name)} <span class=\"arrow\">→</span> {Html.Encode(candidate.Name)}</h1>\n");
        page.Raw(Verdict(comparison)).Raw("\n");
        foreach (var warning in comparison.Warnings)
        {
            page.Raw($"<p class=\"warning\" role=\"note\"><strong>⚠ Warning:</strong> {Html.Encode(warning)}</p>\n");
        }

        page.Raw(Runs(comparison, page)).Raw("\n</header>\n");
        page.Raw(Cards(comparison)).Raw("\n");
        page.Raw(OutcomesPanel(comparison)).Raw("\n");
        page.Raw(TagPanel(comparison)).Raw("\n");
        page.Raw(Flipped(page, "regressed", "▼", $"Regressed ({ReportText.Count(comparison.Regressed.Count)}): passed in the baseline, not passed in the candidate", comparison.Regressed)).Raw("\n");
        page.Raw(Flipped(page, "improved", "▲", $"Improved ({ReportText.Count(comparison.Improved.Count)}): not passed in the baseline, passed in the candidate", comparison.Improved)).Raw("\n");
        if (!comparison.SameDataset)
        {
            page.Raw(LeftOut(comparison, page)).Raw("\n");
        }

        page.Raw("<footer>\n");
        page.Raw(string.Equals(baseline.DatasetHash, candidate.DatasetHash, StringComparison.Ordinal) && string.Equals(baseline.DatasetName, candidate.DatasetName, StringComparison.Ordinal)
            ? $"<p>Both runs on dataset {Html.Encode(baseline.DatasetName)}, content hash <code>{Html.Encode(baseline.DatasetHash)}</code>.</p>\n"
            : $"<p>Baseline dataset {Html.Encode(baseline.DatasetName)}, content hash <code>{Html.Encode(baseline.DatasetHash)}</code>; candidate dataset {Html.Encode(candidate.DatasetName)}, content hash <code>{Html.Encode(candidate.DatasetHash)}</code>.</p>\n");
        if (page.Truncated)
        {
            page.Raw($"<p>Values longer than {ReportText.Count(options.MaxValueLength)} characters are cut short and end with {ReportText.Ellipsis}; the JSON file has them whole.</p>\n");
        }

        page.Raw($"<p>Written by AgentFlow.Evaluation from the evaluations of {Html.Encode(ReportText.Timestamp(baseline.StartedAt))} (baseline) and {Html.Encode(ReportText.Timestamp(candidate.StartedAt))} (candidate).</p>\n</footer>\n");
        return page.ToDocument($"Comparison: {baseline.Name} → {candidate.Name}", ComparisonStyles.Sheet);
    }

    /// <summary>The verdict's CSS class and mark: <c>better</c> ▲, <c>worse</c> ▼, <c>none</c> =.</summary>
    private static (string Kind, string Mark) VerdictMark(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.CandidateBetter => ("better", "▲"),
        ComparisonVerdict.CandidateWorse => ("worse", "▼"),
        _ => ("none", "="),
    };

    private static string Verdict(EvalComparison comparison)
    {
        var (kind, mark) = VerdictMark(comparison.Verdict);
        return $"<section class=\"verdict {kind}\" aria-label=\"Conclusion\"><span class=\"mark\" aria-hidden=\"true\">{mark}</span><div>"
               + $"<p class=\"conclusion\">{Html.Encode(comparison.Conclusion)}</p><p class=\"meaning\">{Html.Encode(ComparisonText.Meaning(comparison))}</p></div></section>";
    }

    private static string Runs(EvalComparison comparison, HtmlPage page)
    {
        var (b, c) = (comparison.Baseline, comparison.Candidate);
        var html = new StringBuilder("<div class=\"table-wrap\"><table class=\"runs\"><thead><tr><th></th><th>Baseline</th><th>Candidate</th></tr></thead><tbody>");
        Row(html, "Run", Run(b, page), Run(c, page));
        Row(html, "Task", HtmlPage.Code(b.TaskName), HtmlPage.Code(c.TaskName));
        Row(html, "Prompts", Prompts(b), Prompts(c));
        Row(html, "Models", Chips(b.Models), Chips(c.Models));
        Row(html, "Labels", Chips(b.Labels.Select(l => $"{l.Key} = {l.Value}")), Chips(c.Labels.Select(l => $"{l.Key} = {l.Value}")));
        Row(html, "Dataset", Dataset(b, page), Dataset(c, page));
        Row(html, "Scorer", HtmlPage.Code(b.Scorer), HtmlPage.Code(c.Scorer));
        Row(html, "Started", Html.Encode(ReportText.Timestamp(b.StartedAt)), Html.Encode(ReportText.Timestamp(c.StartedAt)), compare: false);
        return html.Append("</tbody></table></div>").ToString();

        static void Row(StringBuilder html, string name, string baseline, string candidate, bool compare = true)
        {
            var changed = compare && !string.Equals(baseline, candidate, StringComparison.Ordinal);
            html.Append(CultureInfo.InvariantCulture, $"<tr{(changed ? " class=\"changed\"" : string.Empty)}><th scope=\"row\">{name}{(changed ? " <span class=\"changed-mark\">changed</span>" : string.Empty)}</th><td>{baseline}</td><td>{candidate}</td></tr>");
        }
    }

    private static string Run(ComparedRun run, HtmlPage page)
        => (run.RunId is { } id ? $"<span class=\"muted\">#{id.ToString(CultureInfo.InvariantCulture)}</span> " : string.Empty) + $"<strong>{page.Text(run.Name)}</strong>";

    private static string Prompts(ComparedRun run)
        => run.Prompts.Count == 0 ? $"<span class=\"none\">{ReportText.None}</span>" : string.Join("<br>", run.Prompts.Select(Prompt));

    private static string Prompt(PromptVersion prompt)
        => HtmlPage.Code($"{prompt.Name}@{prompt.Version}")
           + (prompt.ContentHash is { } hash ? $" <code class=\"muted\" title=\"{Html.Encode(hash)}\">{Html.Encode(ReportText.ShortHash(hash))}</code>" : string.Empty)
           + (prompt.ExamplesHash is { } examples ? $" <span class=\"muted\">examples</span> <code class=\"muted\" title=\"{Html.Encode(examples)}\">{Html.Encode(ReportText.ShortHash(examples))}</code>" : string.Empty);

    private static string Chips(IEnumerable<string> values)
    {
        var chips = HtmlPage.Chips(values);
        return chips.Length == 0 ? $"<span class=\"none\">{ReportText.None}</span>" : chips;
    }

    private static string Dataset(ComparedRun run, HtmlPage page)
        => $"{page.Text(run.DatasetName)} <code title=\"{Html.Encode(run.DatasetHash)}\">{Html.Encode(ReportText.ShortHash(run.DatasetHash))}</code> <span class=\"muted\">{ReportText.Count(run.TotalCases)} case{(run.TotalCases == 1 ? string.Empty : "s")}</span>";

    private static string Cards(EvalComparison comparison)
    {
        var (b, c) = (comparison.Baseline.Summary, comparison.Candidate.Summary);
        var test = comparison.McNemar;
        var interval = comparison.AccuracyDeltaInterval;
        var (kind, _) = VerdictMark(comparison.Verdict);
        var cards = new StringBuilder("<section class=\"cards headline\" aria-label=\"Accuracy and the test\">");
        var strips = "<div class=\"strips\">"
                     + $"<span class=\"who\">baseline</span>{SvgChart.OutcomeStrip("strip-baseline", b.Passed, b.Failed, b.Errors)}<span class=\"of\">{ReportText.Count(b.Passed)}/{ReportText.Count(b.Cases)}</span>"
                     + $"<span class=\"who\">candidate</span>{SvgChart.OutcomeStrip("strip-candidate", c.Passed, c.Failed, c.Errors)}<span class=\"of\">{ReportText.Count(c.Passed)}/{ReportText.Count(c.Cases)}</span></div>"
                     + HtmlPage.OutcomeLegend();
        cards.Append(HtmlPage.Card(
            "Accuracy, baseline → candidate",
            $"{ReportText.Percent(b.Accuracy)} → {ReportText.Percent(c.Accuracy)}",
            $"95% CI {ReportText.Range(b.AccuracyInterval)} → {ReportText.Range(c.AccuracyInterval)}",
            strips,
            "accuracy"));
        var deltaText = $"{ComparisonBuilder.FormatPoints(comparison.AccuracyDelta)} points";
        var deltaDetail = $"95% CI {ComparisonBuilder.FormatPoints(interval.Lower)} to {ComparisonBuilder.FormatPoints(interval.Upper)} (Newcombe, paired)";
        cards.Append(HtmlPage.Card(
            "Change in accuracy",
            deltaText,
            deltaDetail,
            ComparisonCharts.DeltaStrip(comparison.AccuracyDelta, interval, VerdictColor(comparison.Verdict), $"{deltaText}, {deltaDetail}; the dashed line is no change"),
            "delta " + kind));
        cards.Append(HtmlPage.Card(
            "p-value",
            ComparisonBuilder.FormatP(test.PValue),
            $"exact McNemar, two-sided; mid-{ComparisonBuilder.FormatP(test.MidPValue)}; level {comparison.SignificanceLevel.ToString(CultureInfo.InvariantCulture)}"));
        cards.Append(HtmlPage.Card(
            "Discordant pairs",
            ReportText.Count(test.Discordant),
            $"▲ {ReportText.Count(test.CandidateOnly)} improved, ▼ {ReportText.Count(test.BaselineOnly)} regressed, of {ReportText.Count(comparison.Cases)} cases"));
        cards.Append("</section>\n<section class=\"cards costs\" aria-label=\"Errors, latency, tokens and cost\">");
        cards.Append(HtmlPage.Card("Errors", $"{ReportText.Count(b.Errors)} → {ReportText.Count(c.Errors)}", $"{Signed(c.Errors - b.Errors)}; an error counts as not passed"));
        cards.Append(HtmlPage.Card(
            "Latency p50",
            $"{ReportText.Latency(b.LatencyP50)} → {ReportText.Latency(c.LatencyP50)}",
            $"{SignedLatency(comparison.LatencyP50Delta)}; p95 {ReportText.Latency(b.LatencyP95)} → {ReportText.Latency(c.LatencyP95)} ({SignedLatency(comparison.LatencyP95Delta)})"));
        cards.Append(HtmlPage.Card(
            "Tokens",
            $"{ReportText.Count(b.InputTokens + b.OutputTokens)} → {ReportText.Count(c.InputTokens + c.OutputTokens)}",
            $"{Signed(comparison.InputTokensDelta)} in, {Signed(comparison.OutputTokensDelta)} out{(b.TokensEstimated || c.TokensEstimated ? " (some estimated)" : string.Empty)}"));
        cards.Append(HtmlPage.Card(
            "Cost",
            $"{ReportText.Cost(b.Cost)} → {ReportText.Cost(c.Cost)}",
            comparison.CostDelta is { } cost ? $"{ComparisonText.Sign(Math.Sign(cost))}{ReportText.Cost(Math.Abs(cost))}, in the price table's currency" : "not priced in both runs"));
        return cards.Append("</section>").ToString();
    }

    private static string OutcomesPanel(EvalComparison comparison)
    {
        var o = comparison.Outcomes;
        var test = comparison.McNemar;
        var description = $"Of {ReportText.Count(o.Cases)} paired cases: {ReportText.Count(o.BothPassed)} passed in both runs, {ReportText.Count(o.BaselineOnly)} in the baseline only (regressed), "
                          + $"{ReportText.Count(o.CandidateOnly)} in the candidate only (improved), {ReportText.Count(o.NeitherPassed)} in neither.";
        var grid = ComparisonCharts.PairedGrid("outcomes", "Paired outcomes: baseline by candidate", description, o);
        var mcNemar = $"Exact McNemar test on the {ReportText.Count(test.Discordant)} discordant case(s) ({ReportText.Count(test.CandidateOnly)} improved, {ReportText.Count(test.BaselineOnly)} regressed): "
                      + $"two-sided {ComparisonBuilder.FormatP(test.PValue)} (mid-{ComparisonBuilder.FormatP(test.MidPValue)}), significance level {comparison.SignificanceLevel.ToString(CultureInfo.InvariantCulture)}.";
        return "<section class=\"panel\" aria-labelledby=\"outcomes-heading\"><h2 id=\"outcomes-heading\">Paired outcomes</h2>"
               + "<p class=\"hint\">Each case counted once, by whether it passed in the baseline (rows) and in the candidate (columns). Each square's area is its share of the cases: a cell holding every case would be filled to the dotted frame. Errors count as not passed.</p>"
               + $"<div class=\"outcomes\">{grid}<div class=\"outcomes-notes\">"
               + "<p>Only the <strong>discordant</strong> cases, in the dashed cells, say anything about a difference: a case that passed, or failed, in both runs says nothing about which is better.</p>"
               + $"<p>{Html.Encode(mcNemar)}</p>"
               + "<ul class=\"legend vertical\"><li><span class=\"swatch both\"></span>both passed</li><li><span class=\"swatch improved\"></span>▲ improved: the candidate only</li>"
               + "<li><span class=\"swatch regressed\"></span>▼ regressed: the baseline only (hatched)</li><li><span class=\"swatch neither\"></span>neither passed</li></ul>"
               + "</div></div></section>";
    }

    private static string TagPanel(EvalComparison comparison)
    {
        var (b, c) = (comparison.Baseline.Summary, comparison.Candidate.Summary);
        List<DumbbellRow> rows =
        [
            Row("All cases", "overall", comparison.Cases, b.Accuracy, b.AccuracyInterval, c.Accuracy, c.AccuracyInterval, comparison.AccuracyDelta, comparison.Outcomes.CandidateOnly, comparison.Outcomes.BaselineOnly, comparison.McNemar.PValue),
        ];
        foreach (var (tag, t) in comparison.ByTag)
        {
            rows.Add(Row(tag, "tag", t.Cases, t.BaselineAccuracy, Statistics.Wilson(t.BaselinePassed, t.Cases), t.CandidateAccuracy, Statistics.Wilson(t.CandidatePassed, t.Cases), t.AccuracyDelta, t.Improved, t.Regressed, t.PValue));
        }

        var chart = ComparisonCharts.Dumbbell(
            "tags",
            "Accuracy per tag, baseline and candidate, with 95% confidence intervals",
            string.Join("; ", rows.Select(r => r.Detail)) + ".",
            rows);
        var hint = comparison.ByTag.Count == 0
            ? "No case has a tag: tag the cases of the set to see where the runs differ."
            : "Each row joins the baseline's accuracy (hollow dot) to the candidate's (filled dot); the whiskers are their 95% Wilson intervals, the baseline's above and the candidate's below, wide when a tag has few cases. A tag's p-value is not adjusted for the number of tags: a pointer to where to look, not a finding.";
        var html = new StringBuilder("<section class=\"panel\" aria-labelledby=\"tags-heading\"><h2 id=\"tags-heading\">Accuracy per tag</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"hint\">{Html.Encode(hint)}</p>{chart}");
        html.Append("<ul class=\"legend\"><li><span class=\"swatch dot-baseline\"></span>baseline</li><li><span class=\"swatch dot-candidate\"></span>candidate</li>");
        html.Append("<li><span class=\"swatch up\"></span>▲ up</li><li><span class=\"swatch down\"></span>▼ down</li><li><span class=\"swatch interval\"></span>95% interval: the baseline's above, the candidate's below</li></ul>");
        if (comparison.ByTag.Count > 0)
        {
            html.Append("<div class=\"table-wrap\"><table class=\"tags\"><thead><tr><th>Tag</th><th class=\"num\">Cases</th><th class=\"num\">Baseline</th><th class=\"num\">Candidate</th><th class=\"num\">Change</th><th class=\"num\">▲ Improved</th><th class=\"num\">▼ Regressed</th><th class=\"num\">p (unadjusted)</th></tr></thead><tbody>");
            foreach (var (tag, t) in comparison.ByTag)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html.Encode(tag)}</td><td class=\"num\">{ReportText.Count(t.Cases)}</td><td class=\"num\">{ReportText.Percent(t.BaselineAccuracy)}</td><td class=\"num\">{ReportText.Percent(t.CandidateAccuracy)}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{ComparisonBuilder.FormatPoints(t.AccuracyDelta)}</td><td class=\"num\">{ReportText.Count(t.Improved)}</td><td class=\"num\">{ReportText.Count(t.Regressed)}</td><td class=\"num\">{ComparisonBuilder.FormatP(t.PValue)[2..]}</td></tr>");
            }

            html.Append("</tbody></table></div>");
        }

        return html.Append("</section>").ToString();

        static DumbbellRow Row(string label, string kind, int cases, double baseline, ConfidenceInterval baselineInterval, double candidate, ConfidenceInterval candidateInterval, double delta, int improved, int regressed, double p)
        {
            var symbol = delta > 0 ? "▲ " : delta < 0 ? "▼ " : string.Empty;
            var detail = $"{label}: {ReportText.Count(cases)} case{(cases == 1 ? string.Empty : "s")}; baseline {ReportText.Percent(baseline)} (95% CI {ReportText.Range(baselineInterval)}), "
                         + $"candidate {ReportText.Percent(candidate)} (95% CI {ReportText.Range(candidateInterval)}); {ComparisonBuilder.FormatPoints(delta)} points, "
                         + $"{ReportText.Count(improved)} improved, {ReportText.Count(regressed)} regressed, {ComparisonBuilder.FormatP(p)}{(kind == "tag" ? " unadjusted" : string.Empty)}";
            return new DumbbellRow(
                label,
                kind,
                baseline,
                baselineInterval,
                candidate,
                candidateInterval,
                $"{ReportText.Percent(baseline)} → {ReportText.Percent(candidate)}",
                $"{symbol}{ComparisonBuilder.FormatPoints(delta)} points · {ReportText.Count(cases)} case{(cases == 1 ? string.Empty : "s")}",
                detail);
        }
    }

    private static string Flipped(HtmlPage page, string kind, string mark, string heading, IReadOnlyList<FlippedCase> cases)
    {
        var html = new StringBuilder($"<section class=\"panel flips {kind}{(cases.Count == 0 ? " empty" : string.Empty)}\" aria-labelledby=\"{kind}-heading\"><h2 id=\"{kind}-heading\"><span class=\"flip-mark {kind}\" aria-hidden=\"true\">{mark}</span> {Html.Encode(heading)}</h2>");
        if (cases.Count == 0)
        {
            return html.Append("<p class=\"none\">None.</p></section>").ToString();
        }

        html.Append("<p class=\"hint\">The expected output beside what each run gave, with its score and reason, or its error.</p>");
        html.Append("<div class=\"table-wrap\"><table class=\"cases flipped\"><thead><tr><th>Case</th><th>Input</th><th>Expected</th><th>Baseline</th><th>Candidate</th></tr></thead><tbody>\n");
        foreach (var flip in cases)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"flip {kind}\"><td class=\"id\"><strong>{page.Text(flip.Id)}</strong>{(flip.Tags.Count > 0 ? "<br>" + HtmlPage.Chips(flip.Tags) : string.Empty)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"input\">{page.Value(ReportText.Value(flip.Input))}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"expected\">{page.Value(ReportText.Value(flip.Expected))}</td>");
            html.Append(Side(page, "baseline", flip.BaselineOutcome, flip.BaselineActual, flip.BaselineScore, flip.BaselineReason));
            html.Append(Side(page, "candidate", flip.CandidateOutcome, flip.CandidateActual, flip.CandidateScore, flip.CandidateReason));
            html.Append("</tr>\n");
        }

        return html.Append("</tbody></table></div></section>").ToString();
    }

    private static string Side(HtmlPage page, string side, CaseOutcome outcome, JsonElement? actual, double? score, string? reason)
    {
        var html = new StringBuilder($"<td class=\"side {side} {ReportText.Outcome(outcome)}\">{HtmlPage.Badge(outcome)}");
        if (score is { } value)
        {
            html.Append(CultureInfo.InvariantCulture, $" <span class=\"muted\">score {ReportText.Score(value)}</span>");
        }

        html.Append(actual is null ? $"<p class=\"none\">no output</p>" : page.Value(ReportText.Value(actual)));
        if (!string.IsNullOrWhiteSpace(reason))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"reason\">{page.Text(reason)}</p>");
        }

        return html.Append("</td>").ToString();
    }

    private static string LeftOut(EvalComparison comparison, HtmlPage page)
    {
        return "<section class=\"panel\" aria-labelledby=\"left-out-heading\"><h2 id=\"left-out-heading\">Cases left out</h2>"
               + "<p class=\"hint\">The runs are on different datasets: only the cases they share (same id, input and expected output) are compared above.</p><ul class=\"left-out\">"
               + $"<li>Only in the baseline: {Ids(comparison.OnlyInBaseline)}</li><li>Only in the candidate: {Ids(comparison.OnlyInCandidate)}</li>"
               + $"<li>Same id, different input or expected output: {Ids(comparison.ChangedCases)}</li></ul></section>";

        string Ids(IReadOnlyList<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids.Select(id => $"<code>{page.Text(id)}</code>"));
    }

    private static string VerdictColor(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.CandidateBetter => ComparisonCharts.ImprovedColor,
        ComparisonVerdict.CandidateWorse => ComparisonCharts.RegressedColor,
        _ => SvgChart.MutedColor,
    };

    private static string Signed(long value) => ComparisonText.Sign(Math.Sign(value)) + ReportText.Count(Math.Abs(value));

    private static string SignedLatency(TimeSpan value) => ComparisonText.Sign(value.CompareTo(TimeSpan.Zero)) + ReportText.Latency(value.Duration());
}
