using System.ClientModel;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Wire;

/// <summary>
/// What a resilience layer sees through the real OpenAI <see cref="IChatClient"/> when the provider rate-limits or fails
/// (the mock server's stateful rules, see tests/mock-llm/README.md), and tool calls over the wire.
/// </summary>
[Category("Wire")]
public sealed class TransportWireTests
{
    private static readonly ChatMessage[] StructuredPrompt = [new(ChatRole.User, "Triage this ticket. Mock scenario: wire:structured.")];

    private static readonly ChatOptions StructuredOptions = new()
    {
        ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object"}""").RootElement, "Triage"),
    };

    [Test]
    [CancelAfter(30_000)]
    public async Task RateLimitedOnce_Fails429WithRetryAfter_ThenTheNextCallSucceeds(CancellationToken cancellationToken)
    {
        var mock = MockLlm.Connect();
        var client = mock.ChatClient();
        ChatMessage[] prompt = [new(ChatRole.User, "Triage this ticket. Mock scenario: wire:rate-limited-once.")];

        var ex = Assert.ThrowsAsync<ClientResultException>(async () => await client.GetResponseAsync(prompt, cancellationToken: cancellationToken));

        // What a retry that honours Retry-After reads: the status, and the header of the raw HTTP response.
        Assert.That(ex!.Status, Is.EqualTo(429));
        string? header = null;
        Assert.That(ex.GetRawResponse()?.Headers.TryGetValue("Retry-After", out header), Is.True);
        Assert.That(header, Is.EqualTo("1"));
        Assert.That(MockLlm.RetryAfter(ex), Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(await mock.ReceivedAsync(1, cancellationToken), Has.Count.EqualTo(1), "the OpenAI client's own retries are off");

        var response = await client.GetResponseAsync(prompt, cancellationToken: cancellationToken);

        Assert.That(response.Text, Does.Contain("Double charge"));
        Assert.That(await mock.ReceivedAsync(2, cancellationToken), Has.Count.EqualTo(2));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task AlwaysFailingModel_Fails500OnEveryCall_WhileAnotherModelAnswers(CancellationToken cancellationToken)
    {
        var mock = MockLlm.Connect();
        var failing = mock.ChatClient(MockLlm.AlwaysFailingModel);
        var fallback = mock.ChatClient(MockLlm.DefaultModel);

        for (var call = 1; call <= 5; call++)
        {
            var ex = Assert.ThrowsAsync<ClientResultException>(async () => await failing.GetResponseAsync(StructuredPrompt, StructuredOptions, cancellationToken));
            Assert.That(ex!.Status, Is.EqualTo(500), $"call {call}");
        }

        var response = await fallback.GetResponseAsync(StructuredPrompt, StructuredOptions, cancellationToken);

        Assert.That(response.Text, Does.Contain("Double charge"));
        Assert.That(response.ModelId, Is.EqualTo(MockLlm.DefaultModel));
        var models = (await mock.ReceivedAsync(6, cancellationToken)).Select(r => r.GetProperty("model").GetString());
        Assert.That(models, Is.EqualTo(Enumerable.Repeat(MockLlm.AlwaysFailingModel, 5).Append(MockLlm.DefaultModel)));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ThriceFailingModel_Fails500ThreeTimesPerTest_ThenAnswers(CancellationToken cancellationToken)
    {
        var mock = MockLlm.Connect();
        var client = mock.ChatClient(MockLlm.ThriceFailingModel);

        for (var call = 1; call <= 3; call++)
        {
            var ex = Assert.ThrowsAsync<ClientResultException>(async () => await client.GetResponseAsync(StructuredPrompt, StructuredOptions, cancellationToken));
            Assert.That(ex!.Status, Is.EqualTo(500), $"call {call}");
        }

        var response = await client.GetResponseAsync(StructuredPrompt, StructuredOptions, cancellationToken);

        Assert.That(response.Text, Does.Contain("Double charge"));
        Assert.That(response.Usage?.InputTokenCount, Is.EqualTo(42));
        // Another test id has a count of its own.
        var other = MockLlm.Connect().ChatClient(MockLlm.ThriceFailingModel);
        Assert.That(Assert.ThrowsAsync<ClientResultException>(async () => await other.GetResponseAsync(StructuredPrompt, StructuredOptions, cancellationToken))!.Status, Is.EqualTo(500));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ToolCall_ArrivesAsAFunctionCall_AndTheToolResultGetsTheFinalAnswer(CancellationToken cancellationToken)
    {
        var mock = MockLlm.Connect();
        var client = mock.ChatClient();
        var getOrderStatus = AIFunctionFactory.Create((string orderId) => $"Order {orderId}: shipped", "get_order_status", "The status of an order.");
        var options = new ChatOptions { Tools = [getOrderStatus] };
        List<ChatMessage> conversation = [new(ChatRole.User, "Where is my order A-17? Mock scenario: wire:tool-call.")];

        var first = await client.GetResponseAsync(conversation, options, cancellationToken);

        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        Assert.That((call.CallId, call.Name), Is.EqualTo(("call_wire_1", "get_order_status")));
        Assert.That(call.Arguments?["orderId"]?.ToString(), Is.EqualTo("A-17"));
        Assert.That(first.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));

        conversation.AddRange(first.Messages);
        conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "Order A-17: shipped")]));
        var second = await client.GetResponseAsync(conversation, options, cancellationToken);

        Assert.That(second.Text, Is.EqualTo("Order A-17 has shipped."));
        var requests = await mock.ReceivedAsync(2, cancellationToken);
        Assert.That(requests[0].GetProperty("tools").EnumerateArray().Single().GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("get_order_status"));
        var toolMessage = requests[1].GetProperty("messages").EnumerateArray().Last();
        Assert.That((toolMessage.GetProperty("role").GetString(), toolMessage.GetProperty("tool_call_id").GetString()), Is.EqualTo(("tool", "call_wire_1")));
    }
}
