using Microsoft.Extensions.AI;

namespace AgentFlow.Benchmarks.Shapes;

/// <summary>A chat client that answers at once with a fixed decision, so a benchmark measures what surrounds the call.</summary>
internal sealed class InstantChatClient : IChatClient
{
    public const string Reply = """{"rationale":"mentions an invoice","choice":"Billing","confidence":0.9}""";

    private readonly Task<ChatResponse> _response = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Reply)));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => _response;

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("The benchmarks do not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
