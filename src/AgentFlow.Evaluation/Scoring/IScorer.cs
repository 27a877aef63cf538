namespace AgentFlow.Evaluation;

/// <summary>
/// Scores a task's output against the expected output of a case: a value from 0 to 1, whether the case passed, and why;
/// or an error, when the scorer could not score (a judge whose reply never parsed, a pattern that does not compile),
/// which is never a pass.
/// </summary>
/// <typeparam name="TExpected">The type of the expected output.</typeparam>
/// <typeparam name="TActual">The type of the task's output.</typeparam>
/// <remarks>
/// Built-in scorers come from <see cref="Scorers"/>. Implementations must be thread-safe: the evaluator scores several
/// cases at once. A scorer that throws makes its case an error, not a crash of the evaluation.
/// </remarks>
public interface IScorer<in TExpected, in TActual>
{
    /// <summary>Gets the scorer's name, recorded in the report, such as <c>exact</c> or <c>llm-judge:rubric@2</c>.</summary>
    string Name { get; }

    /// <summary>Scores one output.</summary>
    /// <param name="expected">The case's expected output.</param>
    /// <param name="actual">The task's output; it may be <see langword="null"/> when the task returned null.</param>
    /// <param name="context">The case being scored: its id, input and tags, and how to run a model if the scorer needs one.</param>
    /// <param name="cancellationToken">Cancels the scoring.</param>
    /// <returns>The score.</returns>
    ValueTask<Score> ScoreAsync(TExpected expected, TActual actual, ScoringContext context, CancellationToken cancellationToken = default);
}
