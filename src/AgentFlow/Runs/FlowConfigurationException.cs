namespace AgentFlow;

/// <summary>A node could not run because something it needs was not configured: a chat client, a service, a handler.</summary>
public sealed class FlowConfigurationException : FlowRunException
{
    /// <param name="nodePath">The run-time path of the node.</param>
    /// <param name="message">What is missing and how to provide it.</param>
    internal FlowConfigurationException(string nodePath, string message)
        : base(nodePath, message)
    {
    }
}
