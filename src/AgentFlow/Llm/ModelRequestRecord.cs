namespace AgentFlow;

/// <summary>One request sent to a model: a first call, a repair, a sample, a transport retry or a fallback's call.</summary>
/// <param name="ModelId">The model id the provider reported, else the one requested, if any.</param>
/// <param name="Duration">How long the request took, until its reply or its failure.</param>
/// <param name="InputTokens">The input tokens, when the request succeeded.</param>
/// <param name="OutputTokens">The output tokens, when the request succeeded.</param>
/// <param name="UsageEstimated">Whether the tokens were counted with the tokenizer because the provider reported none.</param>
/// <param name="Failure">The type of the exception the request failed with (such as <c>HttpRequestException</c>), or <see langword="null"/> when it got a reply.</param>
public sealed record ModelRequestRecord(
    string? ModelId,
    TimeSpan Duration,
    long? InputTokens,
    long? OutputTokens,
    bool UsageEstimated,
    string? Failure);
