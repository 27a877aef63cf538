using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>How a case of an evaluation ended. Written to JSON by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseOutcome>))]
public enum CaseOutcome
{
    /// <summary>The task ran and its output passed the scorer.</summary>
    Passed,

    /// <summary>The task ran and its output did not pass the scorer.</summary>
    Failed,

    /// <summary>The task failed or timed out, or the scorer could not score: see <see cref="CaseResult.Error"/>. Never a pass.</summary>
    Error,
}
