namespace AgentFlow.Testing.NUnit;

/// <summary>
/// Constraints on a composition analysis (or each flow of a comparison): a most composability gap, a least accuracy,
/// with failure messages that show the numbers, the interval, the classes and the worst cases.
/// </summary>
/// <example>
/// <code>
/// var analysis = await CompositionAnalyzer.RunAsync(flow, set, Scorers.NormalizedText(), options);
/// Assert.That(analysis, Composability.GapAtMost(0.2).AndAccuracyAtLeast(0.8));
/// Assert.That(comparison, Composability.GapAtMost(0.1).For("decomposed"));
/// </code>
/// </example>
public static class Composability
{
    /// <summary>Holds when the composability gap is defined and at most <paramref name="maximum"/>.</summary>
    /// <param name="maximum">The largest gap allowed, from 0 to 1 (0.2 for 20%).</param>
    /// <returns>The constraint; add <see cref="ComposabilityConstraint.ByInterval"/> to bound the interval's upper end instead of the estimate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maximum"/> is not a number from 0 to 1.</exception>
    public static ComposabilityConstraint GapAtMost(double maximum) => new ComposabilityConstraint().AndGapAtMost(maximum);

    /// <summary>Holds when the accuracy of the final outputs is at least <paramref name="minimum"/>.</summary>
    /// <param name="minimum">The least accuracy allowed, from 0 to 1 (0.8 for 80%).</param>
    /// <returns>The constraint; add <see cref="ComposabilityConstraint.ByInterval"/> to bound the interval's lower end instead of the estimate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is not a number from 0 to 1.</exception>
    public static ComposabilityConstraint AccuracyAtLeast(double minimum) => new ComposabilityConstraint().AndAccuracyAtLeast(minimum);
}
