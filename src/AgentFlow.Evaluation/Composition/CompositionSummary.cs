namespace AgentFlow.Evaluation;

/// <summary>
/// The numbers of a group of cases of a composition analysis (all of them, or one category's): how many fell in each
/// class, the accuracy of the final output, the 2x2 table and the composability gap.
/// </summary>
/// <remarks>
/// The accuracy counts every case (a failed run or an unscorable output is not a pass). The table and the gap count
/// only the cases where both the sub-tasks' rightness and the final output's are known: runs that failed, and outputs
/// a scorer could not score, are counted in <see cref="TaskFailed"/> and <see cref="ScoringFailed"/> instead.
/// </remarks>
public sealed record CompositionSummary
{
    /// <summary>Gets how many cases there are.</summary>
    public required int Cases { get; init; }

    /// <summary>Gets how many passed.</summary>
    public required int Passed { get; init; }

    /// <summary>Gets how many runs did not complete.</summary>
    public required int TaskFailed { get; init; }

    /// <summary>Gets how many could not be classified because a scorer could not score.</summary>
    public required int ScoringFailed { get; init; }

    /// <summary>Gets how many failed with a wrong route.</summary>
    public required int WrongRoute { get; init; }

    /// <summary>Gets how many failed with an incorrect sub-task.</summary>
    public required int SubTaskIncorrect { get; init; }

    /// <summary>Gets how many failed although every listed sub-task and route was right.</summary>
    public required int CompositionGap { get; init; }

    /// <summary>Gets <see cref="Passed"/> / <see cref="Cases"/>.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Gets the 95% Wilson score interval of <see cref="Accuracy"/>.</summary>
    public required ConfidenceInterval AccuracyInterval { get; init; }

    /// <summary>Gets the 2x2 table of (all sub-tasks right?) x (final right?).</summary>
    public required CompositionTable Table { get; init; }

    /// <summary>Gets the composability gap with its bootstrap interval.</summary>
    public required GapEstimate Gap { get; init; }

    /// <summary>Gets how many cases fell in <paramref name="outcome"/>.</summary>
    /// <param name="outcome">The class.</param>
    /// <returns>The count.</returns>
    public int Count(CompositionOutcome outcome) => outcome switch
    {
        CompositionOutcome.Passed => Passed,
        CompositionOutcome.TaskFailed => TaskFailed,
        CompositionOutcome.ScoringFailed => ScoringFailed,
        CompositionOutcome.WrongRoute => WrongRoute,
        CompositionOutcome.SubTaskIncorrect => SubTaskIncorrect,
        CompositionOutcome.CompositionGap => CompositionGap,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a composition outcome."),
    };
}
