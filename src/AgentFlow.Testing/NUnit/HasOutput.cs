using NUnit.Framework.Constraints;

namespace AgentFlow.Testing.NUnit;

/// <summary>Constraints on the output of a run, whose failure messages show the input, the expected and the actual output as JSON.</summary>
/// <example>
/// <code>
/// Assert.That(result, HasOutput.EqualTo(new Triage("Double charge", Severity.High)));
/// Assert.That(result, HasOutput.That(Does.StartWith("billing queue")));
/// </code>
/// </example>
public static class HasOutput
{
    /// <summary>Holds when the run succeeded with an output equal to <paramref name="expected"/>, compared as NUnit's <c>Is.EqualTo</c> compares (records by value, collections by item).</summary>
    /// <param name="expected">The expected output.</param>
    /// <returns>The constraint.</returns>
    public static OutputConstraint EqualTo(object? expected) => new(new EqualConstraint(expected), expected, hasExpectedValue: true);

    /// <summary>Holds when the run succeeded with an output that satisfies <paramref name="constraint"/>.</summary>
    /// <param name="constraint">Any NUnit constraint, such as <c>Is.EqualTo(x).Using(comparer)</c> or <c>Has.Property("Severity").EqualTo(Severity.High)</c>.</param>
    /// <returns>The constraint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="constraint"/> is null.</exception>
    public static OutputConstraint That(IResolveConstraint constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        return new OutputConstraint(constraint.Resolve(), expected: null, hasExpectedValue: false);
    }
}
