using Microsoft.Extensions.AI;

namespace AgentFlow;

/// <summary>A route chosen at a branch, or an exit decision of a loop.</summary>
/// <remarks>Decisions are always recorded, whatever <see cref="RunOptions.RecordNodes"/> says.</remarks>
public sealed record RouteDecision
{
    /// <summary>Gets the run-time path of the deciding node (<c>support/route</c>, or <c>support/refine#2</c> for a loop exit).</summary>
    public required string Path { get; init; }

    /// <summary>Gets the definition path of the deciding node.</summary>
    public required string DefinitionPath { get; init; }

    /// <summary>Gets the label of the chosen case; for a loop exit, <c>stop</c> or <c>continue</c>.</summary>
    public required string Label { get; init; }

    /// <summary>Gets who chose.</summary>
    public required DecisionSource Source { get; init; }

    /// <summary>
    /// Gets the choice exactly as the model wrote it, for LLM decisions. It differs from <see cref="Label"/> only in
    /// case or surrounding spaces, the one difference that is accepted without a correction.
    /// </summary>
    public string? Answer { get; init; }

    /// <summary>Gets the model's rationale, for LLM decisions.</summary>
    public string? Rationale { get; init; }

    /// <summary>Gets the model's confidence between 0 and 1, for LLM decisions that gave one.</summary>
    public double? Confidence { get; init; }

    /// <summary>Gets how many model calls the decision took: 1, plus one per correction. 0 for code decisions.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets the answers the model gave outside the declared cases before this decision.</summary>
    public IReadOnlyList<RejectedAnswer> Rejected { get; init; } = [];

    /// <summary>
    /// Gets the token usage of the decision's model calls: as the provider reported it, or estimated where it reported
    /// none (<see cref="LlmCallRecord.UsageEstimated"/> in <see cref="RunRecord.LlmCalls"/> says which).
    /// </summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>Gets a value indicating whether a declared fallback or default case ran instead of a chosen one.</summary>
    public bool IsFallback => Source is DecisionSource.Fallback or DecisionSource.Default;
}
