namespace AgentFlow;

/// <summary>
/// Finds the node at a path of a definition tree. A path is a definition path, as <see cref="FlowNode.Describe"/> lists
/// them (<c>support/route[Billing]/refund</c>), or a run-time path that also names loop iterations and map items
/// (<c>support/refine#2/draft</c>). When no node is there, the error lists the nearest paths that exist.
/// </summary>
internal static class NodeLookup
{
    private const int MaxSuggestions = 5;

    public static NodeLocation Find(FlowNode root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        List<(string Path, FlowNode Node)> nodes = [];
        root.CollectNodes(nodes, root.Name);
        if (!PathSegment.TryParse(path, out var segments, out var problem))
        {
            throw NotFound(root, path, path, nodes, $"'{path}' is not a node path: {problem}.");
        }

        var definitionPath = PathSegment.DefinitionPath(segments);
        var found = nodes.FindIndex(n => string.Equals(n.Path, definitionPath, StringComparison.Ordinal));
        if (found < 0)
        {
            var hint = string.Equals(segments[0].Name, NameAtRoot(nodes), StringComparison.Ordinal)
                ? null
                : $"Paths start with the name of the node searched, '{NameAtRoot(nodes)}'.";
            throw NotFound(root, path, definitionPath, nodes, $"No node at '{path}' in {Describe(root)}.", hint);
        }

        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Index is not { } index)
            {
                continue;
            }

            if (i == segments.Length - 1)
            {
                throw NotFound(
                    root,
                    path,
                    definitionPath,
                    nodes,
                    $"The path '{path}' ends with an index, which names one iteration of a loop or one item of a map, not a node.",
                    $"Name a node below it ('{path}/...'), or leave the index out to find '{definitionPath}' itself.");
            }

            // A container never has both a case label and an index, so the container's own path is its name's.
            var containerPath = PathSegment.DefinitionPath([.. segments.AsSpan(0, i), segments[i] with { Label = null }]);
            var container = nodes.Find(n => string.Equals(n.Path, containerPath, StringComparison.Ordinal)).Node;
            if (container.Kind is not (NodeKind.Loop or NodeKind.Map) || (container.Kind == NodeKind.Loop && index < 1))
            {
                throw NotFound(
                    root,
                    path,
                    definitionPath,
                    nodes,
                    $"The path '{path}' gives '{segments[i].Name}' the index #{index}, but that node is {Describe(container)}.",
                    "Only loops (iterations from 1) and maps (items from 0) take an index.");
            }
        }

        return new NodeLocation(nodes[found].Node, definitionPath, segments[..^1]);
    }

    private static string NameAtRoot(List<(string Path, FlowNode Node)> nodes) => nodes[0].Path.Split('/')[0];

    private static string Describe(FlowNode node) => $"{(node.Kind == NodeKind.Agent ? "an" : "a")} {node.Kind.ToString().ToLowerInvariant()} '{node.Name}'";

    private static NodeNotFoundException NotFound(
        FlowNode root, string path, string comparable, List<(string Path, FlowNode Node)> nodes, string problem, string? hint = null)
    {
        // Ranked first without case labels, so a path that leaves out or misspells a label ranks the case's path first.
        var unlabelled = WithoutLabels(comparable);
        var nearest = nodes
            .Select((n, order) => (n.Path, Order: order, Shape: Distance(unlabelled, WithoutLabels(n.Path)), Distance: Distance(comparable, n.Path)))
            .OrderBy(n => n.Shape)
            .ThenBy(n => n.Distance)
            .ThenBy(n => n.Order)
            .Take(MaxSuggestions)
            .Select(n => n.Path)
            .ToArray();
        var message = $"{problem} {hint}{(hint is null ? null : " ")}Nearest paths: {string.Join(", ", nearest)}. "
            + $"Paths are definition paths as {root.Name}.Describe() lists them, a branch's cases below name[label]; "
            + "a run-time path may add a loop iteration or map item (name#2).";
        return new NodeNotFoundException(path, nearest, message);
    }

    private static string WithoutLabels(string path)
    {
        var text = new System.Text.StringBuilder(path.Length);
        var depth = 0;
        foreach (var c in path)
        {
            depth += c switch { '[' => 1, ']' => -1, _ => 0 };
            if (depth == 0 && c != ']')
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>The edit distance between two paths, ignoring case, so a misspelt or miscased segment ranks its intended path first.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var same = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]);
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (same ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
