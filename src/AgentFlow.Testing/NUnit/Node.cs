namespace AgentFlow.Testing.NUnit;

/// <summary>Constraints on the executions of one node of a run: whether it ran, how it ended, how often, how long, which tools it called.</summary>
/// <example>
/// <code>
/// Assert.That(result, Node.At("support/triage").Succeeded());
/// Assert.That(error, Node.At("support/lookup/customer").FailedWith&lt;HttpRequestException&gt;());
/// Assert.That(result, Node.At("support/refine/draft").RanTimes(2));
/// </code>
/// </example>
public static class Node
{
    /// <summary>Starts a constraint on the node at <paramref name="path"/>; alone, it holds when the node ran at least once.</summary>
    /// <param name="path">
    /// The node's path. A definition path (<c>support/refine/draft</c>) covers all its executions (every loop iteration
    /// and map item); a run-time path (<c>support/refine#2/draft</c>) only those there.
    /// </param>
    /// <returns>The constraint; narrow it with <see cref="NodeConstraint.Succeeded"/>, <see cref="NodeConstraint.Failed"/>, <see cref="NodeConstraint.RanTimes"/> and the like.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public static NodeConstraint At(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new NodeConstraint(path);
    }
}
