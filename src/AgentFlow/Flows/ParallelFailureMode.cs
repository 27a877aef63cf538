namespace AgentFlow;

/// <summary>What a parallel or a map does when one of its branches fails.</summary>
public enum ParallelFailureMode
{
    /// <summary>Cancel the siblings at the first failure and fail with that failure's own exception. The default.</summary>
    FailFast,

    /// <summary>
    /// Let every branch finish, then fail with a <see cref="ParallelBranchesException"/> listing every failure, or join
    /// the results when none failed.
    /// </summary>
    SettleAll,
}
