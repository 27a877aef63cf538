namespace AgentFlow.Evaluation;

/// <summary>
/// What an evaluation found: every case's result and the summary, overall and per tag, with what identifies the run
/// (task, scorer, dataset hash, prompt versions, models, labels, time). Immutable; holds everything report files,
/// histories and comparisons need, without running anything again.
/// </summary>
public sealed record EvalReport
{
    /// <summary>Gets the evaluation's name (<see cref="EvaluationOptions.Name"/>, else the task's name).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the name of the task or flow that was evaluated.</summary>
    public required string TaskName { get; init; }

    /// <summary>Gets the scorer's name (<see cref="IScorer{TExpected, TActual}.Name"/>).</summary>
    public required string Scorer { get; init; }

    /// <summary>Gets the eval set's name.</summary>
    public required string DatasetName { get; init; }

    /// <summary>Gets the eval set's content hash (<see cref="EvalSet{TIn, TExpected}.ContentHash"/>): the key of the dataset.</summary>
    public required string DatasetHash { get; init; }

    /// <summary>Gets the labels given in <see cref="EvaluationOptions.Labels"/>, sorted by key.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Gets when the evaluation started, from <see cref="EvaluationOptions.TimeProvider"/>.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets how long the whole evaluation took.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Gets the most cases that ran at once (<see cref="EvaluationOptions.MaxParallelism"/>).</summary>
    public required int MaxParallelism { get; init; }

    /// <summary>Gets the case timeout the cases ran with, if any.</summary>
    public TimeSpan? CaseTimeout { get; init; }

    /// <summary>Gets every prompt version the task's model calls used, sorted by name and version.</summary>
    public required IReadOnlyList<PromptVersion> Prompts { get; init; }

    /// <summary>Gets every model id the task's model calls reported (fallback models included), sorted.</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>Gets every prompt version the scorer's model calls used (an LLM judge's rubric).</summary>
    public required IReadOnlyList<PromptVersion> ScoringPrompts { get; init; }

    /// <summary>Gets every model id the scorer's model calls reported.</summary>
    public required IReadOnlyList<string> ScoringModels { get; init; }

    /// <summary>Gets every case's result, in the set's order.</summary>
    public required IReadOnlyList<CaseResult> Cases { get; init; }

    /// <summary>Gets the numbers of all the cases.</summary>
    public required EvalSummary Summary { get; init; }

    /// <summary>Gets the numbers of the cases with each tag, sorted by tag; a case with several tags counts in each.</summary>
    public required IReadOnlyDictionary<string, EvalSummary> ByTag { get; init; }

    /// <inheritdoc />
    public override string ToString()
        => System.FormattableString.Invariant(
            $"{Name} on {DatasetName}: {Summary.Passed}/{Summary.Cases} passed ({Summary.Accuracy * 100:0.0}%, 95% CI {Summary.AccuracyInterval.Lower * 100:0.0}% to {Summary.AccuracyInterval.Upper * 100:0.0}%), {Summary.Errors} error(s)");
}
