using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>Renders an <see cref="EvalComparison"/> as Markdown: invariant culture, <c>\n</c> line ends, the same text for the same comparison.</summary>
internal static class ComparisonMarkdown
{
    /// <summary>The longest value shown in a cell; longer ones are cut with an ellipsis.</summary>
    public const int MaxCellLength = 80;

    public static string Render(EvalComparison comparison)
    {
        var text = new StringBuilder();
        var (baseline, candidate) = (comparison.Baseline, comparison.Candidate);
        Line(text, $"# Comparison: {Cell(baseline.Name)} → {Cell(candidate.Name)}");
        Line(text);
        Line(text, $"**{Cell(comparison.Conclusion, int.MaxValue)}**");
        foreach (var warning in comparison.Warnings)
        {
            Line(text);
            Line(text, $"> Warning: {Cell(warning, int.MaxValue)}");
        }

        Line(text);
        Line(text, "| | Baseline | Candidate | Change |");
        Line(text, "| --- | --- | --- | --- |");
        Row(text, "Run", Run(baseline), Run(candidate), string.Empty);
        Row(text, "Started", Time(baseline.StartedAt), Time(candidate.StartedAt), string.Empty);
        Row(text, "Prompts", Join(baseline.Prompts.Select(p => p.ToString())), Join(candidate.Prompts.Select(p => p.ToString())), string.Empty);
        Row(text, "Models", Join(baseline.Models), Join(candidate.Models), string.Empty);
        Row(text, "Labels", Join(baseline.Labels.Select(l => $"{l.Key}={l.Value}")), Join(candidate.Labels.Select(l => $"{l.Key}={l.Value}")), string.Empty);
        Row(text, "Dataset", Dataset(baseline), Dataset(candidate), string.Empty);
        Row(text, "Scorer", Cell(baseline.Scorer), Cell(candidate.Scorer), string.Empty);
        var (b, c) = (baseline.Summary, candidate.Summary);
        Row(text, "Cases compared", Count(b.Cases), Count(c.Cases), string.Empty);
        Row(text, "Passed", Count(b.Passed), Count(c.Passed), Signed(c.Passed - b.Passed));
        Row(text, "Accuracy (95% CI)", Accuracy(b), Accuracy(c), Invariant($"{ComparisonBuilder.FormatPoints(comparison.AccuracyDelta)} points ({ComparisonBuilder.FormatPoints(comparison.AccuracyDeltaInterval.Lower)} to {ComparisonBuilder.FormatPoints(comparison.AccuracyDeltaInterval.Upper)})"));
        Row(text, "Errors", Count(b.Errors), Count(c.Errors), Signed(c.Errors - b.Errors));
        Row(text, "Latency p50", Duration(b.LatencyP50), Duration(c.LatencyP50), Duration(comparison.LatencyP50Delta, signed: true));
        Row(text, "Latency p95", Duration(b.LatencyP95), Duration(c.LatencyP95), Duration(comparison.LatencyP95Delta, signed: true));
        Row(text, "Input tokens", Count(b.InputTokens), Count(c.InputTokens), Signed(comparison.InputTokensDelta));
        Row(text, "Output tokens", Count(b.OutputTokens), Count(c.OutputTokens), Signed(comparison.OutputTokensDelta));
        Row(text, "Cost", Cost(b.Cost), Cost(c.Cost), comparison.CostDelta is { } cost ? (cost >= 0 ? "+" : string.Empty) + cost.ToString(CultureInfo.InvariantCulture) : "n/a");

        var outcomes = comparison.Outcomes;
        Line(text);
        Line(text, "## Paired outcomes");
        Line(text);
        Line(text, "| | Candidate passed | Candidate did not pass |");
        Line(text, "| --- | ---: | ---: |");
        Line(text, Invariant($"| **Baseline passed** | {outcomes.BothPassed} | {outcomes.BaselineOnly} |"));
        Line(text, Invariant($"| **Baseline did not pass** | {outcomes.CandidateOnly} | {outcomes.NeitherPassed} |"));
        Line(text);
        var test = comparison.McNemar;
        Line(text, Invariant($"Errors count as not passed. Exact McNemar test on the {test.Discordant} discordant case(s) ({test.CandidateOnly} improved, {test.BaselineOnly} regressed): two-sided {ComparisonBuilder.FormatP(test.PValue)} (mid-{ComparisonBuilder.FormatP(test.MidPValue)}), significance level {comparison.SignificanceLevel}."));

        if (comparison.ByTag.Count > 0)
        {
            Line(text);
            Line(text, "## By tag");
            Line(text);
            Line(text, "| Tag | Cases | Baseline | Candidate | Change | Improved | Regressed | p (unadjusted) |");
            Line(text, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (tag, t) in comparison.ByTag)
            {
                Line(text, Invariant($"| {Cell(tag)} | {t.Cases} | {Percent(t.BaselineAccuracy)} | {Percent(t.CandidateAccuracy)} | {ComparisonBuilder.FormatPoints(t.AccuracyDelta)} | {t.Improved} | {t.Regressed} | {ComparisonBuilder.FormatP(t.PValue)[2..]} |"));
            }
        }

        Flipped(text, $"Improved ({comparison.Improved.Count}): not passed in the baseline, passed in the candidate", comparison.Improved);
        Flipped(text, $"Regressed ({comparison.Regressed.Count}): passed in the baseline, not passed in the candidate", comparison.Regressed);

        if (!comparison.SameDataset)
        {
            Line(text);
            Line(text, "## Cases left out");
            Line(text);
            Line(text, $"- Only in the baseline: {Ids(comparison.OnlyInBaseline)}");
            Line(text, $"- Only in the candidate: {Ids(comparison.OnlyInCandidate)}");
            Line(text, $"- Same id, different input or expected output: {Ids(comparison.ChangedCases)}");
        }

        return text.ToString();
    }

    /// <summary>
    /// Text made safe for a table cell: line breaks as spaces, pipes and backslashes escaped, <c>&lt;</c> and <c>&amp;</c>
    /// as entities so no HTML is rendered, cut to <paramref name="max"/> characters with an ellipsis.
    /// </summary>
    public static string Cell(string? value, int max = MaxCellLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var flat = value.ReplaceLineEndings(" ");
        if (flat.Length > max)
        {
            flat = flat[..(max - 1)] + "…";
        }

        return flat.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal);
    }

    private static void Flipped(StringBuilder text, string heading, IReadOnlyList<FlippedCase> cases)
    {
        Line(text);
        Line(text, $"## {heading}");
        Line(text);
        if (cases.Count == 0)
        {
            Line(text, "None.");
            return;
        }

        Line(text, "| Case | Tags | Expected | Baseline | Candidate |");
        Line(text, "| --- | --- | --- | --- | --- |");
        foreach (var flip in cases)
        {
            Line(text, $"| {Cell(flip.Id)} | {Cell(string.Join(", ", flip.Tags))} | {Json(flip.Expected)} | {Side(flip.BaselineOutcome, flip.BaselineActual, flip.BaselineScore, flip.BaselineReason)} | {Side(flip.CandidateOutcome, flip.CandidateActual, flip.CandidateScore, flip.CandidateReason)} |");
        }
    }

    private static string Side(CaseOutcome outcome, JsonElement? actual, double? score, string? reason)
    {
        var text = new StringBuilder(outcome.ToString());
        if (score is { } value)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({value:0.###})");
        }

        text.Append(": ").Append(actual is { } output ? Json(output) : "no output");
        if (!string.IsNullOrWhiteSpace(reason))
        {
            text.Append(" — ").Append(Cell(reason));
        }

        return text.ToString();
    }

    private static string Json(JsonElement value) => Cell(value.GetRawText());

    private static string Run(ComparedRun run) => (run.RunId is { } id ? Invariant($"#{id} ") : string.Empty) + Cell(run.Name);

    private static string Dataset(ComparedRun run) => Invariant($"{Cell(run.DatasetName)} ({Cell(run.DatasetHash.Length > 12 ? run.DatasetHash[..12] : run.DatasetHash)}, {run.TotalCases} cases)");

    private static string Accuracy(EvalSummary summary)
        => Invariant($"{Percent(summary.Accuracy)} ({Percent(summary.AccuracyInterval.Lower)} to {Percent(summary.AccuracyInterval.Upper)})");

    private static string Percent(double value) => Invariant($"{value * 100:0.0}%");

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Signed(long value) => value.ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture);

    private static string Cost(decimal? cost) => cost?.ToString(CultureInfo.InvariantCulture) ?? "n/a";

    private static string Time(DateTimeOffset time) => Invariant($"{time.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");

    private static string Duration(TimeSpan value, bool signed = false)
    {
        var sign = signed ? (value < TimeSpan.Zero ? "-" : "+") : string.Empty;
        var size = value.Duration();
        return sign + (size < TimeSpan.FromSeconds(1) ? Invariant($"{size.TotalMilliseconds:0} ms") : Invariant($"{size.TotalSeconds:0.00} s"));
    }

    private static string Join(IEnumerable<string> values)
    {
        var all = string.Join(", ", values);
        return all.Length == 0 ? "none" : Cell(all, int.MaxValue);
    }

    private static string Ids(IReadOnlyList<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids.Select(id => Cell(id)));

    private static void Row(StringBuilder text, string name, string baseline, string candidate, string change)
        => Line(text, $"| {name} | {baseline} | {candidate} |{(change.Length == 0 ? string.Empty : " " + change)} |");

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
