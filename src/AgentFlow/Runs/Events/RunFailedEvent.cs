namespace AgentFlow;

/// <summary>The run failed; this is the last event, after which the stream throws <see cref="Error"/>.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Record">The run record.</param>
/// <param name="Error">The error that ended the run.</param>
public sealed record RunFailedEvent(string RunId, DateTimeOffset Timestamp, RunRecord Record, FlowRunException Error) : RunEvent(RunId, Timestamp);
