using System.Globalization;
using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// The page of a <see cref="CompositionComparison"/>: both flows side by side (what ran, accuracy, gap and classes),
/// their accuracy and gap overall and per category with intervals, the classes of both, both 2x2 tables as mosaics,
/// each listed node in both, and the cases whose class changed.
/// </summary>
internal static partial class CompositionHtml
{
    public static string Comparison(CompositionComparison comparison, ReportFileOptions options)
    {
        var page = new HtmlPage(options.MaxValueLength);
        var (a, b) = (comparison.Baseline, comparison.Candidate);
        page.Raw("<header>\n<p class=\"eyebrow\">Composability comparison</p>\n");
        page.Raw($"<h1>{Html.Encode(a.Name)} <span class=\"muted\">vs</span> {Html.Encode(b.Name)}</h1>\n");
        page.Raw($"<p class=\"lede\">{Lede(comparison)}</p>\n");
        page.Raw(HtmlPage.Facts(SharedFacts(comparison, page))).Raw("\n</header>\n");
        page.Raw(Sides(comparison)).Raw("\n");
        page.Raw(MeasuresSection(comparison)).Raw("\n");
        page.Raw(ClassPairSection(comparison)).Raw("\n");
        page.Raw(TablePairSection(comparison)).Raw("\n");
        page.Raw(NodePairSection(comparison)).Raw("\n");
        page.Raw(ChangeSection(comparison, page)).Raw("\n");
        page.Raw(Footer(a.DatasetName, a.DatasetHash, b.StartedAt, "comparison", options, page));
        return page.ToDocument($"Composability: {a.Name} vs {b.Name}", CompositionStyles.Sheet);
    }

    private static string Lede(CompositionComparison comparison)
    {
        var (a, b) = (comparison.Baseline, comparison.Candidate);
        var (sa, sb) = (a.Summary, b.Summary);
        var accuracy = $"<strong>accuracy {ReportText.Percent(sa.Accuracy)} → {ReportText.Percent(sb.Accuracy)}</strong> ({Html.Encode(Points(comparison.AccuracyDelta))})";
        var gap = $"<strong>composability gap {Html.Encode(GapPercent(sa.Gap))} → {Html.Encode(GapPercent(sb.Gap))}</strong>{(comparison.GapDelta is { } delta ? $" ({Html.Encode(Points(delta))})" : string.Empty)}";
        var changes = comparison.Changes.Count == 0
            ? "every case is in the same class in both"
            : $"{ReportText.Count(comparison.Changes.Count)} case{(comparison.Changes.Count == 1 ? string.Empty : "s")} changed class: {ReportText.Count(comparison.Fixed)} fixed, {ReportText.Count(comparison.Broken)} broken";
        return $"{Html.Encode(b.Name)} against {Html.Encode(a.Name)} on {ReportText.Count(sa.Cases)} cases: {accuracy} · {gap} · {changes}";
    }

    private static IEnumerable<(string Label, string Html)> SharedFacts(CompositionComparison comparison, HtmlPage page)
    {
        var (a, b) = (comparison.Baseline, comparison.Candidate);
        yield return ("Dataset", Dataset(a, page));
        yield return ("Final output scored by", a.Scorer == b.Scorer ? HtmlPage.Code(a.Scorer) : $"{HtmlPage.Code(a.Scorer)} and {HtmlPage.Code(b.Scorer)}");
        yield return ("Baseline", $"{page.Text(a.Name)} <span class=\"muted\">flow</span> {HtmlPage.Code(a.FlowName)}");
        yield return ("Candidate", $"{page.Text(b.Name)} <span class=\"muted\">flow</span> {HtmlPage.Code(b.FlowName)}");
        yield return ("Started", Html.Encode($"{ReportText.Timestamp(a.StartedAt)} and {ReportText.Timestamp(b.StartedAt)}"));
    }

    /// <summary>Both flows side by side: what ran, and their cards.</summary>
    private static string Sides(CompositionComparison comparison)
    {
        var html = new StringBuilder("<section class=\"versus\" aria-label=\"Both flows\">");
        foreach (var (analysis, role, id) in new[] { (comparison.Baseline, "baseline", "baseline"), (comparison.Candidate, "candidate", "candidate") })
        {
            var facts = RunFacts(analysis).Prepend(("Ran", Html.Encode(Ran(analysis)))).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"side {id}\"><h3>{Html.Encode(analysis.Name)}<span class=\"role\">{role}</span></h3>");
            html.Append(Cards(analysis.Name, analysis.Summary, datasetName: null, id)).Append(HtmlPage.Facts(facts)).Append("</div>");
        }

        return html.Append("</section>").ToString();
    }

    private static string MeasuresSection(CompositionComparison comparison)
    {
        var (a, b) = (comparison.Baseline, comparison.Candidate);
        var categories = Categories(comparison);
        List<PairedMeasureRow> rows = [PairedMeasureRow.Heading("Accuracy"), AccuracyRow("All cases", a.Summary, b.Summary)];
        rows.AddRange(categories.Select(c => AccuracyRow(c, a.ByCategory.GetValueOrDefault(c), b.ByCategory.GetValueOrDefault(c))));
        rows.Add(PairedMeasureRow.Heading("Composability gap"));
        rows.Add(GapRow("All cases", a.Summary, b.Summary));
        rows.AddRange(categories.Select(c => GapRow(c, a.ByCategory.GetValueOrDefault(c), b.ByCategory.GetValueOrDefault(c))));
        var description = $"Hollow circles: {a.Name}; solid diamonds: {b.Name}; the lines above and below are their 95% intervals. "
                          + string.Join("; ", rows.Where(r => !r.IsHeading).Select(r => r.Detail)) + ".";
        var chart = CompositionCharts.Dumbbells("measures", "Accuracy and composability gap of both flows, with 95% intervals", description, rows);
        return "<section class=\"panel\" aria-labelledby=\"measures-heading\"><h2 id=\"measures-heading\">Accuracy and gap</h2>"
               + $"<p class=\"hint\">{Html.Encode($"Each row puts {a.Name} and {b.Name} side by side, overall and per category; the arrow goes from one to the other. Higher accuracy is better, a lower gap is better. Intervals that overlap widely mean this set cannot tell the two apart: add cases.")}</p>"
               + chart
               + $"<ul class=\"legend\"><li><span class=\"swatch baseline\"></span>{Html.Encode(a.Name)} (baseline), its interval above the line</li><li><span class=\"swatch candidate\"></span>{Html.Encode(b.Name)} (candidate), its interval below</li></ul></section>";
    }

    private static PairedMeasureRow AccuracyRow(string label, CompositionSummary? a, CompositionSummary? b)
    {
        var before = a is null ? ((double?)null, (ConfidenceInterval?)null) : (a.Accuracy, a.AccuracyInterval);
        var after = b is null ? ((double?)null, (ConfidenceInterval?)null) : (b.Accuracy, b.AccuracyInterval);
        var annotation = Arrow(before.Item1, after.Item1);
        return new PairedMeasureRow(label, "accuracy", before, after, annotation, $"accuracy of {label}: {annotation}");
    }

    private static PairedMeasureRow GapRow(string label, CompositionSummary? a, CompositionSummary? b)
    {
        var annotation = Arrow(a?.Gap.Value, b?.Gap.Value);
        return new PairedMeasureRow(label, "gap", (a?.Gap.Value, a?.Gap.Interval), (b?.Gap.Value, b?.Gap.Interval), annotation, $"composability gap of {label}: {annotation}");
    }

    private static string Arrow(double? before, double? after)
        => $"{(before is { } x ? ReportText.Percent(x) : "undefined")} → {(after is { } y ? ReportText.Percent(y) : "undefined")}"
           + (before is { } from && after is { } to ? $"  ({Points(to - from, unit: string.Empty)})" : string.Empty);

    private static string ClassPairSection(CompositionComparison comparison)
    {
        var (a, b) = (comparison.Baseline, comparison.Candidate);
        var chart = CompositionCharts.ClassBars("classes", "Cases by class in both flows", [(a.Name, a.Summary), (b.Name, b.Summary)]);
        return "<section class=\"panel\" aria-labelledby=\"classes-heading\"><h2 id=\"classes-heading\">Where the cases went</h2>"
               + $"<p class=\"hint\">{Html.Encode($"Each class has two bars, as long as its share of the cases: {a.Name} above, light and outlined; {b.Name} below, solid. On the right, the counts and the change. Each case is in exactly one class: the first of these rules that holds, in this order.")}</p>"
               + chart
               + $"<ul class=\"legend\"><li><span class=\"swatch hollow\"></span>{Html.Encode(a.Name)} (baseline, upper bar)</li><li><span class=\"swatch solid\"></span>{Html.Encode(b.Name)} (candidate, lower bar)</li></ul>"
               + Precedence() + "</section>";
    }

    private static string TablePairSection(CompositionComparison comparison)
    {
        var (a, b) = (comparison.Baseline, comparison.Candidate);
        var html = new StringBuilder("<section class=\"panel\" aria-labelledby=\"table-heading\"><h2 id=\"table-heading\">Sub-tasks × final output</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"hint\">{Html.Encode("Press et al.'s Table 6 of each flow, drawn to scale: the upper band holds the cases whose listed sub-tasks and routes were all right, the lower band the others; each band is split by whether the final output was right, final-wrong cells hatched. The gap is the share of the upper band taken by its hatched cell.")}</p>");
        html.Append("<div class=\"versus\">");
        foreach (var (analysis, id) in new[] { (a, "table-baseline"), (b, "table-candidate") })
        {
            html.Append(CultureInfo.InvariantCulture, $"<figure class=\"mosaic\"><figcaption><strong>{Html.Encode(analysis.Name)}</strong><span>{Html.Encode(CategoryNumbers(analysis.Summary))}</span></figcaption>");
            html.Append(CompositionCharts.Mosaic(id, $"Sub-tasks × final output of {analysis.Name}", analysis.Summary.Table, analysis.Summary.Gap, compact: true)).Append("</figure>");
        }

        html.Append("</div>").Append(TableLegend([a.Summary.Table, b.Summary.Table], [a.Name, b.Name]));
        var categories = Categories(comparison);
        if (categories.Count > 0)
        {
            html.Append("<h3>By category</h3>");
            for (var i = 0; i < categories.Count; i++)
            {
                html.Append("<div class=\"versus\">");
                foreach (var (analysis, side) in new[] { (a, "baseline"), (b, "candidate") })
                {
                    html.Append(analysis.ByCategory.TryGetValue(categories[i], out var group)
                        ? CategoryFigure($"category-{i}-{side}", $"{categories[i]} · {analysis.Name}", group)
                        : $"<figure class=\"mosaic\"><figcaption><strong>{Html.Encode($"{categories[i]} · {analysis.Name}")}</strong><span>no case</span></figcaption></figure>");
                }

                html.Append("</div>");
            }
        }

        return html.Append("</section>").ToString();
    }

    private static string NodePairSection(CompositionComparison comparison)
    {
        var (a, b) = (comparison.Baseline, comparison.Candidate);
        var paths = a.Nodes.Select(n => n.Path).Union(b.Nodes.Select(n => n.Path), StringComparer.Ordinal).ToList();
        if (paths.Count == 0)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<section class=\"panel\" aria-labelledby=\"nodes-heading\"><h2 id=\"nodes-heading\">Sub-tasks and routes</h2>");
        html.Append("<p class=\"hint\">Each listed step in both flows, over the cases whose runs completed. <em>First wrong</em>: how many cases went off at this step first.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"table-wrap\"><table class=\"nodes\"><thead><tr><th rowspan=\"2\">Node</th><th rowspan=\"2\">Kind</th><th class=\"group\" colspan=\"2\">Accuracy</th><th class=\"group\" colspan=\"2\">First wrong</th></tr>");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>{Html.Encode(a.Name)}</th><th>{Html.Encode(b.Name)}</th><th class=\"num\">{Html.Encode(a.Name)}</th><th class=\"num\">{Html.Encode(b.Name)}</th></tr></thead><tbody>");
        foreach (var path in paths)
        {
            var na = a.Nodes.FirstOrDefault(n => n.Path == path);
            var nb = b.Nodes.FirstOrDefault(n => n.Path == path);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlPage.Code(path)}</td><td>{Kind((na ?? nb)!.Kind)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"bar\">{(na is null ? ReportText.None : NodeAccuracy(na))}</td><td class=\"bar\">{(nb is null ? ReportText.None : NodeAccuracy(nb))}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(na is null ? ReportText.None : ReportText.Count(na.FirstWrong))}</td><td class=\"num\">{(nb is null ? ReportText.None : ReportText.Count(nb.FirstWrong))}</td></tr>");
        }

        return html.Append("</tbody></table></div></section>").ToString();
    }

    private static string ChangeSection(CompositionComparison comparison, HtmlPage page)
    {
        var (a, b) = (comparison.Baseline, comparison.Candidate);
        var html = new StringBuilder("<section class=\"panel\" aria-labelledby=\"changes-heading\"><h2 id=\"changes-heading\">Cases that changed class</h2>");
        if (comparison.Changes.Count == 0)
        {
            return html.Append("<p class=\"hint\">Every case is in the same class in both flows.</p></section>").ToString();
        }

        var moved = comparison.Changes.Count - comparison.Fixed - comparison.Broken;
        var hint = $"{comparison.Changes.Count} case{(comparison.Changes.Count == 1 ? string.Empty : "s")}, in the set's order: {comparison.Fixed} pass only in {b.Name} (fixed), {comparison.Broken} only in {a.Name} (broken)"
                   + (moved > 0 ? $", {moved} fail in both, for another reason in each (moved)." : ".");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"hint\">{Html.Encode(hint)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"table-wrap\"><table class=\"cases changes\"><thead><tr><th>Change</th><th>Case</th><th>Why, in {Html.Encode(b.Name)}</th><th>Expected</th><th>Actual, {Html.Encode(a.Name)}</th><th>Actual, {Html.Encode(b.Name)}</th></tr></thead><tbody>\n");
        var before = a.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var after = b.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var change in comparison.Changes)
        {
            var (ca, cb) = (before[change.Id], after[change.Id]);
            var kind = change.Candidate == CompositionOutcome.Passed ? "fixed" : change.Baseline == CompositionOutcome.Passed ? "broken" : "moved";
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"case change {kind} {CompositionClasses.Css(change.Candidate)}\">");
            html.Append(CultureInfo.InvariantCulture, $"<td>{CompositionClasses.Badge(change.Baseline)}<span class=\"arrow\">→</span>{CompositionClasses.Badge(change.Candidate)}<br><span class=\"delta {(kind == "fixed" ? "better" : kind == "broken" ? "worse" : "muted")}\">{kind}</span></td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"id\">{CaseIdentity(cb.Id, cb.Category, cb.Tags, page)}{Input(cb.Final, page)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"why\"><p class=\"reason\">{page.Text(cb.Explanation)}</p><p class=\"reason muted\">{Html.Encode($"In {a.Name}: ")}{page.Text(ca.Explanation)}</p></td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"expected\">{page.Value(ReportText.Value(cb.Final.Expected))}</td>");
            html.Append(Actual(ca.Final, page)).Append(Actual(cb.Final, page)).Append("</tr>\n");
        }

        return html.Append("</tbody></table></div></section>").ToString();
    }

    private static List<string> Categories(CompositionComparison comparison)
        => [.. comparison.Baseline.ByCategory.Keys.Union(comparison.Candidate.ByCategory.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string GapPercent(GapEstimate gap) => gap.Value is { } value ? ReportText.Percent(value) : "undefined";

    /// <summary>A difference of proportions in points: <c>+22.5 points</c>, <c>−32.3 points</c>.</summary>
    private static string Points(double delta, string unit = " points")
    {
        var rounded = Math.Round(delta * 100, 1);
        var text = Math.Abs(rounded).ToString("0.0", CultureInfo.InvariantCulture);
        return (rounded > 0 ? "+" : rounded < 0 ? "−" : "±") + text + unit;
    }
}
