namespace AgentFlow;

/// <summary>Code computes a case value; the case with an equal value is chosen.</summary>
internal sealed class SelectorDecider<TIn, TCase>(Func<TIn, TCase> selector, IReadOnlyList<TCase> values) : BranchDecider<TIn>
{
    public override bool UsesLlm => false;

    public override ValueTask<BranchChoice> DecideAsync(TIn input, string nodePath, NodeFrame? parent, string name, RunContext run, CancellationToken cancellationToken)
    {
        var value = UserCode.Run(selector, input, nodePath);

        for (var i = 0; i < values.Count; i++)
        {
            if (EqualityComparer<TCase>.Default.Equals(values[i], value))
            {
                return new(new BranchChoice(i, DecisionSource.Code));
            }
        }

        return new(new BranchChoice(-1, DecisionSource.Default, Unmatched: value?.ToString() ?? "null"));
    }
}
