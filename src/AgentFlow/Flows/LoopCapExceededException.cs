namespace AgentFlow;

/// <summary>A loop ran its body as many times as its cap allows without its exit condition holding, and declared no cap fallback.</summary>
public sealed class LoopCapExceededException : FlowRunException
{
    internal LoopCapExceededException(string nodePath, int maxIterations)
        : base(
            nodePath,
            $"Loop '{nodePath}' reached its cap of {maxIterations} iteration(s) without its exit condition holding. "
            + "Raise .MaxIterations(...), check the condition, or declare .OnCapReached(last => ...) to accept the last value explicitly.")
    {
        MaxIterations = maxIterations;
    }

    /// <summary>Gets the loop's cap.</summary>
    public int MaxIterations { get; }
}
