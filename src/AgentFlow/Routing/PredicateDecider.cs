namespace AgentFlow;

/// <summary>The first case whose predicate holds is chosen.</summary>
internal sealed class PredicateDecider<TIn>(IReadOnlyList<Func<TIn, bool>> predicates) : BranchDecider<TIn>
{
    public override bool UsesLlm => false;

    public override ValueTask<BranchChoice> DecideAsync(TIn input, string nodePath, NodeFrame? parent, string name, RunContext run, CancellationToken cancellationToken)
    {
        for (var i = 0; i < predicates.Count; i++)
        {
            if (UserCode.Run(predicates[i], input, nodePath))
            {
                return new(new BranchChoice(i, DecisionSource.Code));
            }
        }

        return new(new BranchChoice(-1, DecisionSource.Default, Unmatched: "no predicate held"));
    }
}
