namespace AgentFlow.Evaluation;

/// <summary>A case whose class differs between the two analyses of a comparison.</summary>
/// <param name="Id">The case's id.</param>
/// <param name="Category">The case's category, if any.</param>
/// <param name="Baseline">Its class in the baseline.</param>
/// <param name="Candidate">Its class in the candidate.</param>
public sealed record CaseChange(string Id, string? Category, CompositionOutcome Baseline, CompositionOutcome Candidate)
{
    /// <inheritdoc />
    public override string ToString() => $"{Id}: {Baseline} -> {Candidate}";
}
