namespace AgentFlow.Evaluation;

/// <summary>A prompt as a <see cref="PromptCatalog"/> found it: the prompt, the examples it is shown with, and where it is used.</summary>
/// <param name="Prompt">The prompt.</param>
/// <param name="ExamplesHash">The hash of the few-shot examples the task shows with it (<see cref="PromptTask{TIn, TOut}.ExamplesHash"/>), if any.</param>
/// <param name="Source">
/// Where it is used: the definition path of its prompt or agent task (<c>support/route[Billing]/refund</c>), that path
/// followed by <c>(judge)</c> for a task's judge prompt, or <c>listed</c> for a prompt added on its own.
/// </param>
public sealed record PromptUse(Prompt Prompt, string? ExamplesHash, string Source)
{
    /// <inheritdoc />
    public override string ToString() => Source == PromptCatalog.ListedSource ? $"{Prompt}, listed on its own" : $"{Prompt} at {Source}";
}
