namespace AgentFlow;

/// <summary>What an agent task does when a tool call fails: the tool is not allowed, its arguments do not bind, or it throws.</summary>
public enum ToolErrorBehavior
{
    /// <summary>
    /// The error's text is sent back to the model as the tool's result, so the model can correct the call or do without
    /// it. The failed call is recorded in <see cref="RunRecord.ToolCalls"/>.
    /// </summary>
    ReturnToModel,

    /// <summary>The task fails with a <see cref="FlowTaskException"/> naming the node path and the tool; its inner exception is the original one.</summary>
    FailTask,
}
