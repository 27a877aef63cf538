namespace AgentFlow;

/// <summary>A node started.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Path">The node's run-time path.</param>
/// <param name="Kind">The node's kind.</param>
public sealed record NodeStartedEvent(string RunId, DateTimeOffset Timestamp, string Path, NodeKind Kind) : RunEvent(RunId, Timestamp);
