using NUnit.Framework.Constraints;

namespace AgentFlow.Testing.NUnit;

/// <summary>
/// Holds when the run made at least one route decision at a path and every decision made there chose the expected
/// case, by the expected source. Applies to a <see cref="FlowResult{TOut}"/>, a <see cref="RunRecord"/>, or the
/// <see cref="FlowRunException"/> of a failed run. Create it with <see cref="Routed.At"/>.
/// </summary>
/// <remarks>
/// A failure says what was chosen instead, by whom, with the model's confidence and rationale, and lists the
/// decisions the run made: <c>Route at support/route chose Technical (by Llm, confidence 0.40, rationale: "...") but
/// Billing was expected.</c>
/// </remarks>
public sealed class RouteConstraint : Constraint
{
    private readonly string _path;
    private string? _label;
    private DecisionSource? _source;

    internal RouteConstraint(string path)
    {
        _path = path;
    }

    /// <inheritdoc />
    public override string Description => $"route at {_path}{(Expected is { } expected ? $" to {expected}" : null)}";

    /// <summary>Gets what a matching decision looks like, or <see langword="null"/> when any decision does.</summary>
    private string? Expected => (_label, _source) switch
    {
        (null, null) => null,
        (null, { } source) => $"a decision by {source}",
        ({ } label, null) => label,
        ({ } label, { } source) => $"{label} by {source}",
    };

    /// <summary>Requires every decision at the path to have chosen the case labelled <paramref name="label"/>.</summary>
    /// <param name="label">The case's label, as in node paths: an enum member's name, a string case, or the label given to the case.</param>
    /// <returns>This constraint.</returns>
    /// <exception cref="ArgumentException"><paramref name="label"/> is null or empty.</exception>
    public RouteConstraint To(string label)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        _label = label;
        return this;
    }

    /// <summary>Requires every decision at the path to have chosen the case of an enum member (labelled with its name).</summary>
    /// <typeparam name="TCase">The enum the branch decides on.</typeparam>
    /// <param name="value">The member.</param>
    /// <returns>This constraint.</returns>
    public RouteConstraint To<TCase>(TCase value)
        where TCase : struct, Enum
        => To(value.ToString());

    /// <summary>Requires every decision at the path to have been made by <paramref name="source"/>: code, a model, a default or a fallback case.</summary>
    /// <param name="source">Who must have chosen.</param>
    /// <returns>This constraint.</returns>
    public RouteConstraint By(DecisionSource source)
    {
        _source = source;
        return this;
    }

    /// <inheritdoc />
    public override ConstraintResult ApplyTo<TActual>(TActual actual)
    {
        var run = RunUnderTest.From(actual, $"Routed.At(\"{_path}\")");
        var decisions = run.Record.RoutesAt(_path);
        List<string> lines = [];
        string summary;
        if (decisions.Count == 0)
        {
            summary = $"no route decision at {_path}";
            lines.Add($"No route decision at {_path}{(Expected is { } expected ? $", where {expected} was expected" : null)}.");
            lines.Add(run.Record.Routes.Count == 0 ? "The run made no route decisions." : $"Decisions made: {RunText.List(run.Record.Routes.Select(Brief))}.");
        }
        else if (decisions.FirstOrDefault(d => !Matches(d)) is { } wrong)
        {
            summary = Brief(wrong);
            lines.Add($"Route at {wrong.Path} chose {RunText.Decision(wrong)} but {Expected} was expected.");
            if (decisions.Count > 1)
            {
                lines.Add($"Decisions at {_path}: {RunText.List(decisions.Select(Brief))}.");
            }
        }
        else
        {
            return new FlowConstraintResult(this, success: true, RunText.List(decisions.Select(Brief)), []);
        }

        lines.AddRange(run.Context());
        return new FlowConstraintResult(this, success: false, summary, lines);
    }

    private bool Matches(RouteDecision decision)
        => (_label is null || string.Equals(decision.Label, _label, StringComparison.Ordinal)) && (_source is null || decision.Source == _source);

    private static string Brief(RouteDecision decision) => $"{decision.Path} -> {decision.Label} by {decision.Source}";
}
