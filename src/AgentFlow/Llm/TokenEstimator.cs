using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace AgentFlow;

/// <summary>
/// Token counts for a call whose provider reported none, from a real tokenizer (o200k_base, the encoding of the GPT-4o
/// family). Other models tokenize differently, so the counts are estimates and are marked as such.
/// </summary>
internal static class TokenEstimator
{
    // Chat formats add a few tokens per message (role and separators) and prime the reply; the figures follow
    // OpenAI's published way of counting chat tokens.
    private const int TokensPerMessage = 3;
    private const int TokensToPrimeReply = 3;

    private static readonly Lazy<Tokenizer> Encoding = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));

    /// <summary>The provider's usage when it reported input or output tokens; otherwise an estimate.</summary>
    public static UsageDetails UsageOf(IReadOnlyList<ChatMessage> messages, ChatResponse response, out bool estimated)
    {
        if (response.Usage is { } reported && (reported.InputTokenCount is not null || reported.OutputTokenCount is not null))
        {
            estimated = false;
            return reported;
        }

        estimated = true;
        var input = TokensToPrimeReply + messages.Sum(m => TokensPerMessage + Count(m.Text));
        var output = Count(response.Text);
        return new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
    }

    public static int Count(string text) => string.IsNullOrEmpty(text) ? 0 : Encoding.Value.CountTokens(text);
}
