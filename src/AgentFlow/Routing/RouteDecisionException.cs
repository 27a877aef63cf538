namespace AgentFlow;

/// <summary>
/// A branch could not choose one of its declared cases: an LLM answered outside them after every correction and no
/// fallback was declared, or code produced a value with no case and no default.
/// </summary>
public sealed class RouteDecisionException : FlowRunException
{
    internal RouteDecisionException(string nodePath, string message, IReadOnlyList<string> allowedLabels, IReadOnlyList<RejectedAnswer> rejected)
        : base(nodePath, message)
    {
        AllowedLabels = allowedLabels;
        Rejected = rejected;
    }

    /// <summary>Gets the labels of the declared cases.</summary>
    public IReadOnlyList<string> AllowedLabels { get; }

    /// <summary>Gets the model's rejected answers, one per attempt, for LLM decisions.</summary>
    public IReadOnlyList<RejectedAnswer> Rejected { get; }
}
