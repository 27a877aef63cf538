namespace AgentFlow.Testing.NUnit;

/// <summary>Constraints on the route decisions of a run: which case a branch chose, and who chose it.</summary>
/// <example>
/// <code>
/// Assert.That(result, Routed.At("support/route").To("Billing").By(DecisionSource.Llm));
/// </code>
/// </example>
public static class Routed
{
    /// <summary>Starts a constraint on the decisions made at <paramref name="path"/>; alone, it holds when at least one was made there.</summary>
    /// <param name="path">
    /// The deciding node's path: a branch (<c>support/route</c>), or a loop for its exit decisions. A definition path
    /// covers every decision made there (each iteration of a loop, each item of a map); a run-time path
    /// (<c>support/refine#2</c>) only the one made there.
    /// </param>
    /// <returns>The constraint; narrow it with <see cref="RouteConstraint.To(string)"/> and <see cref="RouteConstraint.By"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public static RouteConstraint At(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new RouteConstraint(path);
    }
}
