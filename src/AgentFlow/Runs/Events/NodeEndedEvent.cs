namespace AgentFlow;

/// <summary>A node ended: succeeded, failed or was cancelled.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Node">The node's record.</param>
public sealed record NodeEndedEvent(string RunId, DateTimeOffset Timestamp, NodeRecord Node) : RunEvent(RunId, Timestamp);
