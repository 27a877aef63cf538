namespace AgentFlow;

/// <summary>
/// One or more branches of a parallel or items of a map failed under <see cref="ParallelFailureMode.SettleAll"/>;
/// every failure is listed, each naming its own path.
/// </summary>
public sealed class ParallelBranchesException : FlowRunException
{
    internal ParallelBranchesException(string nodePath, IReadOnlyList<FlowRunException> failures)
        : base(
            nodePath,
            $"{failures.Count} branch(es) of '{nodePath}' failed: " + string.Join("; ", failures.Select(f => $"'{f.NodePath}': {f.Message}")),
            failures[0])
    {
        Failures = failures;
    }

    /// <summary>Gets the failures, ordered by branch or item index.</summary>
    public IReadOnlyList<FlowRunException> Failures { get; }
}
