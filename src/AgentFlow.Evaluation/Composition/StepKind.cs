using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>What a step of a composition case checks. Written to JSON by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepKind>))]
public enum StepKind
{
    /// <summary>A sub-task's output, scored by the sub-task's scorer.</summary>
    SubTask,

    /// <summary>A route decision's label, compared with the expected label.</summary>
    Route,
}
