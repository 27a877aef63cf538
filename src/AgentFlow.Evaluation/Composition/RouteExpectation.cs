namespace AgentFlow.Evaluation;

/// <summary>What a composition case expects of one route decision: the deciding node's path and the label of the case it must choose.</summary>
/// <param name="Path">
/// The path of the branch (<c>qa/fact</c>), or of a loop for its exit decision (<c>stop</c> or <c>continue</c>). A
/// definition path names the last decision made there; a run-time path (<c>qa/refine#2</c>) names one iteration's.
/// </param>
/// <param name="Label">The label of the expected case: an enum member's name, a string case, or the label given to the case.</param>
public sealed record RouteExpectation(string Path, string Label)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path} -> {Label}";
}
