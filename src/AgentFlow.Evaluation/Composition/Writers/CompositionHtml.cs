using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>
/// Writes a <see cref="CompositionAnalysis"/> as one self-contained HTML page, built from the parts of the evaluation
/// report page: what ran, summary cards, a bar per class with the precedence of the classes, Press et al.'s 2x2 table as
/// a mosaic overall and per category, each listed node, and every case with its class, steps and outputs.
/// </summary>
internal static partial class CompositionHtml
{
    /// <summary>How long the line under a wrong step may be; the explanation and the JSON file say the rest.</summary>
    private const int StepWhyLength = 120;

    public static string Analysis(CompositionAnalysis analysis, ReportFileOptions options)
    {
        var page = new HtmlPage(options.MaxValueLength);
        var s = analysis.Summary;
        page.Raw("<header>\n<p class=\"eyebrow\">Composability analysis</p>\n");
        page.Raw($"<h1>{Html.Encode(analysis.Name)}</h1>\n");
        page.Raw($"<p class=\"lede\"><strong>{ReportText.Count(s.Passed)} of {ReportText.Count(s.Cases)} cases passed</strong> · composability gap {Html.Encode(GapShort(s.Gap))}{Html.Encode(FailureCounts(s))}</p>\n");
        page.Raw(HtmlPage.Facts(Facts(analysis, page))).Raw("\n</header>\n");
        page.Raw(Cards(analysis.Name, s, analysis.DatasetName, "summary")).Raw("\n");
        page.Raw(ClassSection(s)).Raw("\n");
        page.Raw(TableSection(s)).Raw("\n");
        page.Raw(CategorySection(analysis)).Raw("\n");
        page.Raw(NodeSection(analysis)).Raw("\n");
        page.Raw(CaseSection(analysis, page)).Raw("\n");
        page.Raw(Footer(analysis.DatasetName, analysis.DatasetHash, analysis.StartedAt, "analysis", options, page));
        return page.ToDocument($"Composability: {analysis.Name}", CompositionStyles.Sheet);
    }

    private static IEnumerable<(string Label, string Html)> Facts(CompositionAnalysis analysis, HtmlPage page)
    {
        yield return ("Flow", HtmlPage.Code(analysis.FlowName));
        yield return ("Final output scored by", HtmlPage.Code(analysis.Scorer));
        yield return ("Sub-tasks scored by", analysis.SubTaskScorers.Count == 0
            ? "<span class=\"muted\">none: the cases check routes only</span>"
            : string.Join("<br>", analysis.SubTaskScorers.Select(p => $"{HtmlPage.Code(p.Key)} <span class=\"muted\">by</span> {HtmlPage.Code(p.Value)}")));
        yield return ("Dataset", Dataset(analysis, page));
        foreach (var fact in RunFacts(analysis))
        {
            yield return fact;
        }

        yield return ("Started", Html.Encode(ReportText.Timestamp(analysis.StartedAt)));
        yield return ("Ran", Html.Encode(Ran(analysis)));
        yield return ("Gap interval", Html.Encode(Bootstrap(analysis.Summary.Gap)));
    }

    /// <summary>The prompts, models and labels of an analysis's runs.</summary>
    private static IEnumerable<(string Label, string Html)> RunFacts(CompositionAnalysis analysis)
    {
        // Report is always set by the analyzer; an analysis made by hand may lack it.
        var report = (EvalReport?)analysis.Report;
        if (report is { Prompts.Count: > 0 })
        {
            yield return ("Prompts", string.Join("<br>", report.Prompts.Select(Prompt)));
        }

        if (report is { Models.Count: > 0 })
        {
            yield return ("Models", HtmlPage.Chips(report.Models));
        }

        if (analysis.Labels.Count > 0)
        {
            yield return ("Labels", HtmlPage.Chips(analysis.Labels.Select(l => $"{l.Key} = {l.Value}")));
        }
    }

    private static string Dataset(CompositionAnalysis analysis, HtmlPage page)
        => $"{page.Text(analysis.DatasetName)} <code title=\"{Html.Encode(analysis.DatasetHash)}\">{Html.Encode(ReportText.ShortHash(analysis.DatasetHash))}</code>";

    private static string Ran(CompositionAnalysis analysis)
    {
        var report = (EvalReport?)analysis.Report;
        var text = $"in {ReportText.Latency(analysis.Duration)}";
        if (report is not null)
        {
            text += $", up to {ReportText.Count(report.MaxParallelism)} case{(report.MaxParallelism == 1 ? string.Empty : "s")} at once, "
                    + (report.CaseTimeout is { } timeout ? $"timeout {ReportText.Latency(timeout)} per case" : "no timeout");
        }

        return text;
    }

    private static string Bootstrap(GapEstimate gap)
        => gap.Resamples == 0
            ? "none: the gap is undefined"
            : $"percentile bootstrap, {ReportText.Count(gap.Resamples)} resamples, seed {gap.Seed.ToString(CultureInfo.InvariantCulture)}"
              + (gap.UndefinedResamples > 0 ? $", {ReportText.Count(gap.UndefinedResamples)} without a case whose sub-tasks were all right" : string.Empty);

    private static string Prompt(PromptVersion prompt)
        => HtmlPage.Code($"{prompt.Name}@{prompt.Version}")
           + (prompt.ContentHash is { } hash ? $" <code class=\"muted\" title=\"{Html.Encode(hash)}\">{Html.Encode(ReportText.ShortHash(hash))}</code>" : string.Empty);

    /// <summary>The summary cards of one flow: the accuracy with the classes as a strip, the gap, the cases.</summary>
    private static string Cards(string name, CompositionSummary s, string? datasetName, string id)
    {
        var cards = new StringBuilder("<section class=\"cards\" aria-label=\"").Append(Html.Encode($"Summary of {name}")).Append("\">");
        cards.Append(HtmlPage.Card(
            "Accuracy",
            ReportText.Percent(s.Accuracy),
            $"{ReportText.Count(s.Passed)} of {ReportText.Count(s.Cases)} passed · {ReportText.Level(s.AccuracyInterval)} CI {ReportText.Range(s.AccuracyInterval)}",
            CompositionCharts.ClassStrip($"{id}-strip", s) + ClassCounts(s),
            datasetName is null ? null : "wide"));
        cards.Append(HtmlPage.Card(
            "Composability gap",
            s.Gap.Value is { } gap ? ReportText.Percent(gap) : "undefined",
            s.Gap.IsDefined
                ? $"{ReportText.Count(s.Gap.GapCases)} of {ReportText.Count(s.Gap.SubTasksRightCases)} cases with every sub-task right had a wrong final output"
                  + (s.Gap.Interval is { } interval ? $" · 95% CI {ReportText.Range(interval)}" : string.Empty)
                : "no case had all its sub-tasks right, so there is nothing to divide by",
            CompositionCharts.GapStrip($"{id}-gap", s.Gap) + GapCounts(s.Gap),
            datasetName is null ? null : "wide"));
        if (datasetName is not null)
        {
            cards.Append(HtmlPage.Card("Cases", ReportText.Count(s.Cases), $"in {datasetName}"));
            var unscored = s.Cases - s.Table.Cases;
            cards.Append(HtmlPage.Card(
                "Scored in full",
                ReportText.Count(s.Table.Cases),
                unscored == 0 ? "every case: its sub-tasks and its final output" : $"{ReportText.Count(unscored)} left out of the 2x2 table: failed runs and unscored outputs"));
        }

        return cards.Append("</section>").ToString();
    }

    private static string GapCounts(GapEstimate gap)
        => gap.IsDefined
            ? $"<ul class=\"legend\"><li><span class=\"swatch m-both-right\"></span>{ReportText.Count(gap.SubTasksRightCases - gap.GapCases)} final right</li><li><span class=\"swatch m-gap\"></span>◆ {ReportText.Count(gap.GapCases)} final wrong</li><li>of {ReportText.Count(gap.SubTasksRightCases)} with every sub-task right</li></ul>"
            : string.Empty;

    private static string ClassCounts(CompositionSummary s)
        => "<ul class=\"legend\">" + string.Concat(CompositionClasses.InPrecedence.Select(c =>
               $"<li class=\"{CompositionClasses.Css(c)}{(s.Count(c) == 0 ? " none" : string.Empty)}\">{CompositionClasses.Swatch(c)}{CompositionClasses.Symbol(c)} {ReportText.Count(s.Count(c))} {Html.Encode(CompositionClasses.Name(c).ToLowerInvariant())}</li>")) + "</ul>";

    private static string ClassSection(CompositionSummary s)
    {
        var chart = CompositionCharts.ClassBars("classes", "Cases by class", [(string.Empty, s)]);
        return "<section class=\"panel\" aria-labelledby=\"classes-heading\"><h2 id=\"classes-heading\">Where the cases went</h2>"
               + "<p class=\"hint\">Each bar is the share of the cases in a class. Each case is in exactly one class: the first of these rules that holds, in this order.</p>"
               + chart + Precedence() + "</section>";
    }

    /// <summary>The precedence of the classes as a numbered list, with each class's swatch, symbol and rule.</summary>
    private static string Precedence()
        => "<ol class=\"precedence\">" + string.Concat(CompositionClasses.Rules.Select(r =>
               $"<li>{CompositionClasses.Swatch(r.Outcome)}<strong>{CompositionClasses.Symbol(r.Outcome)} {Html.Encode(CompositionClasses.Name(r.Outcome))}</strong>: {Html.Encode(r.Rule)}</li>")) + "</ol>";

    private static string TableSection(CompositionSummary s)
    {
        var chart = CompositionCharts.Mosaic("table", "Sub-tasks × final output, to scale", s.Table, s.Gap, compact: false);
        return "<section class=\"panel\" aria-labelledby=\"table-heading\"><h2 id=\"table-heading\">Sub-tasks × final output</h2>"
               + $"<p class=\"hint\">{Html.Encode(TableHint(s))}</p>"
               + $"<div class=\"split\">{chart}{TableLegend([s.Table])}</div>"
               + $"<p class=\"note\">{Html.Encode(CompositionCharts.GapSentence(s.Gap))}</p></section>";
    }

    private static string TableHint(CompositionSummary s)
        => "Press et al.'s Table 6, drawn to scale: the upper band holds the cases whose listed sub-tasks and routes were all right, the lower band the others, "
           + "each as tall as its share; each band is split by whether the final output was right, each part as wide as its share. Every area is in "
           + "proportion to its cases, and the cells whose final output was wrong are hatched. The composability gap is the share of the upper band "
           + $"taken by its hatched cell. {(s.Table.Cases == s.Cases ? "Every case counts." : $"{ReportText.Count(s.Table.Cases)} of the {ReportText.Count(s.Cases)} cases count: a failed run or an unscored output has no place in the table.")}";

    /// <summary>The mosaic's legend: each cell's swatch, name, what it holds, its share and count, for one table or two.</summary>
    private static string TableLegend(IReadOnlyList<CompositionTable> tables, IReadOnlyList<string>? names = null)
    {
        var html = new StringBuilder("<table class=\"legend-table\">");
        if (names is not null)
        {
            html.Append("<thead><tr><td></td>").Append(string.Concat(names.Select(n => $"<td class=\"num\"><strong>{Html.Encode(n)}</strong></td>"))).Append("</tr></thead>");
        }

        html.Append("<tbody>");
        for (var i = 0; i < CompositionCharts.Cells.Count; i++)
        {
            var cell = CompositionCharts.Cells[i];
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{cell.Css}\"><td><span class=\"swatch m-{cell.Css}\"></span><strong>{Html.Encode(cell.Name)}</strong><br><span class=\"muted\">{Html.Encode(cell.Description)}</span></td>");
            foreach (var table in tables)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Html.Encode(CompositionCharts.Share(CompositionCharts.Counts(table)[i], table.Cases))}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("<tr class=\"total\"><td>Scored in full</td>");
        foreach (var table in tables)
        {
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{ReportText.Count(table.Cases)}</td>");
        }

        return html.Append("</tr></tbody></table>").ToString();
    }

    private static string CategorySection(CompositionAnalysis analysis)
    {
        if (analysis.ByCategory.Count == 0)
        {
            return "<section class=\"panel\" aria-labelledby=\"categories-heading\"><h2 id=\"categories-heading\">By category</h2>"
                   + "<p class=\"hint\">No case has a category: give the cases of the set a category (such as the kind of question) to see each group's table and gap.</p></section>";
        }

        var html = new StringBuilder("<section class=\"panel\" aria-labelledby=\"categories-heading\"><h2 id=\"categories-heading\">By category</h2>");
        html.Append("<p class=\"hint\">Each category's table, drawn the same way; a small category's gap says little, so mind its interval.</p><div class=\"mosaics\">");
        var index = 0;
        foreach (var (category, group) in analysis.ByCategory)
        {
            html.Append(CategoryFigure($"category-{index++}", category, group));
        }

        return html.Append("</div></section>").ToString();
    }

    private static string CategoryFigure(string id, string category, CompositionSummary group)
        => $"<figure class=\"mosaic\"><figcaption><strong>{Html.Encode(category)}</strong><span>{Html.Encode(CategoryNumbers(group))}</span></figcaption>"
           + CompositionCharts.Mosaic(id, $"Sub-tasks × final output in {category}", group.Table, group.Gap, compact: true) + "</figure>";

    private static string CategoryNumbers(CompositionSummary group)
        => $"{ReportText.Count(group.Cases)} case{(group.Cases == 1 ? string.Empty : "s")} · accuracy {ReportText.Percent(group.Accuracy)} · gap {GapShort(group.Gap)}";

    private static string NodeSection(CompositionAnalysis analysis)
    {
        if (analysis.Nodes.Count == 0)
        {
            return string.Empty;
        }

        var mostFirstWrong = Math.Max(1, analysis.Nodes.Max(n => n.FirstWrong));
        var html = new StringBuilder("<section class=\"panel\" aria-labelledby=\"nodes-heading\"><h2 id=\"nodes-heading\">Sub-tasks and routes</h2>");
        html.Append("<p class=\"hint\">Each listed step over the cases whose runs completed, in the order they usually run. A step is <em>first wrong</em> in a case when it is the earliest wrong step of that case, in the run's order: where the case went off.</p>");
        html.Append("<div class=\"table-wrap\"><table class=\"nodes\"><thead><tr><th>Node</th><th>Kind</th><th>Accuracy</th><th class=\"num\">Right</th><th>First wrong</th><th class=\"num\">Not scored</th><th class=\"num\">Runs failed there</th></tr></thead><tbody>");
        foreach (var node in analysis.Nodes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlPage.Code(node.Path)}</td><td>{Kind(node.Kind)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"bar\">{NodeAccuracy(node)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{ReportText.Count(node.Right)}/{ReportText.Count(node.Cases)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"bar\">{CompositionCharts.MiniBar(node.FirstWrong / (double)mostFirstWrong, CompositionClasses.SubTaskColor)}{ReportText.Count(node.FirstWrong)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{ReportText.Count(node.ScoringFailed)}</td><td class=\"num\">{ReportText.Count(node.TaskFailures)}</td></tr>");
        }

        return html.Append("</tbody></table></div></section>").ToString();
    }

    private static string NodeAccuracy(NodeStatistics node)
        => node.Accuracy is { } accuracy
            ? CompositionCharts.MiniBar(accuracy, CompositionClasses.PassedColor) + ReportText.Percent(accuracy)
            : $"<span class=\"none\">{ReportText.None}</span>";

    private static string Kind(StepKind kind) => kind == StepKind.Route ? "↷ route" : "sub-task";

    private static string CaseSection(CompositionAnalysis analysis, HtmlPage page)
    {
        var s = analysis.Summary;
        var attention = s.Cases - s.Passed;
        var html = new StringBuilder("<section class=\"panel\" aria-labelledby=\"cases-heading\"><h2 id=\"cases-heading\">Cases</h2>");
        html.Append("<p class=\"hint\">Every case in the set's order, with its class, the first step that went wrong, why, and the expected and actual final output. Each step is marked ✓ right, ✗ wrong, ∅ did not run, ? not scored, – not reached.</p>");
        List<(string Id, string Label, int Count)> filters = [("show-all", "All", s.Cases), ("show-attention", "Not passed", attention)];
        filters.AddRange(CompositionClasses.InPrecedence.Select(c => ($"show-{CompositionClasses.Css(c)}", $"{CompositionClasses.Symbol(c)} {CompositionClasses.Name(c)}", s.Count(c))));
        var selected = attention > 0 ? "show-attention" : "show-all";
        foreach (var (id, _, _) in filters)
        {
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"radio\" class=\"filter\" name=\"class\" id=\"{id}\"{(id == selected ? " checked" : string.Empty)}>");
        }

        html.Append("<div class=\"filters\" role=\"group\" aria-label=\"Show cases\">");
        foreach (var (id, label, count) in filters)
        {
            html.Append(CultureInfo.InvariantCulture, $"<label for=\"{id}\">{Html.Encode(label)}<span class=\"count\">{ReportText.Count(count)}</span></label>");
        }

        html.Append("</div><div class=\"table-wrap\"><table class=\"cases\"><thead><tr><th>Class</th><th>Case</th><th>First wrong</th><th>Why</th><th>Expected</th><th>Actual</th></tr></thead><tbody>\n");
        foreach (var c in analysis.Cases)
        {
            html.Append(CaseRow(c, page)).Append('\n');
        }

        if (analysis.Cases.Count == 0)
        {
            html.Append("<tr><td colspan=\"6\" class=\"none\">The set has no case.</td></tr>\n");
        }

        return html.Append("</tbody></table></div></section>").ToString();
    }

    private static string CaseRow(CompositionCaseResult c, HtmlPage page)
    {
        var css = CompositionClasses.Css(c.Outcome);
        var row = new StringBuilder($"<tr class=\"case {css}\" data-class=\"{css}\">");
        row.Append(CultureInfo.InvariantCulture, $"<td>{CompositionClasses.Badge(c.Outcome)}</td>");
        row.Append(CultureInfo.InvariantCulture, $"<td class=\"id\">{CaseIdentity(c.Id, c.Category, c.Tags, page)}{Input(c.Final, page)}</td>");
        row.Append(CultureInfo.InvariantCulture, $"<td class=\"first\">{(c.FirstWrongPath is { } first ? $"<strong>{HtmlPage.Code(first)}</strong>" : $"<span class=\"none\">{ReportText.None}</span>")}{Steps(c, page)}</td>");
        row.Append(CultureInfo.InvariantCulture, $"<td class=\"why\"><p class=\"reason\">{page.Text(c.Explanation)}</p>{ErrorType(c.Final)}</td>");
        row.Append(CultureInfo.InvariantCulture, $"<td class=\"expected\">{page.Value(ReportText.Value(c.Final.Expected))}</td>");
        row.Append(Actual(c.Final, page));
        return row.Append("</tr>").ToString();
    }

    private static string CaseIdentity(string id, string? category, IReadOnlyList<string> tags, HtmlPage page)
    {
        var chips = (category is null ? [] : new[] { category }).Concat(tags).ToList();
        return $"<strong>{page.Text(id)}</strong>{(chips.Count > 0 ? "<br>" + HtmlPage.Chips(chips) : string.Empty)}";
    }

    /// <summary>The case's input under its id, as text: the question a case asks reads better than its JSON.</summary>
    private static string Input(CaseResult final, HtmlPage page) => $"<p class=\"input\">{page.Text(ReportText.Value(final.Input))}</p>";

    private static string Actual(CaseResult final, HtmlPage page)
        => final.Actual is null
            ? $"<td class=\"actual none\">{ReportText.None}</td>"
            : $"<td class=\"actual\">{page.Value(ReportText.Value(final.Actual))}</td>";

    private static string ErrorType(CaseResult final)
        => final.Error is { ExceptionType: { } type } error
            ? $"<span class=\"muted\">{Html.Encode(ReportText.Kind(error.Kind))}: {Html.Encode(type)}{(error.InnerExceptionType is { } inner ? Html.Encode($" ← {inner}") : string.Empty)}</span>"
            : string.Empty;

    /// <summary>The case's steps in the run's order, each marked by its status; what went wrong below a wrong step.</summary>
    private static string Steps(CompositionCaseResult c, HtmlPage page)
    {
        if (c.Steps.Count == 0)
        {
            return string.Empty;
        }

        if (c.Steps.All(step => step.Right))
        {
            var paths = string.Join(", ", c.Steps.Select(step => step.Path));
            return $"<ul class=\"steps\"><li class=\"right\" title=\"{Html.Encode(paths)}\"><span class=\"mark\">✓</span>{(c.Steps.Count == 1 ? "its step right" : $"all {ReportText.Count(c.Steps.Count)} steps right")}</li></ul>";
        }

        var html = new StringBuilder("<ul class=\"steps\">");
        foreach (var step in c.Steps)
        {
            var (mark, css) = step.Status switch
            {
                StepStatus.Right => ("✓", "right"),
                StepStatus.Wrong => ("✗", "wrong"),
                StepStatus.NotRun => ("∅", "notrun"),
                StepStatus.ScoringFailed => ("?", "unknown"),
                _ => ("–", "unknown"),
            };
            var first = step.Path == c.FirstWrongPath && step.Wrong;
            html.Append(CultureInfo.InvariantCulture, $"<li class=\"{css}{(first ? " first" : string.Empty)}\" title=\"{Html.Encode(StatusWords(step))}\"><span class=\"mark\">{mark}</span>{Html.Encode(step.Path)}{(step.Kind == StepKind.Route ? " <span class=\"muted\">route</span>" : string.Empty)}");
            if (!step.Right && StepWhy(step) is { Length: > 0 } why)
            {
                html.Append(CultureInfo.InvariantCulture, $"<span class=\"why\">{Html.Encode(ReportText.Truncate(why, StepWhyLength, out _))}</span>");
            }

            html.Append("</li>");
        }

        return html.Append("</ul>").ToString();
    }

    private static string StatusWords(StepResult step) => step.Status switch
    {
        StepStatus.Right => "right",
        StepStatus.Wrong => "wrong",
        StepStatus.NotRun => step.Kind == StepKind.Route ? "no decision was made" : "did not run",
        StepStatus.ScoringFailed => "could not be scored",
        _ => "not reached: the run failed before it",
    };

    /// <summary>Why a step went wrong, in a line: the scorer's reason, else what was expected and what came out.</summary>
    private static string StepWhy(StepResult step) => step.Status switch
    {
        StepStatus.Wrong when step.Kind == StepKind.Route => $"chose {Plain(step.Actual)}, expected {Plain(step.Expected)}",
        StepStatus.Wrong when step.Detail is { Length: > 0 } reason => reason,
        StepStatus.Wrong => $"expected {Plain(step.Expected)}, got {Plain(step.Actual)}",
        StepStatus.NotRun or StepStatus.ScoringFailed => step.Detail ?? StatusWords(step),
        _ => string.Empty,
    };

    /// <summary>A step's value in a sentence: a string as its text, anything else as compact JSON.</summary>
    private static string Plain(JsonElement? value) => value is null ? "nothing" : ReportText.Value(value);

    private static string Footer(string datasetName, string datasetHash, DateTimeOffset startedAt, string what, ReportFileOptions options, HtmlPage page)
    {
        var footer = new StringBuilder("<footer>\n");
        footer.Append(CultureInfo.InvariantCulture, $"<p>Dataset {Html.Encode(datasetName)}, content hash <code>{Html.Encode(datasetHash)}</code>.</p>\n");
        if (page.Truncated)
        {
            footer.Append(CultureInfo.InvariantCulture, $"<p>Values longer than {ReportText.Count(options.MaxValueLength)} characters are cut short and end with {ReportText.Ellipsis}; the JSON file has them whole.</p>\n");
        }

        footer.Append(CultureInfo.InvariantCulture, $"<p>Written by AgentFlow.Evaluation from the {what} of {Html.Encode(ReportText.Timestamp(startedAt))}. The composability gap is defined as in Press et al. 2022, \"Measuring and Narrowing the Compositionality Gap in Language Models\".</p>\n</footer>\n");
        return footer.ToString();
    }

    /// <summary>The gap in a few words: <c>38.7% (12/31)</c> or <c>undefined</c>.</summary>
    private static string GapShort(GapEstimate gap)
        => gap.Value is { } value ? $"{ReportText.Percent(value)} ({ReportText.Count(gap.GapCases)}/{ReportText.Count(gap.SubTasksRightCases)})" : "undefined";

    /// <summary>The counts of the failure classes that have cases, for the lede: <c> · 5 sub-task incorrect · 2 task failed</c>.</summary>
    private static string FailureCounts(CompositionSummary s)
        => string.Concat(CompositionClasses.InPrecedence
            .Where(c => c != CompositionOutcome.Passed && s.Count(c) > 0)
            .Select(c => $" · {ReportText.Count(s.Count(c))} {CompositionClasses.Name(c).ToLowerInvariant()}"));
}
