using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Testing;

/// <summary>
/// A hand-written chat client whose answers are fixed functions of the request, with no random ids or timestamps, and
/// whose streaming yields the updates it is given, chunk by chunk. Counts its calls.
/// </summary>
internal sealed class FakeChatClient : IChatClient
{
    private int _calls;

    /// <summary>Gets the non-streaming answer; by default the last user text, prefixed.</summary>
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> Respond { get; init; } =
        (messages, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "echo: " + messages[^1].Text)) { ModelId = "fake-1", ResponseId = "r-1" };

    /// <summary>Gets the streamed answer; by default the non-streaming one split into updates.</summary>
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, IEnumerable<ChatResponseUpdate>>? Stream { get; init; }

    public int Calls => Volatile.Read(ref _calls);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(Respond([.. messages], options));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        List<ChatMessage> list = [.. messages];
        var updates = Stream?.Invoke(list, options) ?? Respond(list, options).ToChatResponseUpdates();
        foreach (var update in updates)
        {
            await Task.Yield();
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
