using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentFlow.Testing;

/// <summary>Streaming: updates recorded chunk by chunk as the inner client yields them, and replayed the same way.</summary>
public sealed partial class ReplayChatClient
{
    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        List<ChatMessage> sent = [.. messages];
        var request = Prepare(sent, options);
        if (Replays(request, out var entry))
        {
            foreach (var update in entry.ToUpdates())
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return update;
            }

            yield break;
        }

        var recorded = new JsonArray();
        await foreach (var update in InnerClient!.GetStreamingResponseAsync(sent, options, cancellationToken).ConfigureAwait(false))
        {
            var stored = _scrubber.Scrub(JsonSerializer.SerializeToNode(update, CassetteJson.Options))!;
            recorded.Add(stored);
            yield return stored.Deserialize<ChatResponseUpdate>(CassetteJson.Options)!;
        }

        // Reached only when the caller has read every update: a stream abandoned half-way is not a recording.
        Cassette.Record(new CassetteEntry(request.Key, request.Canonical, null, recorded));
    }
}
