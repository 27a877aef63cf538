using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>How one expected sub-task result or route decision of a case turned out. Written to JSON by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepStatus>))]
public enum StepStatus
{
    /// <summary>The sub-task's output passed its scorer, or the route chose the expected case.</summary>
    Right,

    /// <summary>The sub-task's output failed its scorer, or the route chose another case.</summary>
    Wrong,

    /// <summary>The run completed, but the sub-task did not run (or did not succeed) or no decision was made at the route: wrong.</summary>
    NotRun,

    /// <summary>The run failed before the sub-task or the decision: unknown, neither right nor wrong.</summary>
    NotReached,

    /// <summary>The sub-task's scorer could not score its output (or threw): unknown, and never a pass.</summary>
    ScoringFailed,
}
