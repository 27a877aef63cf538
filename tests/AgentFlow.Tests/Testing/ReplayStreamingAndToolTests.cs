using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Testing;

/// <summary>Streaming recorded and replayed chunk by chunk, and tool-calling conversations recorded and replayed.</summary>
public sealed class ReplayStreamingAndToolTests
{
    private static readonly JsonElement CitySchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;

    [Test]
    public async Task Streaming_IsRecordedAndReplayedChunkByChunk_WithItsUsage()
    {
        using var file = new TempCassette();
        var inner = new FakeChatClient { Stream = (_, _) => Chunks("Hel", "lo, ", "world.") };
        List<string> live;
        using (var recorder = file.Client(CassetteMode.Record, inner))
        {
            live = await Texts(recorder.GetStreamingResponseAsync("Greet me."));
        }

        using var replayer = file.Client(CassetteMode.Replay);
        List<ChatResponseUpdate> replayed = [];
        await foreach (var update in replayer.GetStreamingResponseAsync("Greet me."))
        {
            replayed.Add(update);
        }

        Assert.That(live, Is.EqualTo(new[] { "Hel", "lo, ", "world.", string.Empty }));
        Assert.That(replayed.Select(u => u.Text), Is.EqualTo(live), "the same chunks, in order");
        var merged = replayed.ToChatResponse();
        Assert.That((merged.Text, merged.Usage?.InputTokenCount, merged.Usage?.OutputTokenCount), Is.EqualTo(("Hello, world.", (long?)5, (long?)3)));
        Assert.That(JsonNode.Parse(file.Text)!["entries"]![0]!["updates"]!.AsArray(), Has.Count.EqualTo(4));
        Assert.That(inner.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task AStreamedRecording_AnswersANonStreamingRequest_AndAWholeResponseAStreamingOne()
    {
        using var file = new TempCassette();
        var inner = new FakeChatClient { Stream = (_, _) => Chunks("Hel", "lo") };
        using (var recorder = file.Client(CassetteMode.Record, inner))
        {
            await Texts(recorder.GetStreamingResponseAsync("streamed"));
            await recorder.GetResponseAsync("whole");
        }

        using var replayer = file.Client(CassetteMode.Replay);
        var merged = await replayer.GetResponseAsync("streamed");
        var split = await Texts(replayer.GetStreamingResponseAsync("whole"));

        Assert.That((merged.Text, merged.Usage?.OutputTokenCount), Is.EqualTo(("Hello", (long?)2)));
        Assert.That(string.Concat(split), Is.EqualTo("echo: whole"));
    }

    [Test]
    public async Task AStreamAbandonedHalfWay_IsNotRecorded()
    {
        using var file = new TempCassette();
        var inner = new FakeChatClient { Stream = (_, _) => Chunks("one", "two", "three") };
        using var client = file.Client(CassetteMode.Auto, inner);

        await foreach (var update in client.GetStreamingResponseAsync("count"))
        {
            Assert.That(update.Text, Is.EqualTo("one"));
            break;
        }

        Assert.That(client.Cassette.Count, Is.Zero);
        var full = await Texts(client.GetStreamingResponseAsync("count"));
        Assert.That(string.Concat(full), Is.EqualTo("onetwothree"));
        Assert.That((client.Cassette.Count, inner.Calls), Is.EqualTo((1, 2)), "the full read was recorded");
    }

    [Test]
    public void StreamingReplayMiss_ThrowsOnTheFirstRead()
    {
        using var file = new TempCassette();
        using var replayer = file.Client(CassetteMode.Replay);

        var stream = replayer.GetStreamingResponseAsync("nothing recorded");

        Assert.ThrowsAsync<CassetteMissException>(async () => await Texts(stream));
    }

    [Test]
    public async Task AToolCallingConversation_IsRecordedAndReplayed_WithCallsAndResultsIntact()
    {
        using var file = new TempCassette();
        var tool = AIFunctionFactory.Create((string city) => city == "Paris" ? "21 C, clear" : "unknown", "get_weather", "Gets the weather in a city.");
        var options = new ChatOptions { ModelId = "gpt-4o-mini", Tools = [tool], ToolMode = ChatToolMode.Auto };
        var inner = new FakeChatClient
        {
            Respond = (messages, _) => messages[^1].Role == ChatRole.Tool
                ? new ChatResponse(new ChatMessage(ChatRole.Assistant, "It is 21 C and clear in Paris.")) { ModelId = "gpt-4o-mini", Usage = new() { InputTokenCount = 60, OutputTokenCount = 9 } }
                : new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_7", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]))
                {
                    ModelId = "gpt-4o-mini",
                    FinishReason = ChatFinishReason.ToolCalls,
                    Usage = new() { InputTokenCount = 50, OutputTokenCount = 12 },
                },
        };
        using (var recorder = file.Client(CassetteMode.Record, inner))
        {
            await Converse(recorder, options, tool);
        }

        using var replayer = file.Client(CassetteMode.Replay);
        var (call, result, answer) = await Converse(replayer, options, tool);

        Assert.That((call.CallId, call.Name, call.Arguments!["city"]?.ToString()), Is.EqualTo(("call_7", "get_weather", "Paris")));
        Assert.That(result, Is.EqualTo("21 C, clear"), "the replayed call's arguments invoke the real tool");
        Assert.That((answer.Text, answer.Usage?.InputTokenCount), Is.EqualTo(("It is 21 C and clear in Paris.", (long?)60)));
        Assert.That(inner.Calls, Is.EqualTo(2));
        var request = JsonNode.Parse(file.Text)!["entries"]![1]!["request"]!;
        Assert.That(request["messages"]![2]!["contents"]![0]!["$type"]!.GetValue<string>(), Is.EqualTo("functionResult"));
        Assert.That(request["tools"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("get_weather"));
    }

    [Test]
    public async Task AChangedToolDescription_Misses_NamingTheTool()
    {
        using var file = new TempCassette();
        using (var recorder = file.Client(CassetteMode.Record, new FakeChatClient()))
        {
            await recorder.GetResponseAsync("weather?", new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Gets the weather.", CitySchema)] });
        }

        using var replayer = file.Client(CassetteMode.Replay);
        var ex = Assert.ThrowsAsync<CassetteMissException>(async () => await replayer.GetResponseAsync(
            "weather?", new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Gets today's weather.", CitySchema)] }));

        Assert.That(ex!.Differences.Single().ToString(), Is.EqualTo("tools[0].description: recorded \"Gets the weather.\", actual \"Gets today's weather.\""));
    }

    /// <summary>Asks, runs the tool the model called, sends its result back, and returns the call, the result and the answer.</summary>
    private static async Task<(FunctionCallContent Call, string? Result, ChatResponse Answer)> Converse(ReplayChatClient client, ChatOptions options, AIFunction tool)
    {
        List<ChatMessage> messages = [new(ChatRole.User, "What is the weather in Paris?")];
        var first = await client.GetResponseAsync(messages, options);
        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        var result = (await tool.InvokeAsync(new AIFunctionArguments(call.Arguments)))?.ToString();
        messages.AddRange(first.Messages);
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
        return (call, result, await client.GetResponseAsync(messages, options));
    }

    private static IEnumerable<ChatResponseUpdate> Chunks(params string[] texts)
    {
        foreach (var text in texts)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, text) { ResponseId = "r-1", MessageId = "m-1" };
        }

        yield return new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { InputTokenCount = 5, OutputTokenCount = texts.Length })] };
    }

    private static async Task<List<string>> Texts(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        List<string> texts = [];
        await foreach (var update in updates)
        {
            texts.Add(update.Text);
        }

        return texts;
    }
}
