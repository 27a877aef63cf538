namespace AgentFlow;

/// <summary>A loop ended.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Loop">The loop's record.</param>
public sealed record LoopEndedEvent(string RunId, DateTimeOffset Timestamp, LoopRecord Loop) : RunEvent(RunId, Timestamp);
