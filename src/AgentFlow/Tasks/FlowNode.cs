namespace AgentFlow;

/// <summary>
/// A node of a flow definition: a task or a control flow, with a stable name.
/// </summary>
/// <remarks>
/// Nodes are immutable once built and can be shared: the same task may appear in several flows, and its
/// run-time path depends on where it runs. Instances are thread-safe.
/// </remarks>
public abstract class FlowNode
{
    private protected FlowNode(string name, NodeKind kind)
    {
        NodeNames.ThrowIfInvalid(name, kind);
        Name = name;
        Kind = kind;
    }

    /// <summary>Gets the stable name of the node; it is one segment of every node path below it.</summary>
    public string Name { get; }

    /// <summary>Gets what kind of node this is.</summary>
    public NodeKind Kind { get; }

    /// <summary>Describes this node and everything below it, with the definition path of each node.</summary>
    /// <returns>A tree of descriptions rooted at this node.</returns>
    public NodeDescription Describe() => DescribeCore(Name);

    /// <summary>Renders this node and everything below it as a Mermaid flowchart.</summary>
    /// <returns>The Mermaid source, starting with <c>flowchart TD</c>.</returns>
    public string ToMermaid() => MermaidRenderer.Render(Describe());

    /// <inheritdoc />
    public override string ToString() => $"{Kind} '{Name}'";

    internal abstract NodeDescription DescribeCore(string path);

    /// <summary>Checks this node's own rules and those of its children, adding one error per broken rule.</summary>
    internal virtual void Validate(DefinitionValidator validator, string path)
    {
    }
}
