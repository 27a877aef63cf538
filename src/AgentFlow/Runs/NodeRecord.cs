namespace AgentFlow;

/// <summary>One execution of one node in a run.</summary>
/// <param name="Path">The run-time path, with loop iterations and item indices (<c>support/refine#2/draft</c>).</param>
/// <param name="DefinitionPath">The definition path, without indices (<c>support/refine/draft</c>).</param>
/// <param name="Kind">The kind of node.</param>
/// <param name="StartedAt">When the node started.</param>
/// <param name="Duration">How long it ran.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Error">What it threw, when it failed; for a task, a <see cref="FlowTaskException"/> whose inner exception is the original.</param>
public sealed record NodeRecord(
    string Path,
    string DefinitionPath,
    NodeKind Kind,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    NodeStatus Status,
    Exception? Error)
{
    /// <summary>
    /// Gets what the node returned, when it succeeded and the run kept outputs (<see cref="RunOptions.RecordOutputs"/>);
    /// otherwise <see langword="null"/>. Outputs of model-backed nodes are model output: treat them as sensitive.
    /// </summary>
    public object? Output { get; init; }

    /// <summary>Gets when the node ended.</summary>
    public DateTimeOffset EndedAt => StartedAt + Duration;
}
