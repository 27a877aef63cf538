using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// The SVG charts of a comparison page, drawn like <see cref="SvgChart"/>'s: no script, the same markup for the same
/// data, a <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c> each, Okabe-Ito colours, and every difference also told by a
/// shape, a symbol (▲ ▼) or a pattern, never by colour alone.
/// </summary>
internal static class ComparisonCharts
{
    /// <summary>Improvements: Okabe-Ito bluish green.</summary>
    public const string ImprovedColor = "#009E73";

    /// <summary>Regressions: Okabe-Ito vermillion, also hatched.</summary>
    public const string RegressedColor = "#D55E00";

    /// <summary>The candidate's marks: Okabe-Ito blue, the colour of passed cases in the report page.</summary>
    public const string CandidateColor = SvgChart.PassedColor;

    /// <summary>The baseline's marks: grey, hollow dots.</summary>
    public const string BaselineColor = SvgChart.MutedColor;

    private const string NeitherColor = "#AAB4BF";
    private const string RegressedStripe = "#8A3D00";
    private const string CellColor = "#F5F6F8";

    /// <summary>The half-widths a delta strip may have, from −x to +x: 10, 25, 50 or 100 points.</summary>
    private static readonly double[] DeltaScales = [0.1, 0.25, 0.5, 1.0];

    /// <summary>
    /// A dumbbell chart of accuracies from 0 to 100%: per row, the baseline as a hollow dot and the candidate as a filled
    /// one, joined by a bar coloured by direction, each with its confidence interval as whiskers (the baseline's above,
    /// the candidate's below), and the two accuracies and the change written right of the plot.
    /// </summary>
    public static string Dumbbell(string id, string title, string description, IReadOnlyList<DumbbellRow> rows)
    {
        const double width = 760, labelWidth = 170, annotationWidth = 180, rowHeight = 44, top = 14;
        const double plotWidth = width - labelWidth - annotationWidth - 20;
        var bottom = top + (rows.Count * rowHeight);
        var height = bottom + 30;
        double X(double fraction) => labelWidth + 10 + (Math.Clamp(fraction, 0, 1) * plotWidth);

        var svg = SvgChart.Open(id, title, description, width, height);
        for (var tick = 0; tick <= 4; tick++)
        {
            var x = X(tick / 4.0);
            svg.Append(Invariant($"<line x1=\"{Html.N(x)}\" y1=\"{Html.N(top)}\" x2=\"{Html.N(x)}\" y2=\"{Html.N(bottom)}\" stroke=\"{SvgChart.GridColor}\" />"));
            svg.Append(Invariant($"<text x=\"{Html.N(x)}\" y=\"{Html.N(bottom + 18)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{SvgChart.MutedColor}\">{tick * 25}%</text>"));
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var middle = top + (i * rowHeight) + (rowHeight / 2);
            var (from, to) = (X(row.Baseline), X(row.Candidate));
            var overall = row.Kind == "overall";
            svg.Append(Invariant($"<g class=\"row {row.Kind} {row.Direction}\"><title>{Html.Encode(row.Detail)}</title>"));
            if (i % 2 == 0)
            {
                svg.Append(Invariant($"<rect class=\"band\" x=\"0\" y=\"{Html.N(middle - (rowHeight / 2))}\" width=\"{Html.N(width)}\" height=\"{Html.N(rowHeight)}\" fill=\"{CellColor}\" opacity=\"0.7\" />"));
            }

            svg.Append(Invariant($"<text x=\"{Html.N(labelWidth)}\" y=\"{Html.N(middle + 4)}\" text-anchor=\"end\" font-size=\"13\"{(overall ? " font-weight=\"700\"" : string.Empty)} fill=\"{SvgChart.InkColor}\">{Html.Encode(SvgChart.Shorten(row.Label, 22))}</text>"));
            svg.Append(Whisker("baseline", row.BaselineInterval, middle - 9, BaselineColor, X));
            svg.Append(Whisker("candidate", row.CandidateInterval, middle + 9, CandidateColor, X));
            var joinColor = row.Direction switch { "up" => ImprovedColor, "down" => RegressedColor, _ => SvgChart.MutedColor };
            svg.Append(Invariant($"<line class=\"change {row.Direction}\" x1=\"{Html.N(from)}\" y1=\"{Html.N(middle)}\" x2=\"{Html.N(to)}\" y2=\"{Html.N(middle)}\" stroke=\"{joinColor}\" stroke-width=\"5\" stroke-linecap=\"round\" opacity=\"0.75\" />"));
            svg.Append(Invariant($"<circle class=\"dot baseline\" cx=\"{Html.N(from)}\" cy=\"{Html.N(middle)}\" r=\"5.5\" fill=\"#FFFFFF\" stroke=\"{BaselineColor}\" stroke-width=\"2.2\" />"));
            svg.Append(Invariant($"<circle class=\"dot candidate\" cx=\"{Html.N(to)}\" cy=\"{Html.N(middle)}\" r=\"5.5\" fill=\"{CandidateColor}\" stroke=\"#FFFFFF\" stroke-width=\"1.2\" />"));
            svg.Append(Invariant($"<text class=\"accuracies\" x=\"{Html.N(X(1) + 16)}\" y=\"{Html.N(middle - 3)}\" font-size=\"13\"{(overall ? " font-weight=\"700\"" : string.Empty)} fill=\"{SvgChart.InkColor}\">{Html.Encode(row.Accuracies)}</text>"));
            svg.Append(Invariant($"<text class=\"delta\" x=\"{Html.N(X(1) + 16)}\" y=\"{Html.N(middle + 13)}\" font-size=\"12\" fill=\"{(row.Direction == "same" ? SvgChart.MutedColor : joinColor)}\">{Html.Encode(row.Change)}</text></g>"));
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// The 2×2 table of paired outcomes as a grid: rows are the baseline's outcome, columns the candidate's, and each cell
    /// holds a square whose area is its share of all the cases (a cell holding every case would be filled). The
    /// discordant cells, the only ones the McNemar test uses, have a dashed border; regressions are also hatched.
    /// </summary>
    public static string PairedGrid(string id, string title, string description, PairedOutcomes outcomes)
    {
        const double rowLabelWidth = 118, headHeight = 34, cellWidth = 196, cellHeight = 206, gap = 10, maxSide = 136;
        const double width = rowLabelWidth + (2 * cellWidth) + gap + 4, height = headHeight + (2 * cellHeight) + gap + 4;
        var total = Math.Max(outcomes.Cases, 1);
        var svg = SvgChart.Open(id, title, description, width, height);
        svg.Append(Invariant($"<defs><pattern id=\"{id}-regressed\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"7\" height=\"7\" fill=\"{RegressedColor}\" /><line x1=\"2\" y1=\"0\" x2=\"2\" y2=\"7\" stroke=\"{RegressedStripe}\" stroke-width=\"2.5\" /></pattern></defs>"));
        string[] columns = ["Candidate passed", "Candidate did not pass"];
        for (var c = 0; c < 2; c++)
        {
            svg.Append(Invariant($"<text x=\"{Html.N(rowLabelWidth + (c * (cellWidth + gap)) + (cellWidth / 2))}\" y=\"{Html.N(headHeight - 12)}\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\" fill=\"{SvgChart.InkColor}\">{columns[c]}</text>"));
        }

        string[] rows = ["passed", "did not pass"];
        for (var r = 0; r < 2; r++)
        {
            var y = headHeight + (r * (cellHeight + gap)) + (cellHeight / 2);
            svg.Append(Invariant($"<text x=\"{Html.N(rowLabelWidth - 12)}\" y=\"{Html.N(y - 4)}\" text-anchor=\"end\" font-size=\"13\" font-weight=\"600\" fill=\"{SvgChart.InkColor}\"><tspan x=\"{Html.N(rowLabelWidth - 12)}\">Baseline</tspan><tspan x=\"{Html.N(rowLabelWidth - 12)}\" dy=\"17\">{rows[r]}</tspan></text>"));
        }

        (string Kind, int Count, string Fill, string Caption, bool Discordant)[] cells =
        [
            ("both", outcomes.BothPassed, SvgChart.PassedColor, "both passed", false),
            ("regressed", outcomes.BaselineOnly, $"url(#{id}-regressed)", "▼ regressed", true),
            ("improved", outcomes.CandidateOnly, ImprovedColor, "▲ improved", true),
            ("neither", outcomes.NeitherPassed, NeitherColor, "neither passed", false),
        ];
        for (var i = 0; i < cells.Length; i++)
        {
            var (kind, count, fill, caption, discordant) = cells[i];
            var x = rowLabelWidth + (i % 2 * (cellWidth + gap));
            var y = headHeight + (i / 2 * (cellHeight + gap));
            var share = count / (double)total;
            var side = maxSide * Math.Sqrt(share);
            var (centerX, centerY) = (x + (cellWidth / 2), y + 14 + (maxSide / 2));
            svg.Append(Invariant($"<g class=\"cell {kind}\"><title>{Html.Encode($"{ReportText.Count(count)} {caption.TrimStart('▲', '▼', ' ')}: {ReportText.Percent(share)} of the {ReportText.Count(outcomes.Cases)} cases")}</title>"));
            svg.Append(Invariant($"<rect class=\"frame\" x=\"{Html.N(x)}\" y=\"{Html.N(y)}\" width=\"{Html.N(cellWidth)}\" height=\"{Html.N(cellHeight)}\" rx=\"8\" fill=\"{CellColor}\" stroke=\"{(discordant ? SvgChart.InkColor : SvgChart.GridColor)}\" stroke-width=\"{(discordant ? "1.4" : "1")}\"{(discordant ? " stroke-dasharray=\"5 4\"" : string.Empty)} />"));
            svg.Append(Invariant($"<rect class=\"full\" x=\"{Html.N(centerX - (maxSide / 2))}\" y=\"{Html.N(centerY - (maxSide / 2))}\" width=\"{Html.N(maxSide)}\" height=\"{Html.N(maxSide)}\" fill=\"none\" stroke=\"{SvgChart.GridColor}\" stroke-dasharray=\"2 3\" />"));
            if (count > 0)
            {
                svg.Append(Invariant($"<rect class=\"area\" x=\"{Html.N(centerX - (side / 2))}\" y=\"{Html.N(centerY - (side / 2))}\" width=\"{Html.N(side)}\" height=\"{Html.N(side)}\" rx=\"2\" fill=\"{fill}\" />"));
            }

            svg.Append(Invariant($"<text class=\"count\" x=\"{Html.N(centerX)}\" y=\"{Html.N(y + cellHeight - 34)}\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"700\" fill=\"{SvgChart.InkColor}\">{ReportText.Count(count)} {caption}</text>"));
            svg.Append(Invariant($"<text x=\"{Html.N(centerX)}\" y=\"{Html.N(y + cellHeight - 15)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{SvgChart.MutedColor}\">{ReportText.Percent(share)} of the cases</text></g>"));
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// A strip for a card: the accuracy difference as a dot and its interval as a bar, on a scale symmetric around a
    /// dashed zero line, wide enough for the interval (±10, 25, 50 or 100 points).
    /// </summary>
    public static string DeltaStrip(double delta, ConfidenceInterval interval, string color, string description)
    {
        const double width = 300, height = 34, pad = 14, axisY = 14;
        var reach = Math.Max(Math.Abs(interval.Lower), Math.Abs(interval.Upper));
        var scale = DeltaScales.First(s => s >= reach - 1e-9);
        double X(double value) => pad + ((Math.Clamp(value, -scale, scale) + scale) / (2 * scale) * (width - (2 * pad)));
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"strip delta-strip\" role=\"img\" aria-label=\"{Html.Encode(description)}\" viewBox=\"0 0 {Html.N(width)} {Html.N(height)}\"><title>{Html.Encode(description)}</title>"));
        svg.Append(Invariant($"<line x1=\"{Html.N(pad)}\" y1=\"{Html.N(axisY)}\" x2=\"{Html.N(width - pad)}\" y2=\"{Html.N(axisY)}\" stroke=\"{SvgChart.GridColor}\" stroke-width=\"2\" />"));
        svg.Append(Invariant($"<line class=\"zero\" x1=\"{Html.N(X(0))}\" y1=\"2\" x2=\"{Html.N(X(0))}\" y2=\"{Html.N(axisY + 8)}\" stroke=\"{SvgChart.InkColor}\" stroke-dasharray=\"3 2\" />"));
        svg.Append(Invariant($"<line class=\"interval\" x1=\"{Html.N(X(interval.Lower))}\" y1=\"{Html.N(axisY)}\" x2=\"{Html.N(X(interval.Upper))}\" y2=\"{Html.N(axisY)}\" stroke=\"{color}\" stroke-width=\"6\" stroke-linecap=\"round\" opacity=\"0.45\" />"));
        svg.Append(Invariant($"<circle class=\"point\" cx=\"{Html.N(X(delta))}\" cy=\"{Html.N(axisY)}\" r=\"5\" fill=\"{color}\" stroke=\"#FFFFFF\" stroke-width=\"1.2\" />"));
        var points = (scale * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (x, text, anchor) in new[] { (pad, "-" + points, "start"), (X(0), "0", "middle"), (width - pad, "+" + points, "end") })
        {
            svg.Append(Invariant($"<text x=\"{Html.N(x)}\" y=\"{Html.N(height - 1)}\" text-anchor=\"{anchor}\" font-size=\"10\" fill=\"{SvgChart.MutedColor}\">{text}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Whisker(string side, ConfidenceInterval interval, double y, string color, Func<double, double> x)
    {
        var (low, high) = (x(interval.Lower), x(interval.Upper));
        return Invariant($"<g class=\"whisker {side}\" stroke=\"{color}\" stroke-width=\"1.6\"><line x1=\"{Html.N(low)}\" y1=\"{Html.N(y)}\" x2=\"{Html.N(high)}\" y2=\"{Html.N(y)}\" />")
               + Invariant($"<line x1=\"{Html.N(low)}\" y1=\"{Html.N(y - 4)}\" x2=\"{Html.N(low)}\" y2=\"{Html.N(y + 4)}\" /><line x1=\"{Html.N(high)}\" y1=\"{Html.N(y - 4)}\" x2=\"{Html.N(high)}\" y2=\"{Html.N(y + 4)}\" /></g>");
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
