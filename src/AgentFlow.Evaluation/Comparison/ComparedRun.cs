namespace AgentFlow.Evaluation;

/// <summary>One side of a comparison: what identifies the run, and its numbers on the compared cases.</summary>
public sealed record ComparedRun
{
    /// <summary>Gets the run's id in the eval history it was loaded from; <see langword="null"/> for a report compared as it is.</summary>
    public long? RunId { get; init; }

    /// <summary>Gets the evaluation's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the name of the task or flow that was evaluated.</summary>
    public required string TaskName { get; init; }

    /// <summary>Gets the scorer's name.</summary>
    public required string Scorer { get; init; }

    /// <summary>Gets the eval set's name.</summary>
    public required string DatasetName { get; init; }

    /// <summary>Gets the eval set's content hash.</summary>
    public required string DatasetHash { get; init; }

    /// <summary>Gets when the evaluation started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets the run's labels, sorted by key.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Gets every prompt version the task's model calls used.</summary>
    public required IReadOnlyList<PromptVersion> Prompts { get; init; }

    /// <summary>Gets every model id the task's model calls reported.</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>Gets how many cases the run had, compared or not.</summary>
    public required int TotalCases { get; init; }

    /// <summary>
    /// Gets the run's numbers on the compared cases only: accuracy and its Wilson interval, errors, latency percentiles,
    /// tokens and cost. When both runs are on the same dataset, these are the report's own summary.
    /// </summary>
    public required EvalSummary Summary { get; init; }

    /// <inheritdoc />
    public override string ToString()
        => (RunId is { } id ? $"#{id} " : string.Empty) + Name
           + (Prompts.Count > 0 ? " [" + string.Join(", ", Prompts) + "]" : string.Empty)
           + (Models.Count > 0 ? " (" + string.Join(", ", Models) + ")" : string.Empty);
}
