namespace AgentFlow;

/// <summary>A model answer that was not one of the declared cases, and why.</summary>
/// <param name="Attempt">The attempt it came from, starting at 1.</param>
/// <param name="Reason">Why it was rejected (unparseable JSON, unknown choice, confidence out of range).</param>
/// <param name="Reply">The model's reply text.</param>
public sealed record RejectedAnswer(int Attempt, string Reason, string Reply);
