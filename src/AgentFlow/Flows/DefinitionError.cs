namespace AgentFlow;

/// <summary>One broken rule of a flow definition.</summary>
/// <param name="Path">The definition path of the node that breaks it.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record DefinitionError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
