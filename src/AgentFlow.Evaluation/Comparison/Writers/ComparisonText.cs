using System.Globalization;

namespace AgentFlow.Evaluation;

/// <summary>The words of a comparison's files beyond its <see cref="EvalComparison.Conclusion"/>, shared by the HTML page and the JUnit file.</summary>
internal static class ComparisonText
{
    /// <summary>What the p-value means for these counts, in words that claim no more than the test does.</summary>
    public static string Meaning(EvalComparison comparison)
    {
        var test = comparison.McNemar;
        var level = comparison.SignificanceLevel.ToString(CultureInfo.InvariantCulture);
        if (test.Discordant == 0)
        {
            return "No case changed outcome, so the exact McNemar test has nothing to go on (p=1). This does not show that the runs are equal: "
                   + "the cases may be too few, or too easy or too hard for both, to tell them apart.";
        }

        var probability = test.PValue < 0.001 ? "less than 0.001" : test.PValue.ToString("G3", CultureInfo.InvariantCulture);
        var split = $"If the runs were equally good, a split of the {ReportText.Count(test.Discordant)} discordant case{(test.Discordant == 1 ? string.Empty : "s")} "
                    + $"at least as uneven as {ReportText.Count(test.CandidateOnly)} improved to {ReportText.Count(test.BaselineOnly)} regressed would happen with probability {probability}";
        var verdict = comparison.Verdict == ComparisonVerdict.NoSignificantDifference
            ? $"{split}, not below the significance level {level} (exact McNemar test, two-sided): the difference may be chance. This does not show that the runs are equal; more cases would tell them apart better."
            : $"{split}, below the significance level {level} (exact McNemar test, two-sided): on cases like these, the difference is unlikely to be chance.";
        var other = comparison.Verdict == ComparisonVerdict.CandidateBetter ? test.BaselineOnly : test.CandidateOnly;
        if (comparison.Verdict != ComparisonVerdict.NoSignificantDifference && other > 0)
        {
            verdict += $" Read the {ReportText.Count(other)} {(comparison.Verdict == ComparisonVerdict.CandidateBetter ? "regressed" : "improved")} case{(other == 1 ? string.Empty : "s")} too.";
        }

        return verdict + Disagreement(comparison);
    }

    /// <summary><c>+</c>, <c>-</c> or <c>±</c> for a sign of 1, −1 or 0.</summary>
    public static string Sign(int sign) => sign > 0 ? "+" : sign < 0 ? "-" : "±";

    /// <summary>
    /// A sentence when Newcombe's interval and the exact test disagree about 0, which happens near the significance level
    /// with few discordant cases: the reader sees both numbers, and should know which one the verdict follows.
    /// </summary>
    private static string Disagreement(EvalComparison comparison)
    {
        var interval = comparison.AccuracyDeltaInterval;
        var excludesZero = interval.Lower > 0 || interval.Upper < 0;
        var significant = comparison.Verdict != ComparisonVerdict.NoSignificantDifference;
        // The interval is at 95%: it says nothing about a test at another level.
        return excludesZero == significant || comparison.McNemar.Discordant == 0 || Math.Abs(comparison.SignificanceLevel - 0.05) > 1e-12 ? string.Empty
            : excludesZero
                ? " The 95% interval of the difference does not include 0, but it is an approximation; the verdict follows the exact test, which is more cautious with few discordant cases."
                : " The 95% interval of the difference includes 0, but it is an approximation; the verdict follows the exact test.";
    }
}
