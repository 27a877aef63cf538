namespace AgentFlow;

/// <summary>A run went over one of its <see cref="RunBudget"/> limits at a node.</summary>
public sealed class BudgetExceededException : FlowRunException
{
    internal BudgetExceededException(string nodePath, string limit, string allowed, string used)
        : base(
            nodePath,
            $"Run budget exceeded at '{nodePath}': {limit} allowed {allowed}, used {used}. "
            + $"Raise RunOptions.Budget.{limit}, or make the flow use less (fewer repairs, shorter prompts, a cheaper model).")
    {
        Limit = limit;
    }

    /// <summary>Gets which limit was exceeded: <c>MaxTokens</c>, <c>MaxCost</c>, <c>MaxModelCalls</c> or <c>MaxDuration</c>.</summary>
    public string Limit { get; }
}
