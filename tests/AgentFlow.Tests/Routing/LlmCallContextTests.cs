using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Routing;

/// <summary>The ambient <see cref="LlmCallContext"/> that tells a chat client which node is asking.</summary>
public sealed class LlmCallContextTests
{
    [Test]
    public void Current_OutsideAnyRun_IsNull()
    {
        Assert.That(LlmCallContext.Current, Is.Null);
    }

    [Test]
    public async Task Current_DuringADecision_NamesTheRunNodeAndPurposeThenIsCleared()
    {
        var client = new ContextCapturingChatClient();
        var loop = Flow.Loop("refine", FlowTask.Create("step", (int n) => n + 1)).UntilLlm(n => $"{n}?").MaxIterations(3).Build();
        var flow = Flow.Define<int>("job").Then(loop).Build();

        var result = await flow.RunAsync(0, new RunOptions { ChatClient = client, RunId = "run-42" });

        Assert.That(result.Output, Is.EqualTo(2));
        Assert.That(client.Seen.Select(c => c?.NodePath), Is.EqualTo(new[] { "job/refine#1", "job/refine#2" }));
        Assert.That(client.Seen.Select(c => c?.DefinitionPath), Has.All.EqualTo("job/refine"));
        Assert.That(client.Seen.Select(c => c?.RunId), Has.All.EqualTo("run-42"));
        Assert.That(client.Seen.Select(c => c?.Purpose), Has.All.EqualTo("loop-exit"));
        Assert.That(LlmCallContext.Current, Is.Null);
    }

    /// <summary>Answers continue, then stop, and remembers the context it was called in.</summary>
    private sealed class ContextCapturingChatClient : IChatClient
    {
        public List<LlmCallContext?> Seen { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Seen.Add(LlmCallContext.Current);
            var choice = Seen.Count == 1 ? "continue" : "stop";
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"{{\"choice\":\"{choice}\"}}")));
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield break;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
