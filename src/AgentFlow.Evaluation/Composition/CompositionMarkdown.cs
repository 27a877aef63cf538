using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>The Markdown of composition analyses and comparisons.</summary>
internal static class CompositionMarkdown
{
    /// <summary>How many cases that did not pass an analysis lists; the JSON has them all.</summary>
    private const int CasesListed = 50;

    private const int ValueLength = 60;

    private static readonly CompositionOutcome[] Outcomes = Enum.GetValues<CompositionOutcome>();

    public static string Analysis(CompositionAnalysis analysis)
    {
        var md = new StringBuilder();
        var summary = analysis.Summary;
        Line(md, $"# Composability: {analysis.Name} on {analysis.DatasetName}");
        Line(md);
        Line(md, "| | |");
        Line(md, "| --- | --- |");
        Line(md, $"| Flow | {Code(analysis.FlowName)} |");
        Line(md, $"| Final output scored by | {Code(analysis.Scorer)} |");
        Line(md, $"| Sub-tasks scored by | {(analysis.SubTaskScorers.Count == 0 ? "none (routes only)" : string.Join(", ", analysis.SubTaskScorers.Select(s => $"{Code(s.Key)} {Code(s.Value)}")))} |");
        Line(md, $"| Cases | {summary.Cases} ({Code(analysis.DatasetName)}, {Code(analysis.DatasetHash[..12])}) |");
        if (analysis.Labels.Count > 0)
        {
            Line(md, $"| Labels | {string.Join(", ", analysis.Labels.Select(l => Code($"{l.Key}={l.Value}")))} |");
        }

        Line(md, $"| Accuracy | {Accuracy(summary)} |");
        Line(md, $"| Composability gap | {Gap(summary.Gap)}{Bootstrap(summary.Gap)} |");
        Line(md);

        Line(md, "## Outcomes");
        Line(md);
        Line(md, "| Outcome | Cases | Share |");
        Line(md, "| --- | ---: | ---: |");
        foreach (var outcome in Outcomes)
        {
            var count = summary.Count(outcome);
            Line(md, $"| {Name(outcome)} | {count} | {Percent(summary.Cases == 0 ? 0 : count / (double)summary.Cases)} |");
        }

        Line(md);
        Line(md, "## Sub-tasks × final output");
        Line(md);
        Line(md, TableLead(summary.Table));
        Line(md);
        Line(md, "| | Final right | Final wrong |");
        Line(md, "| --- | ---: | ---: |");
        Line(md, $"| All sub-tasks right | {Cell(summary.Table, summary.Table.BothRight)} | {Cell(summary.Table, summary.Table.SubTasksRightFinalWrong)} |");
        Line(md, $"| A sub-task wrong | {Cell(summary.Table, summary.Table.SubTasksWrongFinalRight)} | {Cell(summary.Table, summary.Table.BothWrong)} |");

        if (analysis.ByCategory.Count > 0)
        {
            Line(md);
            Line(md, "## By category");
            Line(md);
            Line(md, "| Category | Cases | Accuracy | Composability gap | Both right | Sub-tasks right, final wrong | A sub-task wrong, final right | Both wrong |");
            Line(md, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (category, group) in analysis.ByCategory)
            {
                var table = group.Table;
                Line(md, $"| {Escape(category)} | {group.Cases} | {Percent(group.Accuracy)} | {Gap(group.Gap)} | {Cell(table, table.BothRight)} | {Cell(table, table.SubTasksRightFinalWrong)} | {Cell(table, table.SubTasksWrongFinalRight)} | {Cell(table, table.BothWrong)} |");
            }
        }

        if (analysis.Nodes.Count > 0)
        {
            Line(md);
            Line(md, "## Sub-tasks and routes");
            Line(md);
            Line(md, "Over the runs that completed; a step is first wrong when it is the earliest wrong one of its case, in the run's order.");
            Line(md);
            Line(md, "| Node | Kind | Accuracy | Right | First wrong | Not scored | Runs failed there |");
            Line(md, "| --- | --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var node in analysis.Nodes)
            {
                Line(md, $"| {Code(node.Path)} | {(node.Kind == StepKind.Route ? "route" : "sub-task")} | {(node.Accuracy is { } accuracy ? Percent(accuracy) : "-")} | {node.Right}/{node.Cases} | {node.FirstWrong} | {node.ScoringFailed} | {node.TaskFailures} |");
            }
        }

        var notPassed = analysis.Cases.Where(c => c.Outcome != CompositionOutcome.Passed).ToList();
        Line(md);
        Line(md, "## Cases not passed");
        Line(md);
        if (notPassed.Count == 0)
        {
            Line(md, "Every case passed.");
        }
        else
        {
            Line(md, "| Case | Category | Outcome | First wrong | Expected | Actual | Why |");
            Line(md, "| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var @case in notPassed.Take(CasesListed))
            {
                Line(
                    md,
                    $"| {Code(@case.Id)} | {Escape(@case.Category ?? string.Empty)} | {Name(@case.Outcome)} | {(@case.FirstWrongPath is { } first ? Code(first) : string.Empty)} | {Value(@case.Final.Expected)} | {(@case.Final.Actual is { } actual ? Value(actual) : string.Empty)} | {Escape(@case.Explanation)} |");
            }

            if (notPassed.Count > CasesListed)
            {
                Line(md);
                Line(md, $"... and {notPassed.Count - CasesListed} more; the JSON report lists every case.");
            }
        }

        return md.ToString();
    }

    public static string Comparison(CompositionComparison comparison)
    {
        var md = new StringBuilder();
        var (a, b) = (comparison.Baseline, comparison.Candidate);
        var (sa, sb) = (a.Summary, b.Summary);
        Line(md, $"# Composability: {a.Name} vs {b.Name} on {a.DatasetName}");
        Line(md);
        Line(md, $"{sa.Cases} cases ({Code(a.DatasetName)}, {Code(a.DatasetHash[..12])}); final output scored by {Code(a.Scorer)}{(b.Scorer == a.Scorer ? string.Empty : $" and {Code(b.Scorer)}")}.");
        Line(md);
        Line(md, $"| | {Escape(a.Name)} | {Escape(b.Name)} | Difference |");
        Line(md, "| --- | ---: | ---: | ---: |");
        Line(md, $"| Accuracy | {Accuracy(sa)} | {Accuracy(sb)} | {Points(comparison.AccuracyDelta)} |");
        Line(md, $"| Composability gap | {Gap(sa.Gap)} | {Gap(sb.Gap)} | {(comparison.GapDelta is { } gapDelta ? Points(gapDelta) : "-")} |");
        foreach (var outcome in Outcomes)
        {
            var (ca, cb) = (sa.Count(outcome), sb.Count(outcome));
            Line(md, $"| {Name(outcome)} (cases) | {ca} | {cb} | {Signed(cb - ca)} |");
        }

        Line(md);
        Line(md, "## Sub-tasks × final output");
        Line(md);
        Line(md, $"Proportions of the cases whose sub-tasks and final output were both scored ({sa.Table.Cases} and {sb.Table.Cases}), as in Press et al. 2022, Table 6.");
        Line(md);
        Line(md, $"| | {Escape(a.Name)}: final right | {Escape(a.Name)}: final wrong | {Escape(b.Name)}: final right | {Escape(b.Name)}: final wrong |");
        Line(md, "| --- | ---: | ---: | ---: | ---: |");
        Line(md, $"| All sub-tasks right | {Cell(sa.Table, sa.Table.BothRight)} | {Cell(sa.Table, sa.Table.SubTasksRightFinalWrong)} | {Cell(sb.Table, sb.Table.BothRight)} | {Cell(sb.Table, sb.Table.SubTasksRightFinalWrong)} |");
        Line(md, $"| A sub-task wrong | {Cell(sa.Table, sa.Table.SubTasksWrongFinalRight)} | {Cell(sa.Table, sa.Table.BothWrong)} | {Cell(sb.Table, sb.Table.SubTasksWrongFinalRight)} | {Cell(sb.Table, sb.Table.BothWrong)} |");

        var categories = a.ByCategory.Keys.Union(b.ByCategory.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (categories.Count > 0)
        {
            Line(md);
            Line(md, "## By category");
            Line(md);
            Line(md, $"| Category | Cases | {Escape(a.Name)} accuracy | {Escape(b.Name)} accuracy | {Escape(a.Name)} gap | {Escape(b.Name)} gap |");
            Line(md, "| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var category in categories)
            {
                var ga = a.ByCategory.GetValueOrDefault(category);
                var gb = b.ByCategory.GetValueOrDefault(category);
                Line(md, $"| {Escape(category)} | {(ga ?? gb)!.Cases} | {(ga is null ? "-" : Percent(ga.Accuracy))} | {(gb is null ? "-" : Percent(gb.Accuracy))} | {(ga is null ? "-" : Gap(ga.Gap))} | {(gb is null ? "-" : Gap(gb.Gap))} |");
            }
        }

        Line(md);
        Line(md, "## Cases that changed");
        Line(md);
        if (comparison.Changes.Count == 0)
        {
            Line(md, "Every case has the same outcome in both.");
        }
        else
        {
            Line(md, $"{comparison.Changes.Count} case(s) changed: {comparison.Fixed} now pass, {comparison.Broken} no longer pass "
                + $"(exact McNemar test on the {comparison.McNemar.Discordant} discordant case(s): two-sided p={comparison.McNemar.PValue.ToString("0.####", CultureInfo.InvariantCulture)}).");
            Line(md);
            Line(md, $"| Case | Category | {Escape(a.Name)} | {Escape(b.Name)} |");
            Line(md, "| --- | --- | --- | --- |");
            foreach (var change in comparison.Changes.Take(CasesListed))
            {
                Line(md, $"| {Code(change.Id)} | {Escape(change.Category ?? string.Empty)} | {Name(change.Baseline)} | {Name(change.Candidate)} |");
            }

            if (comparison.Changes.Count > CasesListed)
            {
                Line(md);
                Line(md, $"... and {comparison.Changes.Count - CasesListed} more; the JSON report lists every case.");
            }
        }

        return md.ToString();
    }

    /// <summary>How a class is written for people.</summary>
    public static string Name(CompositionOutcome outcome) => outcome switch
    {
        CompositionOutcome.Passed => "Passed",
        CompositionOutcome.TaskFailed => "Task failed",
        CompositionOutcome.ScoringFailed => "Scoring failed",
        CompositionOutcome.WrongRoute => "Wrong route",
        CompositionOutcome.SubTaskIncorrect => "Sub-task incorrect",
        CompositionOutcome.CompositionGap => "Composability gap",
        _ => outcome.ToString(),
    };

    private static string Accuracy(CompositionSummary summary)
        => $"{Percent(summary.Accuracy)} ({summary.Passed}/{summary.Cases}, 95% CI {Percent(summary.AccuracyInterval.Lower)} to {Percent(summary.AccuracyInterval.Upper)})";

    private static string Gap(GapEstimate gap)
        => gap.Value is { } value
            ? $"{Percent(value)} ({gap.GapCases}/{gap.SubTasksRightCases}{(gap.Interval is { } i ? $", 95% CI {Percent(i.Lower)} to {Percent(i.Upper)}" : string.Empty)})"
            : "undefined (no case had all its sub-tasks right)";

    private static string Bootstrap(GapEstimate gap)
        => gap.Resamples == 0
            ? string.Empty
            : Invariant($"; percentile bootstrap, {gap.Resamples:N0} resamples, seed {gap.Seed}{(gap.UndefinedResamples > 0 ? $", {gap.UndefinedResamples:N0} without a case whose sub-tasks were all right" : string.Empty)}");

    private static string TableLead(CompositionTable table)
        => table.Cases == 0
            ? "No case had both its sub-tasks and its final output scored: runs that failed and outputs that could not be scored are left out."
            : $"Proportions of the {table.Cases} cases whose sub-tasks and final output were both scored, as in Press et al. 2022, Table 6.";

    private static string Cell(CompositionTable table, int count) => table.Cases == 0 ? "-" : $"{Percent(count / (double)table.Cases)} ({count})";

    private static string Percent(double value) => Invariant($"{value * 100:0.0}%");

    private static string Points(double delta) => Invariant($"{(delta > 0 ? "+" : delta < 0 ? "-" : string.Empty)}{Math.Abs(delta) * 100:0.0} points");

    private static string Signed(int delta) => delta > 0 ? Invariant($"+{delta}") : delta < 0 ? Invariant($"-{-delta}") : "0";

    /// <summary>A JSON value in a table cell: a string's text, anything else compact JSON, shortened.</summary>
    private static string Value(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.ReplaceLineEndings(" ") : CompositionText.Json(value, ValueLength);
        return Code(text.Length > ValueLength ? text[..(ValueLength - 3)] + "..." : text);
    }

    private static string Code(string text) => text.Length == 0 ? string.Empty : $"`{Escape(text.Replace("`", "'", StringComparison.Ordinal))}`";

    private static string Escape(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
