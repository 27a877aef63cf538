using NUnit.Framework.Constraints;

namespace AgentFlow.Testing.NUnit;

/// <summary>
/// Holds when a run succeeded with an output that satisfies a constraint. Applies to a <see cref="FlowResult{TOut}"/>,
/// or to the <see cref="FlowRunException"/> of a failed run, which never holds: its message names the node path where
/// the run failed. Create it with <see cref="HasOutput"/>.
/// </summary>
/// <remarks>
/// A failure shows the input (for runs started by <see cref="TaskHarness"/>), the expected output and the actual one,
/// as JSON with web names and enums as strings:
/// <code>
/// Output of support/route[Billing]/refund is not the expected one.
/// Input:    "charged twice"
/// Expected: {"queue":"billing","refund":true}
/// But was:  {"queue":"billing","refund":false}
/// </code>
/// </remarks>
public sealed class OutputConstraint : Constraint
{
    private readonly IConstraint _inner;
    private readonly object? _expected;
    private readonly bool _hasExpectedValue;

    internal OutputConstraint(IConstraint inner, object? expected, bool hasExpectedValue)
    {
        _inner = inner;
        _expected = expected;
        _hasExpectedValue = hasExpectedValue;
    }

    /// <inheritdoc />
    public override string Description => $"output {(_hasExpectedValue ? $"equal to {RunText.Json(_expected)}" : _inner.Description)}";

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The value is a <see cref="RunRecord"/> (which has no output), or not a run.</exception>
    public override ConstraintResult ApplyTo<TActual>(TActual actual)
    {
        if (actual is RunRecord)
        {
            throw new ArgumentException("HasOutput applies to a FlowResult<T>, or to the FlowRunException of a failed run; a RunRecord has no output.", nameof(actual));
        }

        var run = RunUnderTest.From(actual, "HasOutput");
        var expected = RunText.Labelled("Expected:", _hasExpectedValue ? RunText.Json(_expected) : _inner.Description);
        if (!run.HasOutput)
        {
            var at = run.Record.Error is FlowRunException failure ? $" at {failure.NodePath}" : null;
            return new FlowConstraintResult(
                this,
                success: false,
                run.Summary,
                [$"The run of {run.RootPath} failed{at}, so it has no output.", .. run.Context(), expected]);
        }

        if (_inner.ApplyTo(run.Output).IsSuccess)
        {
            return new FlowConstraintResult(this, success: true, RunText.Json(run.Output), []);
        }

        List<string> lines = [$"Output of {run.RootPath} is not the expected one.", .. run.Context(), expected, RunText.Labelled("But was:", RunText.Json(run.Output))];
        return new FlowConstraintResult(this, success: false, RunText.Json(run.Output), lines);
    }
}
