namespace AgentFlow;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>The run produced its output.</summary>
    Succeeded,

    /// <summary>A node failed and the run ended with a <see cref="FlowRunException"/>.</summary>
    Failed,

    /// <summary>The run was cancelled by its caller.</summary>
    Cancelled,
}
