namespace AgentFlow;

/// <summary>Something that happened in a run, streamed while it runs (see <see cref="FlowTask{TIn, TOut}.StreamAsync"/>).</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
public abstract record RunEvent(string RunId, DateTimeOffset Timestamp);

/// <summary>The run started.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="FlowName">The name of the task or flow being run.</param>
public sealed record RunStartedEvent(string RunId, DateTimeOffset Timestamp, string FlowName) : RunEvent(RunId, Timestamp);

/// <summary>A node started.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Path">The node's run-time path.</param>
/// <param name="Kind">The node's kind.</param>
public sealed record NodeStartedEvent(string RunId, DateTimeOffset Timestamp, string Path, NodeKind Kind) : RunEvent(RunId, Timestamp);

/// <summary>A node ended: succeeded, failed or was cancelled.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Node">The node's record.</param>
public sealed record NodeEndedEvent(string RunId, DateTimeOffset Timestamp, NodeRecord Node) : RunEvent(RunId, Timestamp);

/// <summary>A branch chose a route, or a loop decided whether to go on.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Decision">The decision.</param>
public sealed record RouteChosenEvent(string RunId, DateTimeOffset Timestamp, RouteDecision Decision) : RunEvent(RunId, Timestamp);

/// <summary>A loop ended.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Loop">The loop's record.</param>
public sealed record LoopEndedEvent(string RunId, DateTimeOffset Timestamp, LoopRecord Loop) : RunEvent(RunId, Timestamp);

/// <summary>The run succeeded; this is the last event of the stream.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Record">The run record.</param>
/// <param name="Output">The run's output.</param>
public sealed record RunCompletedEvent(string RunId, DateTimeOffset Timestamp, RunRecord Record, object? Output) : RunEvent(RunId, Timestamp);

/// <summary>The run failed; this is the last event, after which the stream throws <see cref="Error"/>.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Record">The run record.</param>
/// <param name="Error">The error that ended the run.</param>
public sealed record RunFailedEvent(string RunId, DateTimeOffset Timestamp, RunRecord Record, FlowRunException Error) : RunEvent(RunId, Timestamp);
