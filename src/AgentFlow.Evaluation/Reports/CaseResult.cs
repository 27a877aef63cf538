using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>
/// The result of one case of an evaluation: what went in, what was expected and what came out (as JSON snapshots, so
/// the report stays immutable and can be written anywhere), the score, the latency, tokens and cost, and the run record.
/// </summary>
public sealed record CaseResult
{
    /// <summary>Gets the case's id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the case's tags.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Gets the case's input, as JSON.</summary>
    public required JsonElement Input { get; init; }

    /// <summary>Gets the expected output, as JSON.</summary>
    public required JsonElement Expected { get; init; }

    /// <summary>Gets the task's output, as JSON; <see langword="null"/> when the run failed or timed out.</summary>
    public JsonElement? Actual { get; init; }

    /// <summary>Gets how the case ended.</summary>
    public required CaseOutcome Outcome { get; init; }

    /// <summary>Gets a value indicating whether the case passed.</summary>
    public bool Passed => Outcome == CaseOutcome.Passed;

    /// <summary>Gets the score; <see langword="null"/> when the run failed or timed out and nothing was scored.</summary>
    public Score? Score { get; init; }

    /// <summary>Gets why the case is an error; <see langword="null"/> unless <see cref="Outcome"/> is <see cref="CaseOutcome.Error"/>.</summary>
    public CaseError? Error { get; init; }

    /// <summary>Gets the run-time path of the node that failed or was running when the case timed out, if any.</summary>
    public string? FailedNodePath => Error?.NodePath;

    /// <summary>Gets how long the task's run took (scoring not included), measured with <see cref="EvaluationOptions.TimeProvider"/>.</summary>
    public required TimeSpan Latency { get; init; }

    /// <summary>Gets the input tokens of the task's model calls.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the output tokens of the task's model calls.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets a value indicating whether some of the tokens were estimated with a tokenizer (see <see cref="LlmCallRecord.UsageEstimated"/>).</summary>
    public bool TokensEstimated { get; init; }

    /// <summary>Gets the cost of the task's priced model calls; <see langword="null"/> when none was priced.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Gets how many of the task's model calls had no price (see <see cref="RunOptions.Prices"/>), so are missing from <see cref="Cost"/>.</summary>
    public int UnpricedModelCalls { get; init; }

    /// <summary>Gets the input tokens of the scorer's model calls (an LLM judge's).</summary>
    public long ScoringInputTokens { get; init; }

    /// <summary>Gets the output tokens of the scorer's model calls.</summary>
    public long ScoringOutputTokens { get; init; }

    /// <summary>Gets the cost of the scorer's priced model calls; <see langword="null"/> when none was priced.</summary>
    public decimal? ScoringCost { get; init; }

    /// <summary>
    /// Gets the record of the task's run: its node timeline, route decisions, model calls and errors. Not written when the
    /// report is serialised (it holds exceptions); everything a report file needs is in the other properties.
    /// </summary>
    [JsonIgnore]
    public RunRecord? Run { get; init; }
}
