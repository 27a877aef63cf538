namespace AgentFlow.Evaluation;

/// <summary>The statistics of paired outcomes: the exact McNemar test and Newcombe's interval of a paired difference.</summary>
internal static class PairedStatistics
{
    /// <summary>Up to this many discordant pairs, the McNemar p-value is summed in whole numbers: exact to the last bit.</summary>
    private const int ExactBelow = 60;

    /// <summary>
    /// The exact two-sided McNemar p-value, min(1, 2·P(X ≤ k)) with X ~ Binomial(b + c, 1/2) and k = min(b, c), and the
    /// mid-p value, min(1, 2·(P(X ≤ k) − P(X = k)/2)).
    /// </summary>
    /// <remarks>
    /// Up to 60 discordant pairs the binomial coefficients are summed as whole numbers. Above, P(X = k) is computed as exp(ln C(n, k) − n·ln 2), and the tail as P(X = k)·(1 + r_k + r_k·r_{k−1} + ...), with
    /// r_i = P(X = i − 1)/P(X = i) = i/(n − i + 1) ≤ 1 since k ≤ n/2: no factorial is formed, nothing overflows, and the
    /// terms are added largest first.
    /// </remarks>
    public static (double P, double MidP) McNemarExact(int b, int c)
    {
        var n = b + c;
        var k = Math.Min(b, c);
        if (n == 0)
        {
            return (1, 1);
        }

        if (n <= ExactBelow)
        {
            // Whole numbers: C(60, 30) < 2^60, and dividing by 2^n is exact in binary.
            ulong choose = 1, below = 1;
            for (var i = 1; i <= k; i++)
            {
                choose = choose * (ulong)(n - i + 1) / (ulong)i;
                below += choose;
            }

            return (Math.Min(1, Math.ScaleB(2.0 * below, -n)), Math.Min(1, Math.ScaleB((2.0 * below) - choose, -n)));
        }

        var logChoose = 0.0;
        for (var i = 1; i <= k; i++)
        {
            logChoose += Math.Log((n - k + i) / (double)i);
        }

        var atK = Math.Exp(logChoose - (n * Math.Log(2)));
        double sum = 1, term = 1;
        for (var i = k; i > 0; i--)
        {
            term *= i / (double)(n - i + 1);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        var tail = atK * sum;
        return (Math.Min(1, 2 * tail), Math.Min(1, 2 * (tail - (atK / 2))));
    }

    /// <summary>
    /// Newcombe's square-and-add interval (method 10 of Newcombe 1998) for the difference of two paired proportions,
    /// candidate minus baseline, at 95%: the Wilson intervals of the two accuracies combined with the correlation of the
    /// paired outcomes.
    /// </summary>
    /// <remarks>
    /// With n cases, e both passed, f candidate only, g baseline only, h neither: p1 = (e + f)/n (candidate),
    /// p2 = (e + g)/n (baseline), θ = p1 − p2 = (f − g)/n, [l1, u1] and [l2, u2] their Wilson intervals, and φ the
    /// correlation (eh − fg)/√((e + f)(g + h)(e + g)(f + h)), with its numerator lowered by n/2 when above n/2, 0 when
    /// from 0 to n/2, and 0 when a margin is empty. Then
    /// L = θ − √((p1 − l1)² − 2φ(p1 − l1)(u2 − p2) + (u2 − p2)²) and
    /// U = θ + √((u1 − p1)² − 2φ(u1 − p1)(p2 − l2) + (p2 − l2)²).
    /// </remarks>
    public static ConfidenceInterval NewcombeDifference(PairedOutcomes table)
    {
        double e = table.BothPassed, f = table.CandidateOnly, g = table.BaselineOnly, h = table.NeitherPassed;
        var n = e + f + g + h;
        if (n == 0)
        {
            return new ConfidenceInterval(-1, 1, 0.95);
        }

        var p1 = (e + f) / n;
        var p2 = (e + g) / n;
        var theta = (f - g) / n;
        var candidate = Statistics.Wilson(table.BothPassed + table.CandidateOnly, table.Cases);
        var baseline = Statistics.Wilson(table.BothPassed + table.BaselineOnly, table.Cases);
        var phi = 0.0;
        var margins = (e + f) * (g + h) * (e + g) * (f + h);
        if (margins > 0)
        {
            var a = (e * h) - (f * g);
            phi = a > n / 2 ? (a - (n / 2)) / Math.Sqrt(margins) : a >= 0 ? 0 : a / Math.Sqrt(margins);
        }

        var (dl1, du1) = (p1 - candidate.Lower, candidate.Upper - p1);
        var (dl2, du2) = (p2 - baseline.Lower, baseline.Upper - p2);
        var lower = theta - Math.Sqrt(Math.Max(0, (dl1 * dl1) - (2 * phi * dl1 * du2) + (du2 * du2)));
        var upper = theta + Math.Sqrt(Math.Max(0, (du1 * du1) - (2 * phi * du1 * dl2) + (dl2 * dl2)));
        return new ConfidenceInterval(Math.Max(-1, lower), Math.Min(1, upper), 0.95);
    }
}
