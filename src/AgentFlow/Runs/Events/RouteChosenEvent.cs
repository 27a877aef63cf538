namespace AgentFlow;

/// <summary>A branch chose a route, or a loop decided whether to go on.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Decision">The decision.</param>
public sealed record RouteChosenEvent(string RunId, DateTimeOffset Timestamp, RouteDecision Decision) : RunEvent(RunId, Timestamp);
