namespace AgentFlow;

/// <summary>
/// One container on the run-time path of a node: a flow, a chosen branch case, a loop iteration or a map item.
/// Paths are built lazily, so a run that records nothing pays one small object per container, not a string per step.
/// </summary>
internal sealed class NodeFrame
{
    private readonly NodeFrame? _parent;
    private readonly string _name;
    private readonly string? _label;
    private readonly int _index;
    private string? _path;
    private string? _definitionPath;

    /// <param name="parent">The enclosing frame, or <see langword="null"/> at the root of a run.</param>
    /// <param name="name">The container node's name.</param>
    /// <param name="label">A branch case label, rendered as <c>name[label]</c>.</param>
    /// <param name="index">A loop iteration or map item index, rendered as <c>name#index</c>; negative for none.</param>
    public NodeFrame(NodeFrame? parent, string name, string? label = null, int index = -1)
    {
        _parent = parent;
        _name = name;
        _label = label;
        _index = index;
        HasIndex = index >= 0 || (parent?.HasIndex ?? false);
    }

    /// <summary>Gets a value indicating whether this frame or one above it has a run-time index, so paths and definition paths differ.</summary>
    public bool HasIndex { get; }

    public string Path => _path ??= Join(_parent?.Path, Segment(withIndex: true));

    public string DefinitionPath => _definitionPath ??= HasIndex ? Join(_parent?.DefinitionPath, Segment(withIndex: false)) : Path;

    public static string PathOf(NodeFrame? parent, string name) => parent is null ? name : parent.Path + "/" + name;

    public static string DefinitionPathOf(NodeFrame? parent, string name) => parent is null ? name : parent.DefinitionPath + "/" + name;

    private string Segment(bool withIndex)
    {
        var segment = _label is null ? _name : $"{_name}[{_label}]";
        return withIndex && _index >= 0 ? $"{segment}#{_index}" : segment;
    }

    private static string Join(string? parent, string segment) => parent is null ? segment : parent + "/" + segment;
}
