namespace AgentFlow.Evaluation;

/// <summary>Writes an <see cref="EvalReport"/> as Markdown: what ran, the summary, the numbers per tag, the cases that did not pass.</summary>
internal static class MarkdownReport
{
    private static readonly MarkdownColumn[] SummaryColumns = [new("Measure"), new("All cases", AlignRight: true)];

    private static readonly MarkdownColumn[] TagColumns =
    [
        new("Tag"), new("Cases", true), new("Passed", true), new("Failed", true), new("Errors", true), new("Accuracy", true),
        new("95% CI", true), new("Mean score", true), new("p50", true), new("p95", true), new("Tokens in / out", true), new("Cost", true),
    ];

    private static readonly MarkdownColumn[] CaseColumns =
        [new("Case"), new("Outcome"), new("Tags"), new("Expected"), new("Actual"), new("Reason"), new("Node path")];

    public static string Write(EvalReport report, ReportFileOptions options)
    {
        var md = new MarkdownBuilder(options.MaxValueLength);
        var summary = report.Summary;
        md.Heading(1, $"Evaluation: {report.Name}");
        md.Paragraph(
            $"**{ReportText.Count(summary.Passed)} of {ReportText.Count(summary.Cases)} cases passed: {ReportText.Accuracy(summary)}.** "
            + $"{ReportText.Count(summary.Failed)} failed, {ReportText.Count(summary.Errors)} error{(summary.Errors == 1 ? string.Empty : "s")}.");
        md.Bullets(Labels(report, md));

        md.Heading(2, "Summary");
        md.Table(SummaryColumns, SummaryRows(summary));

        md.Heading(2, "By tag");
        if (report.ByTag.Count == 0)
        {
            md.Paragraph("No case has a tag.");
        }
        else
        {
            md.Table(TagColumns, report.ByTag.Select(t => TagRow(t.Key, t.Value, md)));
        }

        var notPassed = report.Cases.Where(c => c.Outcome != CaseOutcome.Passed).ToList();
        md.Heading(2, $"Failed and error cases ({notPassed.Count})");
        if (notPassed.Count == 0)
        {
            md.Paragraph(report.Cases.Count == 0 ? "The set has no case." : "Every case passed.");
        }
        else
        {
            md.Table(CaseColumns, notPassed.Select(c => CaseRow(c, md)));
        }

        if (md.Truncated)
        {
            md.Paragraph($"> Values longer than {ReportText.Count(options.MaxValueLength)} characters are cut short and end with {ReportText.Ellipsis}; the JSON report has them whole.");
        }

        return md.ToString();
    }

    private static IEnumerable<string> Labels(EvalReport report, MarkdownBuilder md)
    {
        yield return $"**Task:** {MarkdownBuilder.Code(report.TaskName)}";
        yield return $"**Scorer:** {MarkdownBuilder.Code(report.Scorer)}";
        yield return $"**Dataset:** {md.Value(report.DatasetName)}, hash {MarkdownBuilder.Code(ReportText.ShortHash(report.DatasetHash))}";
        if (report.Prompts.Count > 0)
        {
            yield return $"**Prompts:** {string.Join(", ", report.Prompts.Select(Prompt))}";
        }

        if (report.Models.Count > 0)
        {
            yield return $"**Models:** {string.Join(", ", report.Models.Select(MarkdownBuilder.Code))}";
        }

        if (report.ScoringPrompts.Count > 0 || report.ScoringModels.Count > 0)
        {
            yield return $"**Scoring:** {string.Join(", ", report.ScoringPrompts.Select(Prompt).Concat(report.ScoringModels.Select(MarkdownBuilder.Code)))}";
        }

        if (report.Labels.Count > 0)
        {
            yield return $"**Labels:** {string.Join(", ", report.Labels.Select(l => $"{md.Value(l.Key)} = {md.Value(l.Value)}"))}";
        }

        var timeout = report.CaseTimeout is { } limit ? $", timeout {ReportText.Latency(limit)} per case" : ", no timeout";
        yield return $"**Started:** {ReportText.Timestamp(report.StartedAt)}, took {ReportText.Latency(report.Duration)}, "
                     + $"up to {ReportText.Count(report.MaxParallelism)} case{(report.MaxParallelism == 1 ? string.Empty : "s")} at once{timeout}";
    }

    private static string Prompt(PromptVersion prompt)
        => MarkdownBuilder.Code($"{prompt.Name}@{prompt.Version}")
           + (prompt.ContentHash is { } hash ? $" ({MarkdownBuilder.Code(ReportText.ShortHash(hash))})" : string.Empty)
           + (prompt.ExamplesHash is { } examples ? $" with examples {MarkdownBuilder.Code(ReportText.ShortHash(examples))}" : string.Empty);

    private static IEnumerable<IReadOnlyList<string>> SummaryRows(EvalSummary s)
    {
        yield return ["Cases", ReportText.Count(s.Cases)];
        yield return ["Passed", ReportText.Count(s.Passed)];
        yield return ["Failed", ReportText.Count(s.Failed)];
        yield return ["Errors", ReportText.Count(s.Errors)];
        yield return ["Accuracy", ReportText.Percent(s.Accuracy)];
        yield return [$"{ReportText.Level(s.AccuracyInterval)} confidence interval", ReportText.Range(s.AccuracyInterval)];
        yield return ["Mean score", ReportText.Score(s.MeanScore)];
        yield return ["Latency p50 / p95", $"{ReportText.Latency(s.LatencyP50)} / {ReportText.Latency(s.LatencyP95)}"];
        yield return ["Tokens", ReportText.Tokens(s.InputTokens, s.OutputTokens, s.TokensEstimated)];
        yield return ["Cost", Cost(s.Cost, s.UnpricedModelCalls)];
        if (s.ScoringInputTokens > 0 || s.ScoringOutputTokens > 0 || s.ScoringCost is not null)
        {
            yield return ["Scoring tokens", ReportText.Tokens(s.ScoringInputTokens, s.ScoringOutputTokens, estimated: false)];
            yield return ["Scoring cost", ReportText.Cost(s.ScoringCost)];
        }
    }

    private static string Cost(decimal? cost, int unpriced)
        => ReportText.Cost(cost) + (unpriced > 0 ? $" ({ReportText.Count(unpriced)} model call{(unpriced == 1 ? string.Empty : "s")} unpriced)" : string.Empty);

    private static IReadOnlyList<string> TagRow(string tag, EvalSummary s, MarkdownBuilder md)
        =>
        [
            md.Value(tag), ReportText.Count(s.Cases), ReportText.Count(s.Passed), ReportText.Count(s.Failed), ReportText.Count(s.Errors),
            ReportText.Percent(s.Accuracy), ReportText.Range(s.AccuracyInterval), ReportText.Score(s.MeanScore), ReportText.Latency(s.LatencyP50),
            ReportText.Latency(s.LatencyP95), $"{ReportText.Count(s.InputTokens)} / {ReportText.Count(s.OutputTokens)}", ReportText.Cost(s.Cost),
        ];

    private static IReadOnlyList<string> CaseRow(CaseResult c, MarkdownBuilder md)
    {
        var outcome = c.Error is { } error
            ? $"⚠ error: {ReportText.Kind(error.Kind)}"
            : c.Score is { Value: > 0 } score ? $"✗ failed (score {ReportText.Score(score.Value)})" : "✗ failed";
        return
        [
            MarkdownBuilder.Code(c.Id),
            outcome,
            md.Value(string.Join(", ", c.Tags)),
            md.Value(ReportText.Value(c.Expected)),
            c.Actual is null ? ReportText.None : md.Value(ReportText.Value(c.Actual)),
            md.Value(ReportText.Reason(c)),
            c.FailedNodePath is { } path ? MarkdownBuilder.Code(path) : string.Empty,
        ];
    }
}
