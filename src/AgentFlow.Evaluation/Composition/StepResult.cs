using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>How one expected sub-task result or route decision of a case turned out, with what was expected and what happened.</summary>
public sealed record StepResult
{
    /// <summary>Gets the path the case names (definition or run-time).</summary>
    public required string Path { get; init; }

    /// <summary>Gets whether the step is a sub-task or a route.</summary>
    public required StepKind Kind { get; init; }

    /// <summary>Gets how it turned out.</summary>
    public required StepStatus Status { get; init; }

    /// <summary>Gets a value indicating whether the step was right.</summary>
    public bool Right => Status == StepStatus.Right;

    /// <summary>Gets a value indicating whether the step is known to be wrong: it was wrong, or it did not run in a run that completed.</summary>
    public bool Wrong => Status is StepStatus.Wrong or StepStatus.NotRun;

    /// <summary>Gets the run-time path of the execution or decision that was checked, when there was one.</summary>
    public string? RunPath { get; init; }

    /// <summary>Gets the expected result as JSON; for a route, the expected label as a JSON string.</summary>
    public required JsonElement Expected { get; init; }

    /// <summary>Gets the sub-task's output as JSON, or the chosen label as a JSON string; <see langword="null"/> when nothing was there.</summary>
    public JsonElement? Actual { get; init; }

    /// <summary>Gets the sub-task's score; <see langword="null"/> for a route, or when nothing was scored.</summary>
    public Score? Score { get; init; }

    /// <summary>Gets the sub-task's scorer name; <see langword="null"/> for a route.</summary>
    public string? Scorer { get; init; }

    /// <summary>Gets what happened, in words: the score's reason, who chose a route and why, or why nothing was there.</summary>
    public string? Detail { get; init; }

    /// <summary>Gets where the step happened in the run, for ordering: the index of its node record, or the end when it did not run.</summary>
    [JsonIgnore]
    internal double Order { get; init; } = double.PositiveInfinity;

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Path}: {Status}{(Detail is null ? string.Empty : $" ({Detail})")}";
}
