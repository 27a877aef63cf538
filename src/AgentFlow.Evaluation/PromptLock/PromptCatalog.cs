namespace AgentFlow.Evaluation;

/// <summary>
/// The prompts an application uses, gathered for <see cref="PromptLock"/>: prompts added on their own (an LLM judge's
/// rubric, a prompt used outside a flow) and every prompt found in flows and tasks: each prompt or agent task's prompt,
/// with the hash of its few-shot examples, and its judge prompt.
/// </summary>
/// <remarks>
/// LLM decisions (branches and loop exits decided by a model) have no versioned <see cref="Prompt"/>: their
/// instructions are code, and they are not gathered. Not thread-safe while prompts are being added.
/// </remarks>
public sealed class PromptCatalog
{
    /// <summary>The <see cref="PromptUse.Source"/> of a prompt added on its own.</summary>
    public const string ListedSource = "listed";

    private readonly List<PromptUse> _uses = [];

    /// <summary>Gets every use found so far, in the order found: flows in definition order, depth first.</summary>
    public IReadOnlyList<PromptUse> Uses => _uses;

    /// <summary>Adds prompts on their own, such as an LLM judge's rubric.</summary>
    /// <param name="prompts">The prompts.</param>
    /// <returns>This catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prompts"/> or one of them is null.</exception>
    public PromptCatalog Add(params IEnumerable<Prompt> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        foreach (var prompt in prompts)
        {
            ArgumentNullException.ThrowIfNull(prompt, nameof(prompts));
            _uses.Add(new PromptUse(prompt, null, ListedSource));
        }

        return this;
    }

    /// <summary>
    /// Adds every prompt of flows or tasks: the prompt of each prompt or agent task at any depth (in steps, parallel
    /// branches, maps, branch cases, loop bodies and nested flows), with its examples hash, and each one's judge prompt.
    /// </summary>
    /// <param name="nodes">The flows or tasks.</param>
    /// <returns>This catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> or one of them is null.</exception>
    public PromptCatalog Add(params IEnumerable<FlowNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        foreach (var node in nodes)
        {
            ArgumentNullException.ThrowIfNull(node, nameof(nodes));
            Walk(node.Describe());
        }

        return this;
    }

    private void Walk(NodeDescription node)
    {
        if (node.Prompt is { } prompt)
        {
            _uses.Add(new PromptUse(prompt, node.ExamplesHash, node.Path));
        }

        if (node.JudgePrompt is { } judge)
        {
            _uses.Add(new PromptUse(judge, null, node.Path + " (judge)"));
        }

        foreach (var child in node.Children)
        {
            Walk(child);
        }
    }
}
