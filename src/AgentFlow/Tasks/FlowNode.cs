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

    /// <summary>Finds the node at a path of this node's tree, as it is defined.</summary>
    /// <param name="path">
    /// A definition path as <see cref="Describe"/> lists them, starting with this node's name (<c>support/triage</c>,
    /// <c>support/route[Billing]/refund</c>), or a run-time path naming loop iterations and map items
    /// (<c>support/refine#2/draft</c>), as node records and errors give them.
    /// </param>
    /// <returns>The node; a task that runs through a resilience pipeline is returned with its pipeline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="NodeNotFoundException">No node is at <paramref name="path"/>; the message lists the nearest paths.</exception>
    public FlowNode FindNode(string path) => NodeLookup.Find(this, path).Node;

    /// <summary>
    /// Gets the task at a path of this node's tree, ready to run on its own at the same path as in a run of this node:
    /// the containers above it are entered without running, so its node records, errors, route decisions and model
    /// calls carry the paths they have in the whole flow, and a <c>ScriptedChatClient</c> rule written for the whole
    /// flow still matches.
    /// </summary>
    /// <typeparam name="TIn">The task's input type.</typeparam>
    /// <typeparam name="TOut">The task's output type.</typeparam>
    /// <param name="path">
    /// The task's definition path (<c>support/route[Billing]/refund</c>), or a run-time path naming loop iterations and
    /// map items (<c>support/refine#2/draft</c>), which the task then runs at. Without an index, a task in a loop or a map
    /// runs at its definition path (<c>support/refine/draft</c>).
    /// </param>
    /// <returns>
    /// The task: this node itself for its own name, otherwise a task with the same name, kind, input and output that runs
    /// the node found. Its <see cref="Describe"/> gives the node's description at its path in this tree.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="NodeNotFoundException">No node is at <paramref name="path"/>; the message lists the nearest paths.</exception>
    /// <exception cref="NodeTypeMismatchException">The node there has other input or output types; the message names them.</exception>
    public FlowTask<TIn, TOut> TaskAt<TIn, TOut>(string path)
    {
        var location = NodeLookup.Find(this, path);
        if (location.Node is not FlowTask<TIn, TOut> task)
        {
            var types = TaskTypes(location.Node);
            throw new NodeTypeMismatchException(path, location.Node, types[0], types[1], typeof(TIn), typeof(TOut));
        }

        return location.Prefix.Length == 0 ? task : new RootedTask<TIn, TOut>(task, location.Prefix);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} '{Name}'";

    internal abstract NodeDescription DescribeCore(string path);

    /// <summary>Gets the run-time path this node has when a run starts at it: its name, or its path in a flow for a task from <see cref="TaskAt{TIn, TOut}"/>.</summary>
    internal virtual string RootPath => Name;

    /// <summary>Adds this node, then every node below it, each with its definition path, in definition order.</summary>
    internal virtual void CollectNodes(List<(string Path, FlowNode Node)> nodes, string path) => nodes.Add((path, this));

    /// <summary>The input and output types of a task: every node is a <see cref="FlowTask{TIn, TOut}"/>.</summary>
    private static Type[] TaskTypes(FlowNode node)
    {
        var type = node.GetType();
        while (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(FlowTask<,>))
        {
            type = type.BaseType!;
        }

        return type.GetGenericArguments();
    }

    /// <summary>Checks this node's own rules and those of its children, adding one error per broken rule.</summary>
    internal virtual void Validate(DefinitionValidator validator, string path)
    {
    }
}
