namespace AgentFlow;

/// <summary>Walks a definition tree and collects every broken rule with the definition path of its node.</summary>
internal sealed class DefinitionValidator
{
    private readonly List<DefinitionError> _errors = [];

    /// <summary>Validates a whole tree and throws one <see cref="FlowDefinitionException"/> listing every error.</summary>
    public static void ThrowIfInvalid(FlowNode root)
    {
        var validator = new DefinitionValidator();
        validator.Visit(root, root.Name);
        if (validator._errors.Count > 0)
        {
            throw new FlowDefinitionException(validator._errors);
        }
    }

    public void Visit(FlowNode node, string path) => node.Validate(this, path);

    public void Error(string path, string message) => _errors.Add(new DefinitionError(path, message));

    /// <summary>Reports children that would share one path, which would make traces and test assertions ambiguous.</summary>
    public void RequireUniqueNames(string path, IEnumerable<FlowNode> children, string what)
    {
        foreach (var group in children.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Error(
                path,
                $"{group.Count()} {what} of '{path}' are named '{group.Key}', so they would share the path '{path}/{group.Key}'. "
                + "Give each a unique name, or wrap one in a flow of its own: Flow.Define<T>(\"other-name\").Then(task).Build().");
        }
    }
}
