using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentFlow.Testing;

/// <summary>What a <see cref="ScriptedChatClient"/> answers: text, JSON, an LLM decision, or an exception; optionally with usage and a delay.</summary>
public sealed class ScriptedReply
{
    private static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web);

    private readonly string? _text;
    private readonly Exception? _exception;

    private ScriptedReply(string? text, Exception? exception, UsageDetails? usage, TimeSpan delay)
    {
        _text = text;
        _exception = exception;
        Usage = usage;
        Delay = delay;
    }

    /// <summary>Gets the usage reported with the reply; <see langword="null"/> reports none.</summary>
    public UsageDetails? Usage { get; }

    /// <summary>Gets how long the client waits before answering (cancellation is honoured while it waits).</summary>
    public TimeSpan Delay { get; }

    /// <summary>Converts text to a reply.</summary>
    /// <param name="text">The reply text.</param>
    public static implicit operator ScriptedReply(string text) => Text(text);

    /// <summary>A plain text reply.</summary>
    /// <param name="text">The reply text.</param>
    /// <returns>The reply.</returns>
    public static ScriptedReply Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(text, null, null, TimeSpan.Zero);
    }

    /// <summary>A structured reply: <paramref name="value"/> serialized as JSON (web defaults: camelCase).</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="options">Serializer options; web defaults when <see langword="null"/>.</param>
    /// <returns>The reply.</returns>
    public static ScriptedReply Json<T>(T value, JsonSerializerOptions? options = null) => Text(JsonSerializer.Serialize(value, options ?? WebOptions));

    /// <summary>An answer to an AgentFlow LLM decision: the JSON object with choice, rationale and confidence it asks for.</summary>
    /// <param name="choice">The chosen label (a branch case's label, or <c>stop</c>/<c>continue</c> for a loop exit).</param>
    /// <param name="rationale">The model's reason.</param>
    /// <param name="confidence">The model's confidence from 0 to 1.</param>
    /// <returns>The reply.</returns>
    public static ScriptedReply Choice(string choice, string rationale = "scripted", double confidence = 1.0)
        => Json(new { rationale, choice, confidence });

    /// <summary>A reply that throws instead of answering, to simulate a failing model call.</summary>
    /// <param name="exception">The exception to throw.</param>
    /// <returns>The reply.</returns>
    public static ScriptedReply Throw(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(null, exception, null, TimeSpan.Zero);
    }

    /// <summary>The same reply, reporting token usage.</summary>
    /// <param name="inputTokens">Input tokens.</param>
    /// <param name="outputTokens">Output tokens.</param>
    /// <returns>A new reply.</returns>
    public ScriptedReply WithUsage(long inputTokens, long outputTokens)
        => new(_text, _exception, new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = inputTokens + outputTokens }, Delay);

    /// <summary>The same reply, given after a delay.</summary>
    /// <param name="delay">How long to wait.</param>
    /// <returns>A new reply.</returns>
    public ScriptedReply WithDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(_text, _exception, Usage, delay);
    }

    internal ChatResponse ToResponse(string modelId)
    {
        if (_exception is not null)
        {
            throw _exception;
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, _text))
        {
            ModelId = modelId,
            Usage = Usage,
            FinishReason = ChatFinishReason.Stop,
            ResponseId = Guid.NewGuid().ToString("N"),
        };
    }
}
