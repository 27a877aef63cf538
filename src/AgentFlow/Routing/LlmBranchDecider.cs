namespace AgentFlow;

/// <summary>An LLM chooses one of the declared cases; an answer outside them goes to the declared fallback or fails.</summary>
internal sealed class LlmBranchDecider<TIn>(Func<TIn, string> prompt, LlmDecider decider, int fallbackIndex) : BranchDecider<TIn>
{
    public override bool UsesLlm => true;

    public override async ValueTask<BranchChoice> DecideAsync(
        TIn input, string nodePath, NodeFrame? parent, string name, RunContext run, CancellationToken cancellationToken)
    {
        var text = UserCode.Run(prompt, input, nodePath);

        var verdict = await decider.DecideAsync(text, nodePath, NodeFrame.DefinitionPathOf(parent, name), "route-decision", run, cancellationToken)
            .ConfigureAwait(false);
        var (index, source) = decider.Settle(
            verdict,
            fallbackIndex,
            nodePath,
            run,
            "Declare a fallback with .FallbackTo(...) to route such answers explicitly, raise MaxCorrections, or describe the cases more clearly.");
        return new BranchChoice(index, source, Verdict: verdict);
    }
}
