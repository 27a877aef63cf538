using System.Globalization;

namespace AgentFlow.Evaluation;

/// <summary>
/// A run saved in an <see cref="EvalHistory"/>, as listed: its id, what identifies it and its summary, without its
/// cases (<see cref="EvalHistory.LoadAsync"/> gives the whole report).
/// </summary>
public sealed record EvalRunInfo
{
    /// <summary>Gets the run's id in the history: given when it was saved, never given again after it is deleted.</summary>
    public required long RunId { get; init; }

    /// <summary>Gets when the run was saved, from <see cref="EvalHistoryOptions.TimeProvider"/>.</summary>
    public required DateTimeOffset SavedAt { get; init; }

    /// <summary>Gets the evaluation's name (<see cref="EvalReport.Name"/>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the name of the task or flow that was evaluated.</summary>
    public required string TaskName { get; init; }

    /// <summary>Gets the scorer's name.</summary>
    public required string Scorer { get; init; }

    /// <summary>Gets the eval set's name.</summary>
    public required string DatasetName { get; init; }

    /// <summary>Gets the eval set's content hash.</summary>
    public required string DatasetHash { get; init; }

    /// <summary>Gets the run's labels, sorted by key.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Gets when the evaluation started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets how long the evaluation took.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Gets every prompt version the task's model calls used.</summary>
    public required IReadOnlyList<PromptVersion> Prompts { get; init; }

    /// <summary>Gets every model id the task's model calls reported.</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>Gets the numbers of all the run's cases.</summary>
    public required EvalSummary Summary { get; init; }

    /// <inheritdoc />
    public override string ToString()
        => string.Create(
            CultureInfo.InvariantCulture,
            $"#{RunId} {Name} on {DatasetName} at {StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: {Summary.Passed}/{Summary.Cases} passed ({Summary.Accuracy * 100:0.0}%)");
}
