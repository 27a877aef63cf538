namespace AgentFlow;

/// <summary>
/// A node of a flow run on its own at the path it has in that flow (<see cref="FlowNode.TaskAt{TIn, TOut}"/>): the
/// containers above it become the frames of the run without running, so its path, the paths below it, and the
/// paths its model calls are made from are the same as in a run of the whole flow.
/// </summary>
internal sealed class RootedTask<TIn, TOut> : FlowTask<TIn, TOut>
{
    private readonly FlowTask<TIn, TOut> _inner;
    private readonly PathSegment[] _prefix;
    private readonly string _definitionPrefix;
    private readonly string _runPrefix;

    public RootedTask(FlowTask<TIn, TOut> inner, PathSegment[] prefix)
        : base(inner.Name, inner.Kind)
    {
        _inner = inner;
        _prefix = prefix;
        _definitionPrefix = PathSegment.DefinitionPath(prefix);
        _runPrefix = PathSegment.RunPath(prefix);
    }

    // Transparent: the node itself records, traces and wraps its failures, at its full path; this adds nothing.
    private protected override bool Transparent => true;

    internal override string RootPath => $"{_runPrefix}/{Name}";

    internal override NodeDescription DescribeCore(string path)
    {
        var description = _inner.DescribeCore(InFlow(path));
        return _prefix[^1].Label is { } label ? description.AsCase(label) : description;
    }

    internal override void Validate(DefinitionValidator validator, string path) => _inner.Validate(validator, InFlow(path));

    internal override void CollectNodes(List<(string Path, FlowNode Node)> nodes, string path) => _inner.CollectNodes(nodes, InFlow(path));

    private protected override ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        var frame = parent;
        foreach (var segment in _prefix)
        {
            frame = new NodeFrame(frame, segment.Name, segment.Label, segment.Index ?? -1);
        }

        return _inner.ExecuteAsync(input, frame, run, cancellationToken);
    }

    /// <summary>The path of the node where this task is placed (<c>x</c>, or <c>outer/x</c>), with the flow's containers put back above it.</summary>
    private string InFlow(string path) => $"{path[..^Name.Length]}{_definitionPrefix}/{Name}";
}
