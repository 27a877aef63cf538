using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>
/// How a case of a composition analysis ended: passed, or which failure mode explains it. Exactly one applies to each
/// case, the first of these that holds, in this order: <see cref="TaskFailed"/>; <see cref="ScoringFailed"/> for the
/// final output; <see cref="Passed"/>; <see cref="WrongRoute"/>; <see cref="SubTaskIncorrect"/>;
/// <see cref="ScoringFailed"/> for a sub-task; <see cref="CompositionGap"/>. Written to JSON by name.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CompositionOutcome>))]
public enum CompositionOutcome
{
    /// <summary>The run completed and its final output passed its scorer, whatever its sub-tasks did.</summary>
    Passed,

    /// <summary>The run did not complete: a task threw, the case timed out, or a model's reply never parsed or validated.</summary>
    TaskFailed,

    /// <summary>
    /// A scorer could not score what the case's class depends on: the final output, or, when the final output is wrong
    /// and no route or sub-task is known to be wrong, a listed sub-task's output. Never a pass.
    /// </summary>
    ScoringFailed,

    /// <summary>The final output is wrong and a listed route decision chose another case than expected, or was not made.</summary>
    WrongRoute,

    /// <summary>The final output is wrong and a listed sub-task's output failed its scorer, or the sub-task did not run.</summary>
    SubTaskIncorrect,

    /// <summary>The final output is wrong although every listed sub-task and route decision was right: the composability gap.</summary>
    CompositionGap,
}
