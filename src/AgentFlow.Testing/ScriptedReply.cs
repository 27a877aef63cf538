using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentFlow.Testing;

/// <summary>
/// What a <see cref="ScriptedChatClient"/> answers: text, JSON, an LLM decision, tool calls, or an exception; optionally
/// with usage and a delay.
/// </summary>
public sealed class ScriptedReply
{
    private static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web);

    private readonly string? _text;
    private readonly Exception? _exception;
    private readonly ScriptedToolCall[]? _toolCalls;

    private ScriptedReply(string? text, Exception? exception, UsageDetails? usage, TimeSpan delay, ScriptedToolCall[]? toolCalls = null)
    {
        _text = text;
        _exception = exception;
        Usage = usage;
        Delay = delay;
        _toolCalls = toolCalls;
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

    /// <summary>A reply that calls one tool, as a model does when it wants a tool's result before it answers.</summary>
    /// <param name="toolName">The tool's name.</param>
    /// <param name="arguments">The arguments: an object or dictionary, sent as its JSON (camelCase); <see langword="null"/> for none.</param>
    /// <param name="callId">The call's id; <see langword="null"/> for <c>call-{request index}-0</c>.</param>
    /// <returns>The reply.</returns>
    public static ScriptedReply ToolCall(string toolName, object? arguments = null, string? callId = null)
        => ToolCalls(new ScriptedToolCall(toolName, arguments, callId));

    /// <summary>A reply that calls several tools at once, in the order given.</summary>
    /// <param name="calls">The calls.</param>
    /// <returns>The reply.</returns>
    public static ScriptedReply ToolCalls(params ScriptedToolCall[] calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.Length == 0)
        {
            throw new ArgumentException("Give at least one tool call.", nameof(calls));
        }

        foreach (var call in calls)
        {
            ArgumentNullException.ThrowIfNull(call, nameof(calls));
            ArgumentException.ThrowIfNullOrWhiteSpace(call.ToolName, nameof(calls));
        }

        // Arguments are read now, as a provider would parse them, so a reply that cannot be sent fails where it is written.
        return new(null, null, null, TimeSpan.Zero, [.. calls.Select(c => c with { Arguments = ArgumentsOf(c.Arguments) })]);
    }

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
        => new(_text, _exception, new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = inputTokens + outputTokens }, Delay, _toolCalls);

    /// <summary>The same reply, given after a delay.</summary>
    /// <param name="delay">How long to wait.</param>
    /// <returns>A new reply.</returns>
    public ScriptedReply WithDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(_text, _exception, Usage, delay, _toolCalls);
    }

    internal ChatResponse ToResponse(string modelId, int requestIndex)
    {
        if (_exception is not null)
        {
            throw _exception;
        }

        var message = _toolCalls is null
            ? new ChatMessage(ChatRole.Assistant, _text)
            : new ChatMessage(ChatRole.Assistant, [.. _toolCalls.Select((c, i) => (AIContent)new FunctionCallContent(
                c.CallId ?? $"call-{requestIndex}-{i}",
                c.ToolName,
                c.Arguments is IDictionary<string, object?> arguments ? new Dictionary<string, object?>(arguments) : null))]);
        return new ChatResponse(message)
        {
            ModelId = modelId,
            Usage = Usage,
            FinishReason = _toolCalls is null ? ChatFinishReason.Stop : ChatFinishReason.ToolCalls,
            ResponseId = Guid.NewGuid().ToString("N"),
        };
    }

    /// <summary>The arguments as a provider hands them over: a dictionary of JSON values.</summary>
    private static Dictionary<string, object?>? ArgumentsOf(object? arguments)
    {
        if (arguments is null)
        {
            return null;
        }

        var json = JsonSerializer.SerializeToElement(arguments, arguments.GetType(), WebOptions);
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"Tool call arguments must serialize to a JSON object, not {json.ValueKind}: use an anonymous object such as new {{ city = \"Paris\" }}.", nameof(arguments));
        }

        return json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
    }
}
