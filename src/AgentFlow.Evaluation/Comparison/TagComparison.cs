namespace AgentFlow.Evaluation;

/// <summary>
/// The comparison of the paired cases with one tag. Its p-value is not adjusted for the number of tags compared: with
/// many tags, some will look significant by chance. Treat it as a pointer to where to look, not as a finding.
/// </summary>
/// <param name="Cases">How many paired cases have the tag (in either run).</param>
/// <param name="BaselinePassed">How many of them passed in the baseline.</param>
/// <param name="CandidatePassed">How many of them passed in the candidate.</param>
/// <param name="Improved">How many passed in the candidate only.</param>
/// <param name="Regressed">How many passed in the baseline only.</param>
/// <param name="PValue">The exact McNemar p-value of the tag's discordant cases, unadjusted.</param>
public sealed record TagComparison(int Cases, int BaselinePassed, int CandidatePassed, int Improved, int Regressed, double PValue)
{
    /// <summary>Gets the baseline's accuracy on the tag's cases.</summary>
    public double BaselineAccuracy => Cases == 0 ? 0 : BaselinePassed / (double)Cases;

    /// <summary>Gets the candidate's accuracy on the tag's cases.</summary>
    public double CandidateAccuracy => Cases == 0 ? 0 : CandidatePassed / (double)Cases;

    /// <summary>Gets the candidate's accuracy less the baseline's, from −1 to 1.</summary>
    public double AccuracyDelta => Cases == 0 ? 0 : (Improved - Regressed) / (double)Cases;
}
