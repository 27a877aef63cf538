using Microsoft.Extensions.AI;

namespace AgentFlow;

/// <summary>One node's use of a model: a prompt or agent task's calls with their tool rounds and repairs, or an LLM decision with its corrections.</summary>
public sealed record LlmCallRecord
{
    /// <summary>Gets the run-time path of the calling node.</summary>
    public required string Path { get; init; }

    /// <summary>Gets what the call was for: <c>prompt</c>, <c>agent</c>, <c>judge</c> (a prompt task's <see cref="PromptTaskOptions.Judge"/>), <c>route-decision</c> or <c>loop-exit</c>.</summary>
    public required string Purpose { get; init; }

    /// <summary>Gets the prompt's name, for prompt tasks; the judge prompt's, for a judge.</summary>
    public string? PromptName { get; init; }

    /// <summary>Gets the prompt's version, for prompt tasks.</summary>
    public string? PromptVersion { get; init; }

    /// <summary>Gets the prompt's content hash, for prompt tasks.</summary>
    public string? PromptHash { get; init; }

    /// <summary>Gets how many few-shot examples the prompt showed the model (<see cref="PromptTask{TIn, TOut}.Examples"/>); 0 without any.</summary>
    public int ExampleCount { get; init; }

    /// <summary>Gets the hash of the few-shot examples (<see cref="PromptTask{TIn, TOut}.ExamplesHash"/>), or <see langword="null"/> without any.</summary>
    public string? ExamplesHash { get; init; }

    /// <summary>Gets the model id the provider reported, if any.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets how many replies were sampled for self-consistency; 1 without it.</summary>
    public int Samples { get; init; } = 1;

    /// <summary>Gets the share of the samples whose output equals the chosen one (self-consistency), from 0 to 1.</summary>
    public double? Agreement { get; init; }

    /// <summary>
    /// Gets the model's reasoning behind the accepted output, when chain-of-thought is on; for a judge, its rationale for
    /// the candidate it chose. It is model output: treat it as sensitive.
    /// </summary>
    public string? Reasoning { get; init; }

    /// <summary>Gets how many model calls were made: 1, plus one per round of tool calls, repair or correction, for every sample.</summary>
    public required int Attempts { get; init; }

    /// <summary>Gets how many tools the model called (agent tasks), allowed or not, succeeded or failed; 0 otherwise. Each is in <see cref="RunRecord.ToolCalls"/>.</summary>
    public int ToolCalls { get; init; }

    /// <summary>
    /// Gets how many transport retries were made: the same request sent again after a transient failure (see
    /// <see cref="ModelResilienceOptions"/>). Not counted in <see cref="Attempts"/>.
    /// </summary>
    public int Retries { get; init; }

    /// <summary>Gets how many times the node moved on to its next fallback model (see <see cref="ModelCallOptions.Fallbacks"/>).</summary>
    public int Fallbacks { get; init; }

    /// <summary>
    /// Gets the token usage of all the calls: as the provider reported it, or, for calls whose provider reported none,
    /// estimated with a real tokenizer (see <see cref="UsageEstimated"/>).
    /// </summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>
    /// Gets a value indicating whether some of <see cref="Usage"/> is an estimate: counted with the o200k_base tokenizer
    /// (the GPT-4o family's encoding) because the provider reported no usage for a call.
    /// </summary>
    public bool UsageEstimated { get; init; }

    /// <summary>Gets the cost of the calls, priced with <see cref="RunOptions.Prices"/>; <see langword="null"/> when no price is given for the model.</summary>
    public decimal? Cost { get; init; }

    /// <summary>
    /// Gets every request sent to a model, in the order they ended: each first call, repair, sample, transport retry
    /// and fallback call, with its model, latency, tokens and failure.
    /// </summary>
    public IReadOnlyList<ModelRequestRecord> Requests { get; init; } = [];

    /// <summary>Gets the time spent in model calls.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Gets a value indicating whether the node got what it needed from the model.</summary>
    public required bool Succeeded { get; init; }
}
