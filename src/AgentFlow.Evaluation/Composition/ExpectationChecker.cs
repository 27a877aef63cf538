namespace AgentFlow.Evaluation;

/// <summary>
/// Checks a composition set's expectations against a flow before anything runs: every path names a node, a sub-task's
/// output is what its scorer scores, a route names a branch or a loop and a label it has, and a path inside a map names
/// an item.
/// </summary>
internal static class ExpectationChecker
{
    private const int CasesNamed = 3;

    public static void Check<TIn, TOut, TExpected>(FlowTask<TIn, TOut> flow, CompositionSet<TIn, TExpected> set)
    {
        var shape = new Shape(flow);
        List<ExpectationError> errors = [];
        foreach (var subTask in set.SubTasks)
        {
            if (shape.Locate(subTask.Path, errors) is null)
            {
                continue;
            }

            var output = OutputType(flow.FindNode(subTask.Path));
            if (output is not null && !subTask.OutputType.IsAssignableFrom(output))
            {
                errors.Add(new ExpectationError(
                    subTask.Path,
                    $"The node returns {TypeNames.Of(output)}, but the sub-task's scorer '{subTask.ScorerName}' scores {TypeNames.Of(subTask.OutputType)}. "
                    + $"Give it a scorer of {TypeNames.Of(output)} (or of a type it converts to), such as Scorers.Custom<{TypeNames.Of(subTask.ExpectedType)}, {TypeNames.Of(output)}>."));
            }
        }

        foreach (var route in set.Cases.SelectMany(c => c.Routes.Select(r => (Case: c.Id, Route: r))).GroupBy(r => r.Route.Path, StringComparer.Ordinal))
        {
            if (shape.Locate(route.Key, errors) is not { } node)
            {
                continue;
            }

            if (node.Kind is not (NodeKind.Branch or NodeKind.Loop))
            {
                errors.Add(new ExpectationError(
                    route.Key,
                    $"The node is a {node.Kind} task: only a branch (its case) and a loop (its exit, stop or continue) make route decisions. Expect its output as a sub-task instead."));
                continue;
            }

            string[] labels = node.Kind == NodeKind.Loop ? ["stop", "continue"] : [.. node.Children.Select(c => c.CaseLabel).OfType<string>()];
            foreach (var unknown in route.GroupBy(r => r.Route.Label, StringComparer.Ordinal).Where(g => !labels.Contains(g.Key, StringComparer.Ordinal)))
            {
                var cases = unknown.Select(r => $"'{r.Case}'").ToList();
                var named = string.Join(", ", cases.Take(CasesNamed)) + (cases.Count > CasesNamed ? $" and {cases.Count - CasesNamed} more" : string.Empty);
                var near = labels.FirstOrDefault(l => l.Equals(unknown.Key, StringComparison.OrdinalIgnoreCase)) is { } cased ? $" Labels are compared exactly: did you mean '{cased}'?" : string.Empty;
                errors.Add(new ExpectationError(
                    route.Key,
                    $"The label '{unknown.Key}' (expected by case {named}) is not one of the node's: {string.Join(", ", labels)}.{near}"));
            }
        }

        if (errors.Count > 0)
        {
            throw new CompositionExpectationException(flow.Name, set.Name, [.. errors.OrderBy(e => e.Path, StringComparer.Ordinal)]);
        }
    }

    /// <summary>The output type of a node, read from its <see cref="FlowTask{TIn, TOut}"/> base.</summary>
    private static Type? OutputType(FlowNode node)
    {
        for (var type = node.GetType(); type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(FlowTask<,>))
            {
                return type.GetGenericArguments()[1];
            }
        }

        return null;
    }

    /// <summary>The flow's nodes by definition path, each with the nodes above it.</summary>
    private sealed class Shape
    {
        private readonly FlowNode _flow;
        private readonly Dictionary<string, (NodeDescription Node, IReadOnlyList<NodeDescription> Ancestors)> _nodes = new(StringComparer.Ordinal);

        public Shape(FlowNode flow)
        {
            _flow = flow;
            Add(flow.Describe(), []);
        }

        /// <summary>Finds the node a path names, or records why it names none.</summary>
        public NodeDescription? Locate(string path, List<ExpectationError> errors)
        {
            if (!_nodes.TryGetValue(CompositionPaths.DefinitionPath(path), out var found))
            {
                errors.Add(new ExpectationError(path, NotFound(path)));
                return null;
            }

            var segments = path.Split('/');
            var chain = found.Ancestors.Append(found.Node).ToList();
            foreach (var node in chain)
            {
                var depth = node.Path.Count(c => c == '/');
                var indexed = depth < segments.Length && segments[depth].Contains('#', StringComparison.Ordinal);
                if (indexed && node.Kind is not (NodeKind.Loop or NodeKind.Map))
                {
                    errors.Add(new ExpectationError(
                        path,
                        $"'{segments[depth]}' has an index, but '{node.Path}' is a {node.Kind} node: only loop iterations (name#1, from 1) and map items (name#0, from 0) have one."));
                    return null;
                }

                if (!indexed && node.Kind == NodeKind.Map && node != found.Node)
                {
                    var item = string.Join('/', segments.Take(depth).Append(segments[depth] + "#0").Concat(segments.Skip(depth + 1)));
                    errors.Add(new ExpectationError(
                        path,
                        $"The node runs once per item of the map '{node.Path}', so this path names no one execution: name the item, such as '{item}'."));
                    return null;
                }
            }

            return found.Node;
        }

        private string NotFound(string path)
        {
            try
            {
                _flow.FindNode(path);
            }
            catch (NodeNotFoundException ex)
            {
                return $"No node of the flow '{_flow.Name}' is at this path. {ex.Message}";
            }

            return $"No node of the flow '{_flow.Name}' is at this path.";
        }

        private void Add(NodeDescription node, IReadOnlyList<NodeDescription> ancestors)
        {
            _nodes.TryAdd(node.Path, (node, ancestors));
            IReadOnlyList<NodeDescription> below = [.. ancestors, node];
            foreach (var child in node.Children)
            {
                Add(child, below);
            }
        }
    }
}
