using System.Text.Json;
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

    // Compact, as providers send tool calls and results; the defaults of AIJsonUtilities are indented.
    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

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
        var input = TokensToPrimeReply + messages.Sum(m => TokensPerMessage + Count(m));
        var output = response.Messages.Sum(Count);
        return new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
    }

    /// <summary>The tokens of a message's text, and of the tool calls and results it carries (their names and JSON).</summary>
    private static int Count(ChatMessage message)
    {
        var tokens = Count(message.Text);
        foreach (var content in message.Contents)
        {
            tokens += content switch
            {
                FunctionCallContent call => Count(call.Name) + Count(Json(call.Arguments)),
                FunctionResultContent result => Count(result.Result as string ?? Json(result.Result)),
                _ => 0,
            };
        }

        return tokens;
    }

    private static string Json(object? value)
    {
        try
        {
            return value is null ? string.Empty : JsonSerializer.Serialize(value, value.GetType(), CompactJson);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            return value?.ToString() ?? string.Empty;
        }
    }

    public static int Count(string text) => string.IsNullOrEmpty(text) ? 0 : Encoding.Value.CountTokens(text);
}
