namespace AgentFlow.Evaluation;

/// <summary>
/// The numbers of one listed sub-task or route over the cases of an analysis whose runs completed: how often it was
/// right, and how often it was the first step of its case to go wrong.
/// </summary>
public sealed record NodeStatistics
{
    /// <summary>Gets the path the cases name.</summary>
    public required string Path { get; init; }

    /// <summary>Gets whether it is a sub-task or a route.</summary>
    public required StepKind Kind { get; init; }

    /// <summary>Gets how many cases (of completed runs) it was known to be right or wrong in.</summary>
    public required int Cases { get; init; }

    /// <summary>Gets how many of those it was right in.</summary>
    public required int Right { get; init; }

    /// <summary>Gets <see cref="Right"/> / <see cref="Cases"/>, or <see langword="null"/> when <see cref="Cases"/> is 0.</summary>
    public double? Accuracy => Cases == 0 ? null : Right / (double)Cases;

    /// <summary>Gets how many cases it was the first step to go wrong in, in the run's execution order.</summary>
    public required int FirstWrong { get; init; }

    /// <summary>Gets how many cases its scorer could not score.</summary>
    public required int ScoringFailed { get; init; }

    /// <summary>Gets how many runs failed at it (for a sub-task, at it or at a node below it).</summary>
    public required int TaskFailures { get; init; }
}
