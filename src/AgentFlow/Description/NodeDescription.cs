namespace AgentFlow;

/// <summary>
/// A read-only description of a node and its children, for introspection, documentation and diagrams
/// (see <see cref="FlowNode.Describe"/> and <see cref="FlowNode.ToMermaid"/>).
/// </summary>
public sealed class NodeDescription
{
    internal NodeDescription(string name, NodeKind kind, string path, Type input, Type output, IReadOnlyList<NodeDescription> children)
    {
        Name = name;
        Kind = kind;
        Path = path;
        InputType = TypeNames.Display(input);
        OutputType = TypeNames.Display(output);
        Children = children;
    }

    /// <summary>Gets the node's name.</summary>
    public string Name { get; }

    /// <summary>Gets the node's kind.</summary>
    public NodeKind Kind { get; }

    /// <summary>Gets the node's definition path.</summary>
    public string Path { get; }

    /// <summary>Gets the input type, as C# would write it.</summary>
    public string InputType { get; }

    /// <summary>Gets the output type, as C# would write it.</summary>
    public string OutputType { get; }

    /// <summary>
    /// Gets the children: the steps of a flow, the branches of a parallel, the item task of a map, the cases of a
    /// branch (each with its <see cref="CaseLabel"/>), the body of a loop.
    /// </summary>
    public IReadOnlyList<NodeDescription> Children { get; }

    /// <summary>Gets the case label when this node is a case of a branch; <c>default</c> for the default case.</summary>
    public string? CaseLabel { get; init; }

    /// <summary>Gets a value indicating whether a branch or a loop exit is decided by an LLM.</summary>
    public bool DecidedByLlm { get; init; }

    /// <summary>Gets the label of the declared fallback of an LLM decision, if any.</summary>
    public string? Fallback { get; init; }

    /// <summary>Gets the iteration cap of a loop.</summary>
    public int? MaxIterations { get; init; }

    /// <summary>Gets the maximum degree of parallelism of a map.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Gets how a parallel or a map handles a failing branch.</summary>
    public ParallelFailureMode? FailureMode { get; init; }

    /// <summary>Gets more about the node: a handler type, a loop's cap fallback, a prompt's name, version and hash.</summary>
    public string? Detail { get; init; }

    /// <summary>Gets the names of the tools an agent task's model may call, or the tool a tool task calls; empty for other nodes.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>Gets the versioned prompt a prompt or agent task renders; <see langword="null"/> for other nodes.</summary>
    public Prompt? Prompt { get; init; }

    /// <summary>Gets the judge prompt of a prompt or agent task that samples several replies (<see cref="PromptTaskOptions.Judge"/>), if any.</summary>
    public Prompt? JudgePrompt { get; init; }

    /// <summary>Gets the hash of a prompt or agent task's few-shot examples (<see cref="PromptTask{TIn, TOut}.ExamplesHash"/>), if it has any.</summary>
    public string? ExamplesHash { get; init; }

    internal static NodeDescription Leaf(FlowNode node, string path, Type input, Type output, string? detail = null, IReadOnlyList<string>? tools = null)
        => new(node.Name, node.Kind, path, input, output, []) { Detail = detail, Tools = tools ?? [] };

    internal NodeDescription AsCase(string label) => Copy(label, Detail);

    /// <summary>A copy whose <see cref="Detail"/> ends with <paramref name="extra"/>.</summary>
    internal NodeDescription WithDetail(string extra) => Copy(CaseLabel, Detail is null ? extra : $"{Detail}; {extra}");

    private NodeDescription Copy(string? label, string? detail) => new(Name, Kind, Path, InputType, OutputType, Children)
    {
        CaseLabel = label,
        DecidedByLlm = DecidedByLlm,
        Fallback = Fallback,
        MaxIterations = MaxIterations,
        MaxDegreeOfParallelism = MaxDegreeOfParallelism,
        FailureMode = FailureMode,
        Detail = detail,
        Tools = Tools,
        Prompt = Prompt,
        JudgePrompt = JudgePrompt,
        ExamplesHash = ExamplesHash,
    };

    private NodeDescription(string name, NodeKind kind, string path, string input, string output, IReadOnlyList<NodeDescription> children)
    {
        Name = name;
        Kind = kind;
        Path = path;
        InputType = input;
        OutputType = output;
        Children = children;
    }
}
