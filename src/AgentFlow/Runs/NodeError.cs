namespace AgentFlow;

/// <summary>A failure at one node, with the exception that the node's own code threw.</summary>
/// <param name="Path">The run-time path of the node.</param>
/// <param name="Exception">The original exception (not a wrapper).</param>
public sealed record NodeError(string Path, Exception Exception);
