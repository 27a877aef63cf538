using Microsoft.Extensions.AI;

namespace AgentFlow.Testing;

/// <summary>A request the <see cref="ScriptedChatClient"/> received, with the AgentFlow node that sent it.</summary>
public sealed class ScriptedRequest
{
    internal ScriptedRequest(int index, IReadOnlyList<ChatMessage> messages, ChatOptions? options, LlmCallContext? caller, bool streaming)
    {
        Index = index;
        Messages = messages;
        Options = options;
        NodePath = caller?.NodePath;
        DefinitionPath = caller?.DefinitionPath;
        RunId = caller?.RunId;
        Purpose = caller?.Purpose;
        Streaming = streaming;
    }

    /// <summary>Gets the request's position among all requests the client received, from 0.</summary>
    public int Index { get; }

    /// <summary>Gets the messages sent, as they were when the request was made.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>Gets the options sent.</summary>
    public ChatOptions? Options { get; }

    /// <summary>Gets the run-time path of the node that asked (<c>support/refine#2</c>), or <see langword="null"/> outside AgentFlow.</summary>
    public string? NodePath { get; }

    /// <summary>Gets the definition path of the node that asked (<c>support/refine</c>), or <see langword="null"/> outside AgentFlow.</summary>
    public string? DefinitionPath { get; }

    /// <summary>Gets the run id of the asking node, or <see langword="null"/> outside AgentFlow.</summary>
    public string? RunId { get; }

    /// <summary>Gets what the call was for (<c>prompt</c>, <c>agent</c>, <c>judge</c>, <c>route-decision</c>, <c>loop-exit</c>), or <see langword="null"/> outside AgentFlow.</summary>
    public string? Purpose { get; }

    /// <summary>Gets a value indicating whether the request was a streaming one.</summary>
    public bool Streaming { get; }

    /// <summary>Gets the tool results sent with the request (an agent's answers to the model's tool calls), in order.</summary>
    public IReadOnlyList<FunctionResultContent> ToolResults => [.. Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>()];

    /// <summary>Gets the tools declared with the request (<see cref="ChatOptions.Tools"/>), by name.</summary>
    public IReadOnlyList<string> ToolNames => Options?.Tools?.Select(t => t.Name).ToArray() ?? [];

    /// <summary>Gets the text of the last user message, or an empty string.</summary>
    public string LastUserText => Messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;

    /// <summary>Gets whether this request was sent by the node at <paramref name="path"/>, run-time or definition path.</summary>
    /// <param name="path">The node path.</param>
    /// <returns><see langword="true"/> when it was.</returns>
    public bool IsFrom(string path) => NodePath == path || DefinitionPath == path;

    /// <inheritdoc />
    public override string ToString()
    {
        var text = LastUserText;
        return $"request #{Index} from {NodePath ?? "(no AgentFlow node)"}: \"{(text.Length > 120 ? text[..117] + "..." : text)}\"";
    }
}
