using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentFlow.Testing;

/// <summary>
/// The canonical form of a request, as stored in a cassette and hashed into its key: <c>model</c> (the request's
/// <see cref="ChatOptions.ModelId"/>), <c>messages</c>, <c>options</c> and <c>tools</c>.
/// </summary>
internal static class CassetteRequest
{
    /// <summary>Message fields that do not change the answer: ids and timestamps differ on every run.</summary>
    private static readonly string[] VolatileMessageFields = ["messageId", "createdAt"];

    /// <summary>
    /// Option fields left out of the key: the model is keyed on its own, tools are keyed on their own (their schema,
    /// not their .NET delegate), and a conversation id or continuation token is issued by the service anew on every run.
    /// </summary>
    private static readonly string[] UnkeyedOptionFields = ["modelId", "conversationId", "continuationToken"];

    /// <summary>The canonical, unscrubbed request.</summary>
    public static JsonObject Build(List<ChatMessage> messages, ChatOptions? options)
    {
        try
        {
            var request = new JsonObject
            {
                ["model"] = options?.ModelId,
                ["messages"] = new JsonArray([.. messages.Select(Message)]),
                ["options"] = Options(options),
                ["tools"] = new JsonArray([.. (options?.Tools ?? []).Select(Tool)]),
            };
            return (JsonObject)CanonicalJson.Normalize(request)!;
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"A cassette cannot key this request: a part of it does not serialize to JSON ({ex.Message}). "
                + "Keep the messages' contents and the options' AdditionalProperties to JSON-serializable values.",
                ex);
        }
    }

    private static JsonNode Message(ChatMessage? message)
    {
        ArgumentNullException.ThrowIfNull(message);
        JsonObject node;
        try
        {
            node = JsonSerializer.SerializeToNode(message, CassetteJson.Options)!.AsObject();
        }
        catch (NotSupportedException)
        {
            // A content type Microsoft.Extensions.AI does not know: keyed by its own type name and public properties.
            node = new JsonObject { ["role"] = message.Role.Value, ["contents"] = new JsonArray([.. message.Contents.Select(Content)]) };
            if (message.AuthorName is not null)
            {
                node["authorName"] = message.AuthorName;
            }

            if (message.AdditionalProperties is { Count: > 0 } properties)
            {
                node["additionalProperties"] = JsonSerializer.SerializeToNode(properties, CassetteJson.Options);
            }
        }

        foreach (var field in VolatileMessageFields)
        {
            node.Remove(field);
        }

        return node;
    }

    private static JsonNode? Content(AIContent content)
    {
        try
        {
            return JsonSerializer.SerializeToNode(content, CassetteJson.Options);
        }
        catch (NotSupportedException)
        {
            var node = JsonSerializer.SerializeToNode(content, content.GetType(), CassetteJson.Options)!.AsObject();
            node["$type"] = content.GetType().FullName;
            return node;
        }
    }

    private static JsonObject Options(ChatOptions? options)
    {
        if (options is null)
        {
            return [];
        }

        var node = JsonSerializer.SerializeToNode(options, CassetteJson.Options)!.AsObject();
        foreach (var field in UnkeyedOptionFields)
        {
            node.Remove(field);
        }

        return node;
    }

    private static JsonObject Tool(AITool? tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        if (tool is AIFunctionDeclaration function)
        {
            // What a provider is told of a function: its name, description and parameter schema; never its delegate.
            var node = new JsonObject
            {
                ["type"] = "function",
                ["name"] = function.Name,
                ["description"] = function.Description,
                ["parameters"] = JsonSerializer.SerializeToNode(function.JsonSchema, CassetteJson.Options),
            };
            if (function.AdditionalProperties.Count > 0)
            {
                node["additionalProperties"] = JsonSerializer.SerializeToNode(function.AdditionalProperties, CassetteJson.Options);
            }

            return node;
        }

        // A hosted tool (web search, code interpreter, an MCP server, ...): every public property it has.
        JsonObject hosted;
        try
        {
            hosted = JsonSerializer.SerializeToNode(tool, tool.GetType(), CassetteJson.Options)?.AsObject() ?? [];
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            hosted = new JsonObject { ["name"] = tool.Name, ["description"] = tool.Description };
        }

        hosted["type"] = tool.GetType().Name;
        return hosted;
    }
}
