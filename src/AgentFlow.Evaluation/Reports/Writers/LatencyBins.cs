namespace AgentFlow.Evaluation;

/// <summary>
/// The bins of a latency histogram, in milliseconds: even steps of 1, 2 or 5 times a power of ten on a linear scale, or,
/// when the slowest value is more than <see cref="LogRatio"/> times the fastest, the 1-2-5 sequence itself (10, 20, 50,
/// 100 ms...) drawn evenly, a logarithmic scale that shows quick cases and a slow outlier on one chart.
/// </summary>
internal sealed class LatencyBins
{
    /// <summary>How many times the fastest value the slowest must be for a logarithmic scale.</summary>
    public const double LogRatio = 50;

    private LatencyBins(IReadOnlyList<double> edges, bool logarithmic)
    {
        Edges = edges;
        Logarithmic = logarithmic;
    }

    /// <summary>Gets the bins' edges, ascending; bin <c>i</c> runs from <c>Edges[i]</c> to <c>Edges[i + 1]</c>.</summary>
    public IReadOnlyList<double> Edges { get; }

    /// <summary>Gets a value indicating whether the bins follow a logarithmic scale.</summary>
    public bool Logarithmic { get; }

    /// <summary>Gets how many bins there are.</summary>
    public int Count => Edges.Count - 1;

    public static LatencyBins For(IReadOnlyList<double> values)
    {
        var max = values.Count == 0 ? 0 : values.Max();
        var fastest = values.Where(v => v > 0).DefaultIfEmpty(0).Min();
        if (fastest > 0 && max / fastest > LogRatio)
        {
            List<double> edges = [Step125(fastest, down: true)];
            while (edges[^1] <= max)
            {
                edges.Add(Next125(edges[^1]));
            }

            return new LatencyBins(edges, logarithmic: true);
        }

        var step = SvgChart.NiceStep(Math.Max(max, 1.2) / 12);
        var count = (int)Math.Floor(max / step) + 1;
        return new LatencyBins([.. Enumerable.Range(0, count + 1).Select(i => i * step)], logarithmic: false);
    }

    /// <summary>The bin a value falls in; values below the first edge fall in the first bin.</summary>
    public int IndexOf(double value)
    {
        for (var i = Count - 1; i > 0; i--)
        {
            if (value >= Edges[i] * (1 - 1e-12))
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>Where a value sits, in bins from the left: 2.5 is the middle of the third bin (on the scale's own terms).</summary>
    public double Position(double value)
    {
        var i = IndexOf(value);
        var (low, high) = (Edges[i], Edges[i + 1]);
        var within = Logarithmic
            ? value <= low ? 0 : Math.Log(value / low) / Math.Log(high / low)
            : (value - low) / (high - low);
        return i + Math.Clamp(within, 0, 1);
    }

    /// <summary>The 1-2-5 value at or below (or above) <paramref name="value"/>.</summary>
    private static double Step125(double value, bool down)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        double[] factors = down ? [5, 2, 1] : [1, 2, 5, 10];
        foreach (var factor in factors)
        {
            if (down ? factor * power <= value * (1 + 1e-12) : factor * power >= value * (1 - 1e-12))
            {
                return factor * power;
            }
        }

        return power;
    }

    private static double Next125(double edge) => Step125(edge * 1.5, down: false);
}
