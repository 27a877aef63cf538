using System.Text;

namespace AgentFlow;

/// <summary>
/// Renders a <see cref="NodeDescription"/> as a Mermaid flowchart: flows and loops as subgraphs, parallels and maps as
/// fork and join, branches as a decision with one labelled edge per case, prompt tasks as parallelograms, agent tasks as
/// trapezoids listing their tools, tool tasks as flags. Node ids are readable: they come from paths.
/// </summary>
internal sealed class MermaidRenderer
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "end", "graph", "subgraph", "flowchart", "style", "class", "click", "default" };

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public static string Render(NodeDescription root)
    {
        var renderer = new MermaidRenderer();
        renderer._text.Append("flowchart TD\n");
        var input = renderer.NewId("input");
        var output = renderer.NewId("output");
        renderer.Line(1, $"{input}([\"{Escape(root.InputType)}\"])");
        var (entry, exit, exitLabel) = renderer.Node(root, 1);
        renderer.Line(1, $"{output}([\"{Escape(root.OutputType)}\"])");
        renderer.Edge(1, input, entry, null);
        renderer.Edge(1, exit, output, exitLabel);
        return renderer._text.ToString();
    }

    private (string Entry, string Exit, string? ExitLabel) Node(NodeDescription node, int depth)
    {
        switch (node.Kind)
        {
            case NodeKind.Flow:
            {
                var id = NewId(node.Path);
                Line(depth, $"subgraph {id}[\"{Escape(node.Name)}\"]");
                Line(depth + 1, "direction TB");
                (string Entry, string Exit, string? ExitLabel)? previous = null;
                string entry = id;
                foreach (var child in node.Children)
                {
                    var current = Node(child, depth + 1);
                    if (previous is { } p)
                    {
                        Edge(depth + 1, p.Exit, current.Entry, p.ExitLabel);
                    }
                    else
                    {
                        entry = current.Entry;
                    }

                    previous = current;
                }

                Line(depth, "end");
                return (entry, previous?.Exit ?? id, previous?.ExitLabel);
            }

            case NodeKind.Parallel:
            case NodeKind.Map:
            {
                var fork = NewId(node.Path + "_fork");
                var join = NewId(node.Path + "_join");
                var title = node.Kind == NodeKind.Map
                    ? $"{node.Name}: each item, at most {node.MaxDegreeOfParallelism} at once"
                    : $"{node.Name}: parallel";
                Line(depth, $"{fork}{{{{\"{Escape(title)}\"}}}}");
                foreach (var child in node.Children)
                {
                    var branch = Node(child, depth);
                    Edge(depth, fork, branch.Entry, null);
                    Edge(depth, branch.Exit, join, branch.ExitLabel);
                }

                Line(depth, $"{join}{{{{\"join {Escape(node.Name)}\"}}}}");
                return (fork, join, null);
            }

            case NodeKind.Branch:
            {
                var decision = NewId(node.Path);
                var merge = NewId(node.Path + "_merge");
                Line(depth, $"{decision}{{\"{Escape(node.Name)}{(node.DecidedByLlm ? " (LLM)" : string.Empty)}\"}}");
                foreach (var child in node.Children)
                {
                    var branch = Node(child, depth);
                    var label = child.CaseLabel == node.Fallback && node.Fallback is not null ? $"{child.CaseLabel} (fallback)" : child.CaseLabel;
                    Edge(depth, decision, branch.Entry, label);
                    Edge(depth, branch.Exit, merge, branch.ExitLabel);
                }

                Line(depth, $"{merge}((\" \"))");
                return (decision, merge, null);
            }

            case NodeKind.Loop:
            {
                var id = NewId(node.Path);
                var check = NewId(node.Path + "_until");
                Line(depth, $"subgraph {id}[\"{Escape($"{node.Name}: loop, at most {node.MaxIterations}{(node.Detail is null ? string.Empty : $", {node.Detail}")}")}\"]");
                Line(depth + 1, "direction TB");
                var body = Node(node.Children[0], depth + 1);
                Line(depth + 1, $"{check}{{\"{(node.DecidedByLlm ? $"stop? (LLM{(node.Fallback is null ? string.Empty : $", fallback {node.Fallback}")})" : "stop?")}\"}}");
                Edge(depth + 1, body.Exit, check, body.ExitLabel);
                Edge(depth + 1, check, body.Entry, "continue");
                Line(depth, "end");
                return (body.Entry, check, "stop");
            }

            default:
            {
                var id = NewId(node.Path);
                var shape = node.Kind switch
                {
                    NodeKind.Service => ("[[\"", "\"]]"),
                    NodeKind.Prompt => ("[/\"", "\"/]"),
                    NodeKind.Agent => ("[/\"", "\"\\]"),
                    NodeKind.Tool => (">\"", "\"]"),
                    _ => ("[\"", "\"]"),
                };
                var label = node.Kind == NodeKind.Agent && node.Tools.Count > 0 ? $"{node.Name} (tools: {string.Join(", ", node.Tools)})" : node.Name;
                Line(depth, $"{id}{shape.Item1}{Escape(label)}{shape.Item2}");
                return (id, id, null);
            }
        }
    }

    private string NewId(string path)
    {
        var id = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            id.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        var candidate = id.ToString();
        if (Reserved.Contains(candidate))
        {
            candidate += "_";
        }

        var unique = candidate;
        for (var n = 2; !_ids.Add(unique); n++)
        {
            unique = $"{candidate}_{n}";
        }

        return unique;
    }

    private void Edge(int depth, string from, string to, string? label)
        => Line(depth, label is null ? $"{from} --> {to}" : $"{from} -->|\"{Escape(label)}\"| {to}");

    private void Line(int depth, string line) => _text.Append(' ', depth * 4).Append(line).Append('\n');

    // Mermaid reads labels as HTML by default: '<' and '>' of generic type names would be taken for tags and dropped.
    private static string Escape(string text) => text
        .Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "#lt;", StringComparison.Ordinal)
        .Replace(">", "#gt;", StringComparison.Ordinal);
}
