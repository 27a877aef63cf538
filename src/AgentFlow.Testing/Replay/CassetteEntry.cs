using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentFlow.Testing;

/// <summary>
/// One recorded exchange: the request's key, its canonical (scrubbed) form, and the answer, either a whole response
/// (<c>response</c>) or the updates of a streamed one (<c>updates</c>), as Microsoft.Extensions.AI serializes them.
/// </summary>
internal sealed class CassetteEntry
{
    private static readonly string[] RequestOrder = ["model", "messages", "options", "tools"];
    private static readonly string[] MessageOrder = ["role", "authorName"];

    public CassetteEntry(string key, JsonObject request, JsonObject? response, JsonArray? updates)
    {
        Key = key;
        Request = request;
        Response = response;
        Updates = updates;
    }

    public string Key { get; }

    public JsonObject Request { get; }

    public JsonObject? Response { get; }

    public JsonArray? Updates { get; }

    /// <summary>A fresh response: a recorded response as it was, or recorded updates merged.</summary>
    public ChatResponse ToResponse()
        => Response is not null
            ? Response.Deserialize<ChatResponse>(CassetteJson.Options)!
            : ToUpdates().ToChatResponse();

    /// <summary>Fresh updates: recorded updates as they were, chunk by chunk, or a recorded response split into updates.</summary>
    public IReadOnlyList<ChatResponseUpdate> ToUpdates()
        => Updates is not null
            ? [.. Updates.Select(u => u.Deserialize<ChatResponseUpdate>(CassetteJson.Options)!)]
            : Response!.Deserialize<ChatResponse>(CassetteJson.Options)!.ToChatResponseUpdates();

    /// <summary>
    /// The entry as written to the file. The request is written in reading order (model, messages, options, tools; each
    /// message's role first), everything else in it sorted; the order does not count towards the key.
    /// </summary>
    public JsonObject ToJson()
    {
        var request = new JsonObject();
        foreach (var name in RequestOrder.Where(Request.ContainsKey).Concat(Request.Select(p => p.Key).Except(RequestOrder)))
        {
            request[name] = name == "messages" && Request[name] is JsonArray messages
                ? new JsonArray([.. messages.Select(m => m is JsonObject message ? RoleFirst(message) : m?.DeepClone())])
                : Request[name]?.DeepClone();
        }

        var entry = new JsonObject { ["key"] = Key, ["request"] = request };
        if (Response is not null)
        {
            entry["response"] = Response.DeepClone();
        }
        else
        {
            entry["updates"] = Updates!.DeepClone();
        }

        return entry;
    }

    private static JsonObject RoleFirst(JsonObject message)
    {
        var ordered = new JsonObject();
        foreach (var name in MessageOrder.Where(message.ContainsKey).Concat(message.Select(p => p.Key).Except(MessageOrder)))
        {
            ordered[name] = message[name]?.DeepClone();
        }

        return ordered;
    }
}
