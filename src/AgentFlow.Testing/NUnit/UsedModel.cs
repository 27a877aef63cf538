namespace AgentFlow.Testing.NUnit;

/// <summary>Constraints on a run's use of models: calls, tokens and cost, in the whole run or at one node and below it.</summary>
/// <example>
/// <code>
/// Assert.That(result, UsedModel.AtMost(calls: 3, tokens: 2_000));
/// Assert.That(result, UsedModel.At("support/route").AtMost(calls: 1));
/// </code>
/// </example>
public static class UsedModel
{
    /// <summary>Holds when the whole run stayed within every bound given.</summary>
    /// <param name="calls">The most requests sent to models, repairs, corrections, retries and fallbacks included (as <see cref="RunBudget.MaxModelCalls"/> counts them).</param>
    /// <param name="tokens">The most input and output tokens together, reported or estimated.</param>
    /// <param name="cost">The most the calls may cost, priced with <see cref="RunOptions.Prices"/>; a run with no priced call fails this bound.</param>
    /// <returns>The constraint.</returns>
    /// <exception cref="ArgumentException">No bound is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is negative.</exception>
    public static ModelUsageConstraint AtMost(int? calls = null, long? tokens = null, decimal? cost = null)
        => new ModelUsageConstraint(path: null).AtMost(calls, tokens, cost);

    /// <summary>Starts a constraint on the model use of the node at <paramref name="path"/> and every node below it; alone, it holds when they called a model at least once.</summary>
    /// <param name="path">A definition path (<c>support/route</c>: the decision and the chosen case below it) or a run-time path (<c>support/refine#2</c>).</param>
    /// <returns>The constraint; bound it with <see cref="ModelUsageConstraint.AtMost"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public static ModelUsageConstraint At(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ModelUsageConstraint(path);
    }
}
