namespace AgentFlow.Evaluation;

/// <summary>
/// The exact McNemar test of paired pass/fail outcomes. Only the discordant pairs say anything about a difference:
/// with <c>b</c> cases passed by the baseline only and <c>c</c> by the candidate only, if neither run is better each
/// discordant case is equally likely to be either kind, so <c>b</c> follows a binomial distribution with
/// <c>n = b + c</c> trials and probability 1/2. The two-sided p-value is
/// <c>min(1, 2 · Σ_{i=0}^{min(b,c)} C(n, i) / 2ⁿ)</c>, computed exactly (in log space, so thousands of cases neither
/// overflow nor lose precision).
/// </summary>
/// <param name="BaselineOnly"><c>b</c>: the cases passed by the baseline only.</param>
/// <param name="CandidateOnly"><c>c</c>: the cases passed by the candidate only.</param>
/// <param name="PValue">The exact two-sided p-value; 1 when no case is discordant.</param>
/// <param name="MidPValue">
/// The mid-p value: the exact p-value less the probability of the observed <c>min(b, c)</c>, at most 1. Less conservative
/// than the exact test (Fagerland, Lydersen and Laake 2013); given for reference, the verdict uses <see cref="PValue"/>.
/// </param>
public sealed record McNemarTest(int BaselineOnly, int CandidateOnly, double PValue, double MidPValue)
{
    /// <summary>Gets the number of discordant pairs, <c>b + c</c>.</summary>
    public int Discordant => BaselineOnly + CandidateOnly;

    /// <summary>Runs the exact test on the discordant pairs.</summary>
    /// <param name="baselineOnly"><c>b</c>: the cases passed by the baseline only.</param>
    /// <param name="candidateOnly"><c>c</c>: the cases passed by the candidate only.</param>
    /// <returns>The test, with its p-values.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static McNemarTest Exact(int baselineOnly, int candidateOnly)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baselineOnly);
        ArgumentOutOfRangeException.ThrowIfNegative(candidateOnly);
        var (p, midP) = PairedStatistics.McNemarExact(baselineOnly, candidateOnly);
        return new McNemarTest(baselineOnly, candidateOnly, p, midP);
    }
}
