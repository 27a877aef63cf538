using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// Inline SVG charts drawn in C#: no script, no external file, the same markup for the same data. Each chart has a
/// <c>&lt;title&gt;</c> and a <c>&lt;desc&gt;</c>; outcomes are told apart by colour (the Okabe-Ito palette, which
/// survives colour blindness), by pattern (errors are hatched) and by label, never by red and green alone.
/// </summary>
internal static class SvgChart
{
    public const string PassedColor = "#0072B2";
    public const string FailedColor = "#E69F00";
    public const string ErrorColor = "#CC79A7";
    private const string ErrorStripe = "#8E3B6B";
    private const string TagBarColor = "#56B4E9";
    private const string OverallBarColor = "#0072B2";
    public const string InkColor = "#1F2933";
    public const string MutedColor = "#5F6B7A";
    public const string GridColor = "#E3E7EC";
    private const string Font = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\"";

    /// <summary>
    /// Horizontal bars of proportions from 0 to 100%, each with its confidence interval as whiskers, and an optional
    /// dashed reference line (such as the accuracy over all cases).
    /// </summary>
    public static string IntervalBars(string id, string title, string description, IReadOnlyList<IntervalBar> bars, double? reference, string? referenceLabel)
    {
        const double width = 760, labelWidth = 180, annotationWidth = 140, rowHeight = 30, top = 30, barHeight = 14;
        const double plotWidth = width - labelWidth - annotationWidth - 20;
        var height = top + (bars.Count * rowHeight) + 30;
        double X(double fraction) => labelWidth + 10 + (Math.Clamp(fraction, 0, 1) * plotWidth);

        var svg = Open(id, title, description, width, height);
        var bottom = top + (bars.Count * rowHeight);
        for (var tick = 0; tick <= 4; tick++)
        {
            var x = X(tick / 4.0);
            svg.Append(CultureInvariant($"<line x1=\"{Html.N(x)}\" y1=\"{Html.N(top - 6)}\" x2=\"{Html.N(x)}\" y2=\"{Html.N(bottom)}\" stroke=\"{GridColor}\" />"));
            svg.Append(CultureInvariant($"<text x=\"{Html.N(x)}\" y=\"{Html.N(bottom + 18)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{MutedColor}\">{tick * 25}%</text>"));
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = top + (i * rowHeight);
            var middle = y + (rowHeight / 2);
            var overall = bar.Kind == "overall";
            svg.Append(CultureInvariant($"<g class=\"row {bar.Kind}\"><title>{Html.Encode(bar.Detail)}</title>"));
            svg.Append(CultureInvariant($"<text x=\"{Html.N(labelWidth)}\" y=\"{Html.N(middle + 4)}\" text-anchor=\"end\" font-size=\"13\"{(overall ? " font-weight=\"700\"" : string.Empty)} fill=\"{InkColor}\">{Html.Encode(Shorten(bar.Label, 22))}</text>"));
            svg.Append(CultureInvariant($"<rect class=\"bar {bar.Kind}\" x=\"{Html.N(X(0))}\" y=\"{Html.N(middle - (barHeight / 2))}\" width=\"{Html.N(X(bar.Value) - X(0))}\" height=\"{Html.N(barHeight)}\" rx=\"2\" fill=\"{(overall ? OverallBarColor : TagBarColor)}\" />"));
            var (low, high) = (X(bar.Interval.Lower), X(bar.Interval.Upper));
            svg.Append(CultureInvariant($"<g class=\"whisker\" stroke=\"{InkColor}\" stroke-width=\"1.6\"><line x1=\"{Html.N(low)}\" y1=\"{Html.N(middle)}\" x2=\"{Html.N(high)}\" y2=\"{Html.N(middle)}\" />"));
            svg.Append(CultureInvariant($"<line x1=\"{Html.N(low)}\" y1=\"{Html.N(middle - 6)}\" x2=\"{Html.N(low)}\" y2=\"{Html.N(middle + 6)}\" /><line x1=\"{Html.N(high)}\" y1=\"{Html.N(middle - 6)}\" x2=\"{Html.N(high)}\" y2=\"{Html.N(middle + 6)}\" /></g>"));
            svg.Append(CultureInvariant($"<circle cx=\"{Html.N(X(bar.Value))}\" cy=\"{Html.N(middle)}\" r=\"3.2\" fill=\"#FFFFFF\" stroke=\"{InkColor}\" stroke-width=\"1.6\" />"));
            svg.Append(CultureInvariant($"<text x=\"{Html.N(X(1) + 12)}\" y=\"{Html.N(middle + 4)}\" font-size=\"13\" fill=\"{InkColor}\">{Html.Encode(bar.Annotation)}</text></g>"));
        }

        if (reference is { } value)
        {
            var x = X(value);
            svg.Append(CultureInvariant($"<line class=\"reference\" x1=\"{Html.N(x)}\" y1=\"{Html.N(top - 8)}\" x2=\"{Html.N(x)}\" y2=\"{Html.N(bottom)}\" stroke=\"{InkColor}\" stroke-width=\"1\" stroke-dasharray=\"4 3\" />"));
            if (referenceLabel is not null)
            {
                svg.Append(CultureInvariant($"<text x=\"{Html.N(Math.Clamp(x, X(0) + 60, X(1) - 60))}\" y=\"{Html.N(top - 12)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{MutedColor}\">{Html.Encode(referenceLabel)}</text>"));
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// A histogram of latencies, each bin's bar stacked by outcome (passed, failed, error), with dashed marker lines
    /// (such as p50 and p95) labelled above the plot. Bins are even on a linear scale, or, when the slowest case is more
    /// than 50 times the fastest (a timeout among quick cases), 1-2-5 steps on a logarithmic scale.
    /// </summary>
    public static string LatencyHistogram(string id, string title, string description, IReadOnlyList<(TimeSpan Latency, CaseOutcome Outcome)> points, IReadOnlyList<(string Label, TimeSpan Value)> markers)
    {
        const double width = 760, left = 56, right = 24, top = 46, plotHeight = 170, axis = 34;
        const double plotWidth = width - left - right;
        const double height = top + plotHeight + axis;
        var bins = LatencyBins.For(points.Select(p => p.Latency.TotalMilliseconds).ToList());
        var counts = new int[bins.Count, 3];
        foreach (var (latency, outcome) in points)
        {
            counts[bins.IndexOf(latency.TotalMilliseconds), (int)outcome]++;
        }

        var tallest = Enumerable.Range(0, bins.Count).Select(b => counts[b, 0] + counts[b, 1] + counts[b, 2]).DefaultIfEmpty(0).Max();
        var yStep = Math.Max(1, (int)NiceStep(Math.Max(tallest, 1) / 4.0));
        var yMax = Math.Max(yStep, (int)Math.Ceiling(tallest / (double)yStep) * yStep);
        var binWidth = plotWidth / bins.Count;
        double X(double ms) => left + (bins.Position(ms) * binWidth);
        double Y(double count) => top + plotHeight - (count / yMax * plotHeight);

        var svg = Open(id, title, description, width, height);
        svg.Append(CultureInvariant($"<defs>{Hatch(id)}</defs>"));
        for (var count = 0; count <= yMax; count += yStep)
        {
            svg.Append(CultureInvariant($"<line x1=\"{Html.N(left)}\" y1=\"{Html.N(Y(count))}\" x2=\"{Html.N(width - right)}\" y2=\"{Html.N(Y(count))}\" stroke=\"{GridColor}\" />"));
            svg.Append(CultureInvariant($"<text x=\"{Html.N(left - 8)}\" y=\"{Html.N(Y(count) + 4)}\" text-anchor=\"end\" font-size=\"12\" fill=\"{MutedColor}\">{count}</text>"));
        }

        svg.Append(CultureInvariant($"<text transform=\"translate(14 {Html.N(top + (plotHeight / 2))}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\" fill=\"{MutedColor}\">cases</text>"));
        var gap = Math.Min(2, binWidth / 6);
        for (var b = 0; b < bins.Count; b++)
        {
            var total = counts[b, 0] + counts[b, 1] + counts[b, 2];
            if (total == 0)
            {
                continue;
            }

            var range = $"{ReportText.Latency(TimeSpan.FromMilliseconds(bins.Edges[b]))} to {ReportText.Latency(TimeSpan.FromMilliseconds(bins.Edges[b + 1]))}";
            svg.Append(CultureInvariant($"<g class=\"bin\"><title>{Html.Encode($"{range}: {counts[b, 0]} passed, {counts[b, 1]} failed, {counts[b, 2]} error{(counts[b, 2] == 1 ? string.Empty : "s")}")}</title>"));
            var below = 0;
            foreach (var outcome in new[] { CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Error })
            {
                var n = counts[b, (int)outcome];
                if (n == 0)
                {
                    continue;
                }

                svg.Append(CultureInvariant($"<rect class=\"{ReportText.Outcome(outcome)}\" x=\"{Html.N(left + (b * binWidth) + gap)}\" y=\"{Html.N(Y(below + n))}\" width=\"{Html.N(binWidth - (2 * gap))}\" height=\"{Html.N(Y(below) - Y(below + n))}\" fill=\"{Fill(id, outcome)}\" stroke=\"#FFFFFF\" stroke-width=\"1\" />"));
                below += n;
            }

            svg.Append("</g>");
        }

        svg.Append(CultureInvariant($"<line x1=\"{Html.N(left)}\" y1=\"{Html.N(Y(0))}\" x2=\"{Html.N(width - right)}\" y2=\"{Html.N(Y(0))}\" stroke=\"{InkColor}\" />"));
        var every = (int)Math.Ceiling(bins.Count / 8.0);
        for (var b = 0; b <= bins.Count; b += every)
        {
            var x = left + (b * binWidth);
            svg.Append(CultureInvariant($"<line x1=\"{Html.N(x)}\" y1=\"{Html.N(Y(0))}\" x2=\"{Html.N(x)}\" y2=\"{Html.N(Y(0) + 5)}\" stroke=\"{InkColor}\" />"));
            svg.Append(CultureInvariant($"<text x=\"{Html.N(x)}\" y=\"{Html.N(Y(0) + 19)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{MutedColor}\">{Html.Encode(ReportText.Latency(TimeSpan.FromMilliseconds(bins.Edges[b])))}</text>"));
        }

        for (var i = 0; i < markers.Count; i++)
        {
            var (label, value) = markers[i];
            var x = X(value.TotalMilliseconds);
            var labelY = top - 28 + (i % 2 * 15);
            var end = x > width - right - 110;
            svg.Append(CultureInvariant($"<g class=\"marker\"><line x1=\"{Html.N(x)}\" y1=\"{Html.N(labelY - 10)}\" x2=\"{Html.N(x)}\" y2=\"{Html.N(Y(0))}\" stroke=\"{InkColor}\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\" />"));
            svg.Append(CultureInvariant($"<text x=\"{Html.N(x + (end ? -5 : 5))}\" y=\"{Html.N(labelY)}\" text-anchor=\"{(end ? "end" : "start")}\" font-size=\"12\" font-weight=\"600\" fill=\"{InkColor}\">{Html.Encode(label)}</text></g>"));
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A thin bar split in proportion to the passed, failed and error cases.</summary>
    public static string OutcomeStrip(string id, int passed, int failed, int errors)
    {
        const double width = 300, height = 12;
        var total = passed + failed + errors;
        var description = $"{passed} passed, {failed} failed, {errors} error{(errors == 1 ? string.Empty : "s")}";
        var svg = new StringBuilder();
        svg.Append(CultureInvariant($"<svg class=\"strip\" role=\"img\" aria-label=\"{Html.Encode(description)}\" viewBox=\"0 0 {Html.N(width)} {Html.N(height)}\" preserveAspectRatio=\"none\"><title>{Html.Encode(description)}</title><defs>{Hatch(id)}</defs>"));
        if (total == 0)
        {
            svg.Append(CultureInvariant($"<rect width=\"{Html.N(width)}\" height=\"{Html.N(height)}\" fill=\"{GridColor}\" />"));
        }

        var x = 0.0;
        foreach (var (outcome, n) in new[] { (CaseOutcome.Passed, passed), (CaseOutcome.Failed, failed), (CaseOutcome.Error, errors) })
        {
            if (n == 0)
            {
                continue;
            }

            var w = n / (double)total * width;
            svg.Append(CultureInvariant($"<rect class=\"{ReportText.Outcome(outcome)}\" x=\"{Html.N(x)}\" width=\"{Html.N(w)}\" height=\"{Html.N(height)}\" fill=\"{Fill(id, outcome)}\" />"));
            x += w;
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The fill of an outcome: a colour, or for errors the chart's hatch pattern.</summary>
    public static string Fill(string id, CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Passed => PassedColor,
        CaseOutcome.Failed => FailedColor,
        _ => $"url(#{id}-hatch)",
    };

    /// <summary>The diagonal hatch errors are filled with, so they differ from failures without colour.</summary>
    public static string Hatch(string id)
        => $"<pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"{ErrorColor}\" /><line x1=\"1.5\" y1=\"0\" x2=\"1.5\" y2=\"6\" stroke=\"{ErrorStripe}\" stroke-width=\"2.5\" /></pattern>";

    /// <summary>The smallest of 1, 2 or 5 times a power of ten at least <paramref name="raw"/>.</summary>
    public static double NiceStep(double raw)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var factor in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (factor * power >= raw * (1 - 1e-9))
            {
                return factor * power;
            }
        }

        return 10 * power;
    }

    /// <summary>The opening tag of a chart, with its <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c>; the caller appends the shapes and <c>&lt;/svg&gt;</c>.</summary>
    public static StringBuilder Open(string id, string title, string description, double width, double height)
        => new StringBuilder().Append(CultureInvariant(
            $"<svg id=\"{id}\" class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Html.N(width)} {Html.N(height)}\" {Font}><title id=\"{id}-title\">{Html.Encode(title)}</title><desc id=\"{id}-desc\">{Html.Encode(description)}</desc>"));

    /// <summary>A label cut to <paramref name="max"/> characters, so it fits its column.</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : ReportText.Truncate(text, max, out _);

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
