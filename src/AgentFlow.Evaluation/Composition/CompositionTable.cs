namespace AgentFlow.Evaluation;

/// <summary>
/// The 2x2 table of a group of cases, as in Press et al.'s Table 6: (every listed sub-task and route right?) x (final
/// output right?), in counts and in proportions of <see cref="Cases"/>. Only cases where both are known count: a run
/// that failed or an output that could not be scored is left out (see <see cref="CompositionSummary"/>).
/// </summary>
public sealed record CompositionTable
{
    /// <summary>Gets how many cases the table counts.</summary>
    public required int Cases { get; init; }

    /// <summary>Gets how many had every sub-task right and the final output right.</summary>
    public required int BothRight { get; init; }

    /// <summary>Gets how many had every sub-task right and the final output wrong: the composability gap's cases.</summary>
    public required int SubTasksRightFinalWrong { get; init; }

    /// <summary>Gets how many had a sub-task wrong and the final output right anyway.</summary>
    public required int SubTasksWrongFinalRight { get; init; }

    /// <summary>Gets how many had a sub-task wrong and the final output wrong.</summary>
    public required int BothWrong { get; init; }

    /// <summary>Gets <see cref="BothRight"/> as a proportion of <see cref="Cases"/>; 0 when there is no case.</summary>
    public double BothRightShare => Share(BothRight);

    /// <summary>Gets <see cref="SubTasksRightFinalWrong"/> as a proportion of <see cref="Cases"/>; 0 when there is no case.</summary>
    public double SubTasksRightFinalWrongShare => Share(SubTasksRightFinalWrong);

    /// <summary>Gets <see cref="SubTasksWrongFinalRight"/> as a proportion of <see cref="Cases"/>; 0 when there is no case.</summary>
    public double SubTasksWrongFinalRightShare => Share(SubTasksWrongFinalRight);

    /// <summary>Gets <see cref="BothWrong"/> as a proportion of <see cref="Cases"/>; 0 when there is no case.</summary>
    public double BothWrongShare => Share(BothWrong);

    private double Share(int count) => Cases == 0 ? 0 : count / (double)Cases;
}
