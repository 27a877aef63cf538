using System.Globalization;
using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>
/// What a composition analysis of one flow found: every case's class and steps, the numbers overall and per category
/// (accuracy, the 2x2 table, the composability gap), per listed node, and the plain report of the final outputs.
/// Immutable; holds everything report files need without running anything again.
/// </summary>
public sealed record CompositionAnalysis
{
    /// <summary>Gets the analysis's name (<see cref="EvaluationOptions.Name"/> of <see cref="CompositionOptions.Evaluation"/>, else the flow's name).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the name of the flow that was analysed.</summary>
    public required string FlowName { get; init; }

    /// <summary>Gets the name of the final output's scorer.</summary>
    public required string Scorer { get; init; }

    /// <summary>Gets the scorer of each sub-task the set checks, by path, sorted.</summary>
    public required IReadOnlyDictionary<string, string> SubTaskScorers { get; init; }

    /// <summary>Gets the composition set's name.</summary>
    public required string DatasetName { get; init; }

    /// <summary>Gets the composition set's content hash (<see cref="CompositionSet{TIn, TExpected}.ContentHash"/>), which covers the expectations too.</summary>
    public required string DatasetHash { get; init; }

    /// <summary>Gets the labels given in <see cref="EvaluationOptions.Labels"/>, sorted by key.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Gets when the analysis started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets how long the runs and the scoring took.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Gets every case's result, in the set's order.</summary>
    public required IReadOnlyList<CompositionCaseResult> Cases { get; init; }

    /// <summary>Gets the numbers of all the cases.</summary>
    public required CompositionSummary Summary { get; init; }

    /// <summary>Gets the numbers of each category's cases, sorted by category.</summary>
    public required IReadOnlyDictionary<string, CompositionSummary> ByCategory { get; init; }

    /// <summary>Gets the numbers of each listed sub-task and route, in the order they usually run.</summary>
    public required IReadOnlyList<NodeStatistics> Nodes { get; init; }

    /// <summary>
    /// Gets the plain report of the final outputs, as <see cref="Evaluator"/> makes it: what the report writers of
    /// evaluations render. Its dataset hash is that of the final outputs alone (<see cref="CompositionSet{TIn, TExpected}.ToEvalSet"/>).
    /// Not written with the analysis's JSON, whose cases carry the same results.
    /// </summary>
    /// <remarks>Always set by <see cref="CompositionAnalyzer"/>; not a required member only so that JSON can leave it out.</remarks>
    [JsonIgnore]
    public EvalReport Report { get; init; } = null!;

    /// <inheritdoc />
    public override string ToString()
        => string.Create(
            CultureInfo.InvariantCulture,
            $"{Name} on {DatasetName}: {Summary.Passed}/{Summary.Cases} passed ({Summary.Accuracy * 100:0.0}%), composability gap {Summary.Gap}");
}
