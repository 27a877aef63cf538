namespace AgentFlow;

/// <summary>The run started.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="FlowName">The name of the task or flow being run.</param>
public sealed record RunStartedEvent(string RunId, DateTimeOffset Timestamp, string FlowName) : RunEvent(RunId, Timestamp);
