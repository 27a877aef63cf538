using NUnit.Framework.Constraints;

namespace AgentFlow.Testing.NUnit;

/// <summary>The result of an AgentFlow constraint: on failure, a message of whole sentences about the run rather than NUnit's generic expected and actual lines.</summary>
internal sealed class FlowConstraintResult : ConstraintResult
{
    private readonly string _actual;
    private readonly IReadOnlyList<string> _lines;

    /// <param name="constraint">The constraint.</param>
    /// <param name="success">Whether it holds.</param>
    /// <param name="actualSummary">What was there, in a few words, for NUnit's "But was" when the constraint is combined with others.</param>
    /// <param name="lines">The failure message, line by line.</param>
    /// <remarks>
    /// The actual value NUnit sees is the summary, not the run: a combined constraint (<c>!</c>, <c>&amp;</c>, <c>|</c>)
    /// writes its "But was" from it, and a run's own text would only be its type name.
    /// </remarks>
    public FlowConstraintResult(IConstraint constraint, bool success, string actualSummary, IReadOnlyList<string> lines)
        : base(constraint, new Summary(actualSummary), success)
    {
        _actual = actualSummary;
        _lines = lines;
    }

    public override void WriteMessageTo(MessageWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var line in _lines)
        {
            writer.WriteMessageLine(0, line);
        }
    }

    public override void WriteActualValueTo(MessageWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_actual);
    }

    /// <summary>What a run was, in a few words; NUnit writes an object as its text in angle brackets.</summary>
    private sealed record Summary(string Text)
    {
        public override string ToString() => Text;
    }
}
