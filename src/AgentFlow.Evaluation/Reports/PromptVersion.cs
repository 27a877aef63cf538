namespace AgentFlow.Evaluation;

/// <summary>A version of a prompt seen in an evaluation's model calls.</summary>
/// <param name="Name">The prompt's name.</param>
/// <param name="Version">The prompt's version.</param>
/// <param name="ContentHash">The prompt's content hash (<see cref="Prompt.ContentHash"/>).</param>
/// <param name="ExamplesHash">The hash of the few-shot examples it showed, if any (<see cref="PromptTask{TIn, TOut}.ExamplesHash"/>).</param>
public sealed record PromptVersion(string Name, string? Version, string? ContentHash, string? ExamplesHash)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}@{Version}" + (ContentHash is { Length: >= 12 } hash ? $" ({hash[..12]})" : string.Empty);
}
