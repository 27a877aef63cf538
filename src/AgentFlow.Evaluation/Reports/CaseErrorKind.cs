using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>What went wrong in a case that ended as an error.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseErrorKind>))]
public enum CaseErrorKind
{
    /// <summary>The task's run failed: a node threw, a model's reply never validated, a budget was exceeded.</summary>
    TaskFailed,

    /// <summary>The task's run took longer than <see cref="EvaluationOptions.CaseTimeout"/>.</summary>
    TimedOut,

    /// <summary>The scorer could not score the output (<see cref="Score.IsError"/>), or threw.</summary>
    ScorerFailed,
}
