namespace AgentFlow;

/// <summary>The run succeeded; this is the last event of the stream.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Record">The run record.</param>
/// <param name="Output">The run's output.</param>
public sealed record RunCompletedEvent(string RunId, DateTimeOffset Timestamp, RunRecord Record, object? Output) : RunEvent(RunId, Timestamp);
