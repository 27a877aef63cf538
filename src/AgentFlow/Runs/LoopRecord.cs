namespace AgentFlow;

/// <summary>How one execution of a loop ended.</summary>
/// <param name="Path">The run-time path of the loop.</param>
/// <param name="Iterations">How many times the body ran.</param>
/// <param name="MaxIterations">The loop's cap.</param>
/// <param name="Exit">Why the loop stopped.</param>
public sealed record LoopRecord(string Path, int Iterations, int MaxIterations, LoopExit Exit);
