namespace AgentFlow.Evaluation;

/// <summary>One problem found while loading an eval set.</summary>
/// <param name="Line">
/// The 1-based line of the file where the case (or the header) starts; for a set made from a list, the 1-based position
/// of the case in the list.
/// </param>
/// <param name="Message">What is wrong, and how to fix it.</param>
public sealed record EvalSetError(int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}: {Message}";
}
