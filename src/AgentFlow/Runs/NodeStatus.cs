namespace AgentFlow;

/// <summary>How one execution of a node ended.</summary>
public enum NodeStatus
{
    /// <summary>The node produced its output.</summary>
    Succeeded,

    /// <summary>The node threw.</summary>
    Failed,

    /// <summary>The node was cancelled: the run was cancelled, or a sibling branch failed first.</summary>
    Cancelled,
}
