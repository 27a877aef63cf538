namespace AgentFlow.Evaluation;

/// <summary>
/// The 2×2 table of a comparison's paired cases: whether each case passed in the baseline and in the candidate. A case
/// that failed or was an error counts as not passed.
/// </summary>
/// <param name="BothPassed">Cases that passed in both runs.</param>
/// <param name="BaselineOnly">Cases that passed in the baseline only: regressions (<c>b</c> in the McNemar test).</param>
/// <param name="CandidateOnly">Cases that passed in the candidate only: improvements (<c>c</c> in the McNemar test).</param>
/// <param name="NeitherPassed">Cases that passed in neither run.</param>
public sealed record PairedOutcomes(int BothPassed, int BaselineOnly, int CandidateOnly, int NeitherPassed)
{
    /// <summary>Gets how many cases were paired.</summary>
    public int Cases => BothPassed + BaselineOnly + CandidateOnly + NeitherPassed;

    /// <summary>Gets how many cases passed in one run only: the discordant pairs the McNemar test is about.</summary>
    public int Discordant => BaselineOnly + CandidateOnly;
}
