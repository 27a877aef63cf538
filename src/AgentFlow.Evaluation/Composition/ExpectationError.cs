namespace AgentFlow.Evaluation;

/// <summary>One expectation of a composition set that does not fit the flow it was to be checked on.</summary>
/// <param name="Path">The path the expectation names.</param>
/// <param name="Message">What is wrong, and how to fix it.</param>
public sealed record ExpectationError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
