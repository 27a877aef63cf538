namespace AgentFlow.Evaluation;

/// <summary>
/// The result of one case of a composition analysis: its class, whether its sub-tasks and its final output were right,
/// each expected step as it turned out, the first step that went wrong, and the plain result of its final output.
/// </summary>
public sealed record CompositionCaseResult
{
    /// <summary>Gets the case's id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the case's category, if any.</summary>
    public string? Category { get; init; }

    /// <summary>Gets the case's tags.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Gets the case's class: passed, or the failure mode that explains it.</summary>
    public required CompositionOutcome Outcome { get; init; }

    /// <summary>
    /// Gets whether every listed sub-task and route decision was right: <see langword="true"/>, <see langword="false"/>
    /// when one is known to be wrong, or <see langword="null"/> when that is not known (a scorer could not score, or the
    /// run failed before them).
    /// </summary>
    public bool? SubTasksRight { get; init; }

    /// <summary>Gets whether the final output passed its scorer; <see langword="null"/> when the run failed or the output could not be scored.</summary>
    public bool? FinalRight { get; init; }

    /// <summary>Gets every listed sub-task and route decision as it turned out, in the order they happened in the run (those that did not happen last).</summary>
    public required IReadOnlyList<StepResult> Steps { get; init; }

    /// <summary>Gets the path of the first step known to be wrong, in the run's execution order; <see langword="null"/> when none is.</summary>
    public string? FirstWrongPath { get; init; }

    /// <summary>Gets why the case is in its class, in a sentence.</summary>
    public required string Explanation { get; init; }

    /// <summary>Gets the plain result of the final output: input, expected and actual output, score, error, latency, tokens, cost and the run record.</summary>
    public required CaseResult Final { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Id}: {Outcome}: {Explanation}";
}
