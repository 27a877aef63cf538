namespace AgentFlow;

/// <summary>The run was cancelled by its caller; this is the last event, after which the stream throws <see cref="OperationCanceledException"/>.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Record">The run record, with <see cref="RunStatus.Cancelled"/> and what ran before the cancellation.</param>
public sealed record RunCancelledEvent(string RunId, DateTimeOffset Timestamp, RunRecord Record) : RunEvent(RunId, Timestamp);
