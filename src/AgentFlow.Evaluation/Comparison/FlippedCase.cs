using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>A case that passed in one run and not in the other: what went in, what was expected, and what each run gave.</summary>
public sealed record FlippedCase
{
    /// <summary>Gets the case's id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the case's tags (in either run), sorted.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Gets the case's input, as JSON.</summary>
    public required JsonElement Input { get; init; }

    /// <summary>Gets the expected output, as JSON.</summary>
    public required JsonElement Expected { get; init; }

    /// <summary>Gets how the case ended in the baseline.</summary>
    public required CaseOutcome BaselineOutcome { get; init; }

    /// <summary>Gets how the case ended in the candidate.</summary>
    public required CaseOutcome CandidateOutcome { get; init; }

    /// <summary>Gets the baseline's output; <see langword="null"/> when its run failed or timed out.</summary>
    public JsonElement? BaselineActual { get; init; }

    /// <summary>Gets the candidate's output; <see langword="null"/> when its run failed or timed out.</summary>
    public JsonElement? CandidateActual { get; init; }

    /// <summary>Gets the baseline's score value; <see langword="null"/> when nothing was scored.</summary>
    public double? BaselineScore { get; init; }

    /// <summary>Gets the candidate's score value; <see langword="null"/> when nothing was scored.</summary>
    public double? CandidateScore { get; init; }

    /// <summary>Gets why the baseline's output got its score, or the baseline's error message.</summary>
    public string? BaselineReason { get; init; }

    /// <summary>Gets why the candidate's output got its score, or the candidate's error message.</summary>
    public string? CandidateReason { get; init; }
}
