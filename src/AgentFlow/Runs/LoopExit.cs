namespace AgentFlow;

/// <summary>Why a loop stopped.</summary>
public enum LoopExit
{
    /// <summary>The exit condition held.</summary>
    Condition,

    /// <summary>The cap was reached and the loop's declared cap fallback produced the output.</summary>
    CapFallback,

    /// <summary>The cap was reached with no fallback declared; the run failed with <see cref="LoopCapExceededException"/>.</summary>
    CapExceeded,

    /// <summary>The body or the condition failed, or the run was cancelled.</summary>
    Failed,
}
