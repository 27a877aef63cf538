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

    /// <summary>The model id the request named, for the closest-match search and messages.</summary>
    public string? Model => Request["model"]?.GetValue<string>();

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

    /// <summary>The entry as written to the file.</summary>
    public JsonObject ToJson()
    {
        var entry = new JsonObject { ["key"] = Key, ["request"] = Request.DeepClone() };
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
}
