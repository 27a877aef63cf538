namespace AgentFlow;

/// <summary>How a branch chooses a case: a code selector, predicates, or an LLM.</summary>
internal abstract class BranchDecider<TIn>
{
    public abstract bool UsesLlm { get; }

    /// <summary>Chooses a case index; -1 means "no declared case", which the branch sends to its default or fails.</summary>
    public abstract ValueTask<BranchChoice> DecideAsync(TIn input, string nodePath, NodeFrame? parent, string name, RunContext run, CancellationToken cancellationToken);
}

/// <summary>A decider's choice, with what an LLM said about it.</summary>
internal readonly record struct BranchChoice(int Index, DecisionSource Source, string? Unmatched = null, LlmVerdict? Verdict = null);
