namespace AgentFlow.Evaluation;

/// <summary>
/// Two runs cannot be compared as asked: they were evaluated on different datasets (and
/// <see cref="EvalComparisonOptions.CompareCommonCases"/> is off), they share no case, or a report has two cases with
/// the same id. The message says which runs, how they differ, and what to do.
/// </summary>
public sealed class EvalComparisonException : Exception
{
    internal EvalComparisonException(string message)
        : base(message)
    {
    }
}
