namespace AgentFlow;

/// <summary>Something that happened in a run, streamed while it runs (see <see cref="FlowTask{TIn, TOut}.StreamAsync"/>).</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Timestamp">When it happened.</param>
public abstract record RunEvent(string RunId, DateTimeOffset Timestamp);
