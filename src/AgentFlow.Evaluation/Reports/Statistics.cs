namespace AgentFlow.Evaluation;

/// <summary>The statistics of a report: the Wilson score interval of a proportion and nearest-rank percentiles.</summary>
internal static class Statistics
{
    /// <summary>The 97.5th percentile of the standard normal distribution: a 95% two-sided interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// The Wilson score interval of <paramref name="successes"/> out of <paramref name="trials"/>:
    /// (p + z²/2n ± z·√(p(1-p)/n + z²/4n²)) / (1 + z²/n), with p = successes / n. It stays within [0, 1] and is
    /// reasonable for small n and for p near 0 or 1, where the normal approximation is not. With no trial, [0, 1].
    /// </summary>
    public static ConfidenceInterval Wilson(int successes, int trials, double z = Z95)
    {
        if (trials == 0)
        {
            return new ConfidenceInterval(0, 1, 0.95);
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var center = (p + (z2 / (2 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / denominator;
        return new ConfidenceInterval(Math.Max(0, center - half), Math.Min(1, center + half), 0.95);
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest value such that at least <paramref name="fraction"/> of the values are
    /// at most it, that is the value at rank ⌈fraction × n⌉ (from 1) of the sorted values. Zero for no value.
    /// </summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double fraction)
    {
        if (sorted.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
