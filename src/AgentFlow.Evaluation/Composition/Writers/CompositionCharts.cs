using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// The SVG charts of composition pages: Press et al.'s 2x2 table as a mosaic (each cell's area in proportion to its
/// cases), a bar per class for one flow or two, a strip of the classes, the accuracy and the gap of two flows as
/// dumbbells with their intervals, and small bars for tables. Drawn in C#, no script, the same markup for the same data.
/// </summary>
internal static class CompositionCharts
{
    private const string Ink = SvgChart.InkColor;
    private const string Muted = SvgChart.MutedColor;
    private const string Grid = SvgChart.GridColor;
    private const string BaselineColor = "#5F6B7A";

    /// <summary>The four cells of the 2x2 table: how each is named, coloured and drawn, in the order rows then columns.</summary>
    public static IReadOnlyList<MosaicCell> Cells { get; } =
    [
        new("both-right", "Both right", "every sub-task right, final right", CompositionClasses.PassedColor, "#FFFFFF", FinalWrong: false),
        new("gap", "Composability gap", "every sub-task right, final wrong", CompositionClasses.GapColor, Ink, FinalWrong: true),
        new("lucky", "Right anyway", "a sub-task wrong, final right", CompositionClasses.LuckyColor, Ink, FinalWrong: false),
        new("both-wrong", "Both wrong", "a sub-task wrong, final wrong", CompositionClasses.SubTaskColor, Ink, FinalWrong: true),
    ];

    /// <summary>The count of each of <see cref="Cells"/> in a table.</summary>
    public static int[] Counts(CompositionTable table) => [table.BothRight, table.SubTasksRightFinalWrong, table.SubTasksWrongFinalRight, table.BothWrong];

    /// <summary>
    /// The 2x2 table as a mosaic: a band for the cases with every sub-task right and one for the others, each as tall as
    /// its share, each split by the final output's rightness as wide as its share; final-wrong cells are hatched. The gap
    /// is the width of the composability-gap cell within its band, marked by a bracket above it.
    /// </summary>
    public static string Mosaic(string id, string title, CompositionTable table, GapEstimate gap, bool compact)
    {
        double width = compact ? 320 : 640, left = compact ? 0 : 168, top = 34, plotHeight = compact ? 150 : 250, bandGap = 4;
        var plotWidth = width - left - 2;
        var height = top + plotHeight + 4;
        var counts = Counts(table);
        var description = table.Cases == 0
            ? "No case had both its sub-tasks and its final output scored."
            : $"Of the {ReportText.Count(table.Cases)} cases scored in full: " + string.Join(", ", Cells.Select((c, i) => $"{c.Description} {Share(counts[i], table.Cases)}"))
              + $". {GapSentence(gap)}";
        var svg = SvgChart.Open(id, title, description, width, height);
        svg.Append(Invariant($"<defs><pattern id=\"{id}-wrong\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"1.5\" y1=\"0\" x2=\"1.5\" y2=\"7\" stroke=\"#FFFFFF\" stroke-width=\"2.2\" stroke-opacity=\"0.55\" /></pattern></defs>"));
        if (table.Cases == 0)
        {
            svg.Append(Invariant($"<rect x=\"{Html.N(left)}\" y=\"{Html.N(top)}\" width=\"{Html.N(plotWidth)}\" height=\"{Html.N(plotHeight)}\" fill=\"#EEF1F4\" rx=\"4\" />"));
            svg.Append(Invariant($"<text x=\"{Html.N(left + (plotWidth / 2))}\" y=\"{Html.N(top + (plotHeight / 2) + 4)}\" text-anchor=\"middle\" font-size=\"13\" fill=\"{Muted}\">No case scored in full</text>"));
            return svg.Append("</svg>").ToString();
        }

        var rightRow = counts[0] + counts[1];
        var wrongRow = counts[2] + counts[3];
        var gaps = rightRow > 0 && wrongRow > 0 ? bandGap : 0;
        var topHeight = (plotHeight - gaps) * rightRow / table.Cases;
        var bands = new[] { (Y: top, Height: topHeight, Total: rightRow, First: 0), (Y: top + topHeight + gaps, Height: plotHeight - gaps - topHeight, Total: wrongRow, First: 2) };
        foreach (var band in bands)
        {
            if (band.Total == 0)
            {
                continue;
            }

            var x = left;
            for (var i = band.First; i < band.First + 2; i++)
            {
                var cell = Cells[i];
                var w = plotWidth * counts[i] / band.Total;
                if (counts[i] > 0)
                {
                    svg.Append(Invariant($"<g class=\"cell {cell.Css}\"><title>{Html.Encode($"{cell.Name} ({cell.Description}): {Share(counts[i], table.Cases)} of the cases scored in full")}</title>"));
                    svg.Append(Invariant($"<rect x=\"{Html.N(x)}\" y=\"{Html.N(band.Y)}\" width=\"{Html.N(w)}\" height=\"{Html.N(band.Height)}\" fill=\"{cell.Color}\" stroke=\"#FFFFFF\" stroke-width=\"2\" />"));
                    if (cell.FinalWrong)
                    {
                        svg.Append(Invariant($"<rect x=\"{Html.N(x)}\" y=\"{Html.N(band.Y)}\" width=\"{Html.N(w)}\" height=\"{Html.N(band.Height)}\" fill=\"url(#{id}-wrong)\" stroke=\"#FFFFFF\" stroke-width=\"2\" />"));
                    }

                    svg.Append(CellLabel(cell, x, band.Y, w, band.Height, counts[i], table.Cases, compact)).Append("</g>");
                }

                x += w;
            }
        }

        if (!compact)
        {
            string[] names = ["All sub-tasks right", "A sub-task wrong"];
            for (var b = 0; b < 2; b++)
            {
                var (y, h, total, _) = bands[b];
                var middle = total == 0 ? (b == 0 ? top + 10 : top + plotHeight - 10) : y + (h / 2);
                svg.Append(Invariant($"<text x=\"{Html.N(left - 12)}\" y=\"{Html.N(middle - 2)}\" text-anchor=\"end\" font-size=\"13\" font-weight=\"700\" fill=\"{Ink}\">{names[b]}</text>"));
                svg.Append(Invariant($"<text x=\"{Html.N(left - 12)}\" y=\"{Html.N(middle + 14)}\" text-anchor=\"end\" font-size=\"12\" fill=\"{Muted}\">{Html.Encode(Share(total, table.Cases))}</text>"));
            }
        }

        svg.Append(GapBracket(gap, left, plotWidth, top, rightRow == 0 ? 0 : plotWidth * counts[1] / rightRow, compact));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// A bar per class, in the order the classes are decided, as long as the class's share of the cases. With two
    /// flows, each class has two bars: the baseline's light and outlined above, the candidate's solid below.
    /// </summary>
    public static string ClassBars(string id, string title, IReadOnlyList<(string Name, CompositionSummary Summary)> flows)
    {
        var pair = flows.Count == 2;
        double width = 760, labelWidth = 190, annotationWidth = pair ? 150 : 120, rowHeight = pair ? 46 : 32, top = 10, barHeight = pair ? 14 : 16;
        var plotWidth = width - labelWidth - annotationWidth - 20;
        var classes = CompositionClasses.InPrecedence;
        var height = top + (classes.Count * rowHeight) + 28;
        var highest = flows.SelectMany(f => classes.Select(c => Fraction(f.Summary.Count(c), f.Summary.Cases))).DefaultIfEmpty(0).Max();
        var scale = Math.Max(0.25, Math.Ceiling(highest * 4 - 1e-9) / 4);
        var step = scale <= 0.25 ? 0.05 : scale <= 0.5 ? 0.1 : 0.25;
        double X(double fraction) => labelWidth + 10 + (Math.Clamp(fraction / scale, 0, 1) * plotWidth);

        var description = string.Join("; ", classes.Select(c => $"{CompositionClasses.Name(c)}: " + string.Join(", ", flows.Select(f => $"{(pair ? f.Name + " " : string.Empty)}{f.Summary.Count(c)} of {f.Summary.Cases}")))) + ".";
        var svg = SvgChart.Open(id, title, description, width, height);
        svg.Append(Invariant($"<defs>{CompositionClasses.Patterns(id)}</defs>"));
        var bottom = top + (classes.Count * rowHeight);
        for (var tick = 0.0; tick <= scale + 1e-9; tick += step)
        {
            var x = X(tick);
            svg.Append(Invariant($"<line x1=\"{Html.N(x)}\" y1=\"{Html.N(top)}\" x2=\"{Html.N(x)}\" y2=\"{Html.N(bottom)}\" stroke=\"{Grid}\" />"));
            svg.Append(Invariant($"<text x=\"{Html.N(x)}\" y=\"{Html.N(bottom + 18)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{Muted}\">{Html.N(Math.Round(tick * 100))}%</text>"));
        }

        for (var r = 0; r < classes.Count; r++)
        {
            var outcome = classes[r];
            var middle = top + (r * rowHeight) + (rowHeight / 2);
            var detail = $"{CompositionClasses.Name(outcome)}: " + string.Join(", ", flows.Select(f => $"{(pair ? f.Name + " " : string.Empty)}{Share(f.Summary.Count(outcome), f.Summary.Cases)}"));
            svg.Append(Invariant($"<g class=\"row {CompositionClasses.Css(outcome)}\"><title>{Html.Encode(detail)}</title>"));
            svg.Append(Invariant($"<text x=\"{Html.N(labelWidth)}\" y=\"{Html.N(middle + 4.5)}\" text-anchor=\"end\" font-size=\"13\" fill=\"{Ink}\">{Html.Encode($"{CompositionClasses.Symbol(outcome)} {CompositionClasses.Name(outcome)}")}</text>"));
            for (var f = 0; f < flows.Count; f++)
            {
                var (_, summary) = flows[f];
                var count = summary.Count(outcome);
                var y = pair ? middle + (f == 0 ? -barHeight - 1 : 1) : middle - (barHeight / 2);
                var w = X(Fraction(count, summary.Cases)) - X(0);
                var hollow = pair && f == 0;
                svg.Append(Invariant($"<rect class=\"bar{(hollow ? " baseline" : string.Empty)}\" x=\"{Html.N(X(0))}\" y=\"{Html.N(y)}\" width=\"{Html.N(Math.Max(w, count > 0 ? 1.5 : 0))}\" height=\"{Html.N(barHeight)}\" rx=\"2\" fill=\"{CompositionClasses.Fill(id, outcome)}\"{(hollow ? $" fill-opacity=\"0.4\" stroke=\"{Stroke(outcome)}\" stroke-width=\"1.4\"" : string.Empty)} />"));
                svg.Append(Invariant($"<text x=\"{Html.N(X(0) + w + 6)}\" y=\"{Html.N(y + barHeight - 3)}\" font-size=\"12\" fill=\"{Ink}\">{(pair ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) : Html.Encode($"{count}  ·  {ReportText.Percent(Fraction(count, summary.Cases))}"))}</text>"));
            }

            if (pair)
            {
                var (before, after) = (flows[0].Summary.Count(outcome), flows[1].Summary.Count(outcome));
                svg.Append(Invariant($"<text x=\"{Html.N(width - 4)}\" y=\"{Html.N(middle + 4.5)}\" text-anchor=\"end\" font-size=\"13\" fill=\"{Ink}\">{Html.Encode($"{before} → {after}")}<tspan fill=\"{Muted}\" font-size=\"12\">{Html.Encode($"  ({Signed(after - before)})")}</tspan></text>"));
            }

            svg.Append("</g>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A thin bar split in proportion to the cases of each class, in the order the classes are decided.</summary>
    public static string ClassStrip(string id, CompositionSummary summary)
    {
        const double width = 300, height = 12;
        var description = string.Join(", ", CompositionClasses.InPrecedence.Where(c => summary.Count(c) > 0).Select(c => $"{summary.Count(c)} {CompositionClasses.Name(c).ToLowerInvariant()}"));
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"strip\" role=\"img\" aria-label=\"{Html.Encode(description)}\" viewBox=\"0 0 {Html.N(width)} {Html.N(height)}\" preserveAspectRatio=\"none\"><title>{Html.Encode(description)}</title><defs>{CompositionClasses.Patterns(id)}</defs>"));
        if (summary.Cases == 0)
        {
            svg.Append(Invariant($"<rect width=\"{Html.N(width)}\" height=\"{Html.N(height)}\" fill=\"{Grid}\" />"));
        }

        var x = 0.0;
        foreach (var outcome in CompositionClasses.InPrecedence)
        {
            var n = summary.Count(outcome);
            if (n == 0)
            {
                continue;
            }

            var w = n / (double)summary.Cases * width;
            svg.Append(Invariant($"<rect class=\"{CompositionClasses.Css(outcome)}\" x=\"{Html.N(x)}\" width=\"{Html.N(w)}\" height=\"{Html.N(height)}\" fill=\"{CompositionClasses.Fill(id, outcome)}\" />"));
            x += w;
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// A thin bar of the cases whose sub-tasks were all right, split into those whose final output was right and those
    /// whose final output was wrong (hatched): the composability gap as a share.
    /// </summary>
    public static string GapStrip(string id, GapEstimate gap)
    {
        const double width = 300, height = 12;
        var description = gap.IsDefined
            ? $"Of {gap.SubTasksRightCases} cases with every sub-task right, {gap.SubTasksRightCases - gap.GapCases} had a right final output and {gap.GapCases} a wrong one."
            : "No case had every sub-task right.";
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"strip\" role=\"img\" aria-label=\"{Html.Encode(description)}\" viewBox=\"0 0 {Html.N(width)} {Html.N(height)}\" preserveAspectRatio=\"none\"><title>{Html.Encode(description)}</title>"));
        svg.Append(Invariant($"<defs><pattern id=\"{id}-wrong\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"{CompositionClasses.GapColor}\" /><line x1=\"1.5\" y1=\"0\" x2=\"1.5\" y2=\"6\" stroke=\"#FFFFFF\" stroke-width=\"2\" stroke-opacity=\"0.55\" /></pattern></defs>"));
        if (!gap.IsDefined)
        {
            return svg.Append(Invariant($"<rect width=\"{Html.N(width)}\" height=\"{Html.N(height)}\" fill=\"{Grid}\" /></svg>")).ToString();
        }

        var right = (gap.SubTasksRightCases - gap.GapCases) / (double)gap.SubTasksRightCases * width;
        svg.Append(Invariant($"<rect class=\"both-right\" width=\"{Html.N(right)}\" height=\"{Html.N(height)}\" fill=\"{CompositionClasses.PassedColor}\" />"));
        svg.Append(Invariant($"<rect class=\"gap\" x=\"{Html.N(right)}\" width=\"{Html.N(width - right)}\" height=\"{Html.N(height)}\" fill=\"url(#{id}-wrong)\" />"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// Two flows' numbers side by side, a row each: the baseline's value as a hollow circle with its interval above the
    /// line, the candidate's as a solid diamond with its interval below, an arrow from one to the other.
    /// </summary>
    public static string Dumbbells(string id, string title, string description, IReadOnlyList<PairedMeasureRow> rows)
    {
        double width = 760, labelWidth = 170, annotationWidth = 178, rowHeight = 34, headingHeight = 26, top = 26;
        var plotWidth = width - labelWidth - annotationWidth - 24;
        var height = top + rows.Sum(r => r.IsHeading ? headingHeight : rowHeight) + 8;
        double X(double fraction) => labelWidth + 12 + (Math.Clamp(fraction, 0, 1) * plotWidth);

        var svg = SvgChart.Open(id, title, description, width, height);
        svg.Append(Invariant($"<defs><marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 1 L9 5 L0 9 z\" fill=\"{Ink}\" /></marker></defs>"));
        for (var tick = 0; tick <= 4; tick++)
        {
            var x = X(tick / 4.0);
            svg.Append(Invariant($"<line x1=\"{Html.N(x)}\" y1=\"{Html.N(top - 6)}\" x2=\"{Html.N(x)}\" y2=\"{Html.N(height - 8)}\" stroke=\"{Grid}\" />"));
            svg.Append(Invariant($"<text x=\"{Html.N(x)}\" y=\"{Html.N(top - 12)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{Muted}\">{tick * 25}%</text>"));
        }

        var y = top;
        foreach (var row in rows)
        {
            if (row.IsHeading)
            {
                svg.Append(Invariant($"<text x=\"0\" y=\"{Html.N(y + 18)}\" font-size=\"13\" font-weight=\"700\" fill=\"{Ink}\">{Html.Encode(row.Label)}</text>"));
                y += headingHeight;
                continue;
            }

            var middle = y + (rowHeight / 2);
            svg.Append(Invariant($"<g class=\"row {row.Kind}\"><title>{Html.Encode(row.Detail)}</title>"));
            svg.Append(Invariant($"<text x=\"{Html.N(labelWidth)}\" y=\"{Html.N(middle + 4.5)}\" text-anchor=\"end\" font-size=\"13\" fill=\"{Ink}\">{Html.Encode(SvgChart.Shorten(row.Label, 24))}</text>"));
            svg.Append(Interval(row.Baseline.Interval, middle - 7, BaselineColor, X));
            svg.Append(Interval(row.Candidate.Interval, middle + 7, CompositionClasses.PassedColor, X));
            if (row.Baseline.Value is { } from && row.Candidate.Value is { } to && Math.Abs(X(to) - X(from)) > 9)
            {
                var direction = X(to) > X(from) ? 1 : -1;
                svg.Append(Invariant($"<line class=\"change\" x1=\"{Html.N(X(from) + (direction * 6))}\" y1=\"{Html.N(middle)}\" x2=\"{Html.N(X(to) - (direction * 7))}\" y2=\"{Html.N(middle)}\" stroke=\"{Ink}\" stroke-width=\"1.5\" marker-end=\"url(#{id}-arrow)\" />"));
            }

            if (row.Baseline.Value is { } b)
            {
                svg.Append(Invariant($"<circle class=\"baseline\" cx=\"{Html.N(X(b))}\" cy=\"{Html.N(middle)}\" r=\"5\" fill=\"#FFFFFF\" stroke=\"{BaselineColor}\" stroke-width=\"2\" />"));
            }

            if (row.Candidate.Value is { } c)
            {
                svg.Append(Invariant($"<path class=\"candidate\" d=\"M{Html.N(X(c))} {Html.N(middle - 6.5)} L{Html.N(X(c) + 6.5)} {Html.N(middle)} L{Html.N(X(c))} {Html.N(middle + 6.5)} L{Html.N(X(c) - 6.5)} {Html.N(middle)} z\" fill=\"{CompositionClasses.PassedColor}\" stroke=\"#FFFFFF\" stroke-width=\"1\" />"));
            }

            svg.Append(Invariant($"<text x=\"{Html.N(width - annotationWidth + 4)}\" y=\"{Html.N(middle + 4.5)}\" font-size=\"13\" fill=\"{Ink}\">{Html.Encode(row.Annotation)}</text></g>"));
            y += rowHeight;
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A small bar for a table cell: <paramref name="fraction"/> of its width filled.</summary>
    public static string MiniBar(double fraction, string color)
        => Invariant($"<svg class=\"mini\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect width=\"100\" height=\"10\" rx=\"2\" fill=\"#EEF1F4\" /><rect width=\"{Html.N(Math.Clamp(fraction, 0, 1) * 100)}\" height=\"10\" rx=\"2\" fill=\"{color}\" /></svg>");

    /// <summary>The gap in a sentence: <c>The composability gap is 12 of 31 (38.7%).</c></summary>
    public static string GapSentence(GapEstimate gap)
        => gap.Value is { } value
            ? $"The composability gap is {gap.GapCases} of {gap.SubTasksRightCases} cases with every sub-task right ({ReportText.Percent(value)})."
            : "The composability gap is undefined: no case had all its sub-tasks right.";

    /// <summary><c>12 (31.6%)</c>.</summary>
    public static string Share(int count, int of) => $"{ReportText.Count(count)} ({ReportText.Percent(Fraction(count, of))})";

    public static double Fraction(int count, int of) => of == 0 ? 0 : count / (double)of;

    public static string Signed(int delta) => delta > 0 ? $"+{delta}" : delta < 0 ? $"−{-delta}" : "±0";

    private static string CellLabel(MosaicCell cell, double x, double y, double w, double h, int count, int cases, bool compact)
    {
        var share = ReportText.Percent(Fraction(count, cases));
        var numbers = $"{share} · {ReportText.Count(count)}";
        var nameSize = compact ? 12 : 13;
        var (cx, cy) = (x + (w / 2), y + (h / 2));
        if (w >= Math.Max(TextWidth(cell.Name, nameSize, bold: true), TextWidth(numbers, 12, bold: false)) + 12 && h >= 40)
        {
            return Invariant($"<text x=\"{Html.N(cx)}\" y=\"{Html.N(cy - 3)}\" text-anchor=\"middle\" font-size=\"{nameSize}\" font-weight=\"700\" fill=\"{cell.Text}\">{Html.Encode(cell.Name)}</text>")
                   + Invariant($"<text x=\"{Html.N(cx)}\" y=\"{Html.N(cy + 13)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{cell.Text}\">{Html.Encode(numbers)}</text>");
        }

        return w >= TextWidth(share, 11, bold: true) + 8 && h >= 16
            ? Invariant($"<text x=\"{Html.N(cx)}\" y=\"{Html.N(cy + 4)}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"600\" fill=\"{cell.Text}\">{Html.Encode(share)}</text>")
            : string.Empty;
    }

    /// <summary>About how wide a text is in the system sans-serif font: enough to tell whether a label fits its cell.</summary>
    private static double TextWidth(string text, double size, bool bold) => text.Length * size * (bold ? 0.62 : 0.56);

    private static string GapBracket(GapEstimate gap, double left, double plotWidth, double top, double gapWidth, bool compact)
    {
        var label = gap.Value is { } value
            ? compact ? $"gap {ReportText.Percent(value)}" : $"gap {ReportText.Percent(value)}: {gap.GapCases} of {gap.SubTasksRightCases} with every sub-task right"
            : "gap undefined: no case had every sub-task right";
        var (x1, x2) = (left + plotWidth - gapWidth, left + plotWidth);
        var y = top - 8;
        var bracket = gap.IsDefined
            ? Invariant($"<path class=\"bracket\" d=\"M{Html.N(x1)} {Html.N(top - 2)} V{Html.N(y)} H{Html.N(x2)} V{Html.N(top - 2)}\" fill=\"none\" stroke=\"{Ink}\" stroke-width=\"1.4\" />")
            : string.Empty;
        var anchorEnd = (x1 + x2) / 2 > left + (plotWidth * 0.6);
        var textX = anchorEnd ? x2 : left;
        return bracket + Invariant($"<text class=\"gap-label\" x=\"{Html.N(textX)}\" y=\"{Html.N(y - 6)}\" text-anchor=\"{(anchorEnd ? "end" : "start")}\" font-size=\"{(compact ? 12 : 13)}\" font-weight=\"700\" fill=\"{Ink}\">{Html.Encode(label)}</text>");
    }

    private static string Interval(ConfidenceInterval? interval, double y, string color, Func<double, double> x)
        => interval is { } i
            ? Invariant($"<g class=\"interval\" stroke=\"{color}\" stroke-width=\"1.6\"><line x1=\"{Html.N(x(i.Lower))}\" y1=\"{Html.N(y)}\" x2=\"{Html.N(x(i.Upper))}\" y2=\"{Html.N(y)}\" /><line x1=\"{Html.N(x(i.Lower))}\" y1=\"{Html.N(y - 3)}\" x2=\"{Html.N(x(i.Lower))}\" y2=\"{Html.N(y + 3)}\" /><line x1=\"{Html.N(x(i.Upper))}\" y1=\"{Html.N(y - 3)}\" x2=\"{Html.N(x(i.Upper))}\" y2=\"{Html.N(y + 3)}\" /></g>")
            : string.Empty;

    private static string Stroke(CompositionOutcome outcome) => outcome switch
    {
        CompositionOutcome.TaskFailed => "#8E3B6B",
        CompositionOutcome.ScoringFailed => "#6B737D",
        _ => CompositionClasses.Color(outcome),
    };

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
