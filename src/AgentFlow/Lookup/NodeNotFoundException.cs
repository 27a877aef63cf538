namespace AgentFlow;

/// <summary>
/// No node is at the path asked for (<see cref="FlowNode.FindNode"/>, <see cref="FlowNode.TaskAt{TIn, TOut}"/>). The
/// message, and <see cref="NearestPaths"/>, list the paths that exist and are closest to it.
/// </summary>
public sealed class NodeNotFoundException : KeyNotFoundException
{
    internal NodeNotFoundException(string path, IReadOnlyList<string> nearestPaths, string message)
        : base(message)
    {
        Path = path;
        NearestPaths = nearestPaths;
    }

    /// <summary>Gets the path that was asked for.</summary>
    public string Path { get; }

    /// <summary>Gets the definition paths that exist and are closest to <see cref="Path"/>, nearest first.</summary>
    public IReadOnlyList<string> NearestPaths { get; }
}
