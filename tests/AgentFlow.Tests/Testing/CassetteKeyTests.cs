using System.Text.Json;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Testing;

/// <summary>
/// The key of a request: stable across processes and runs, changed by everything that changes the answer, and not by
/// ids, timestamps or formatting.
/// </summary>
public sealed class CassetteKeyTests
{
    private static readonly ReplayChatClient Keyer = new(Cassette.Open(Path.Combine(Path.GetTempPath(), $"agentflow-key-{Guid.NewGuid():N}.json")), null, TempCassette.Options(CassetteMode.Replay));

    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""
        {"type":"object","properties":{"city":{"type":"string","description":"The city."}},"required":["city"]}
        """).RootElement;

    private static readonly JsonElement AnswerSchema = JsonDocument.Parse("""
        {"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}
        """).RootElement;

    /// <summary>
    /// The canonical form is part of every committed cassette: if this key changes, every cassette misses. Change it
    /// only on purpose, with a new cassette format version and a note to re-record.
    /// </summary>
    [Test]
    public void Key_OfAFixedRequest_IsTheSameInEveryProcess()
    {
        var (messages, options) = Request();

        var key = Keyer.ComputeKey(messages, options);

        Assert.That(key, Is.EqualTo("870e5105a4dd18ac461afa76e1dac681b5077bac7bb604c3a1dfd96e1e52cef1"));
    }

    [Test]
    public void Key_IsTheSameForEveryClientAndEveryCopyOfTheRequest()
    {
        using var file = new TempCassette();
        using var other = file.Client(CassetteMode.Replay);
        var (messages, options) = Request();
        var (copy, copyOptions) = Request();

        Assert.That(other.ComputeKey(copy, copyOptions), Is.EqualTo(Keyer.ComputeKey(messages, options)));
        Assert.That(Keyer.ComputeKey(messages, options), Does.Match("^[0-9a-f]{64}$"));
    }

    public static IEnumerable<TestCaseData> Changes()
    {
        static TestCaseData Case(string name, Action<List<ChatMessage>, ChatOptions> change) => new TestCaseData(change).SetName($"Key_Changes_When_{name}");

        yield return Case("TheModelChanges", (_, o) => o.ModelId = "gpt-4o");
        yield return Case("AUserTextChangesByOneCharacter", (m, _) => m[1] = new ChatMessage(ChatRole.User, "What is the weather in Paris?!"));
        yield return Case("TheSystemPromptChanges", (m, _) => m[0] = new ChatMessage(ChatRole.System, "You are a helpful forecaster."));
        yield return Case("ARoleChanges", (m, _) => m[1].Role = ChatRole.Assistant);
        yield return Case("TheAuthorNameChanges", (m, _) => m[1].AuthorName = "bo");
        yield return Case("AMessageIsAdded", (m, _) => m.Add(new ChatMessage(ChatRole.User, "And tomorrow?")));
        yield return Case("AMessageIsRemoved", (m, _) => m.RemoveAt(0));
        yield return Case("MessagesAreReordered", (m, _) => m.Reverse());
        yield return Case("AMessagePropertyChanges", (m, _) => m[1].AdditionalProperties = new() { ["priority"] = "high" });
        yield return Case("AFunctionCallArgumentChanges", (m, _) => ((FunctionCallContent)m[2].Contents[0]).Arguments!["city"] = "Lyon");
        yield return Case("AFunctionCallIdChanges", (m, _) => m[2].Contents[0] = new FunctionCallContent("call_2", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" }));
        yield return Case("AFunctionResultChanges", (m, _) => m[3].Contents[0] = new FunctionResultContent("call_1", "rain"));
        yield return Case("AnImageChanges", (m, _) => m[1].Contents.Add(new DataContent(new byte[] { 1, 2, 3 }, "image/png")));
        yield return Case("TheInstructionsChange", (_, o) => o.Instructions = "Be brief.");
        yield return Case("TheTemperatureChanges", (_, o) => o.Temperature = 0.7f);
        yield return Case("TopPChanges", (_, o) => o.TopP = 0.9f);
        yield return Case("TopKChanges", (_, o) => o.TopK = 40);
        yield return Case("MaxOutputTokensChange", (_, o) => o.MaxOutputTokens = 101);
        yield return Case("TheFrequencyPenaltyChanges", (_, o) => o.FrequencyPenalty = 0.5f);
        yield return Case("ThePresencePenaltyChanges", (_, o) => o.PresencePenalty = 0.5f);
        yield return Case("TheSeedChanges", (_, o) => o.Seed = 8);
        yield return Case("AStopSequenceChanges", (_, o) => o.StopSequences = ["END", "STOP"]);
        yield return Case("TheResponseFormatBecomesText", (_, o) => o.ResponseFormat = ChatResponseFormat.Text);
        yield return Case("TheResponseFormatBecomesAnyJson", (_, o) => o.ResponseFormat = ChatResponseFormat.Json);
        yield return Case("TheResponseSchemaChanges", (_, o) => o.ResponseFormat = ChatResponseFormat.ForJsonSchema(WeatherSchema, "Answer"));
        yield return Case("TheResponseSchemaNameChanges", (_, o) => o.ResponseFormat = ChatResponseFormat.ForJsonSchema(AnswerSchema, "Reply"));
        yield return Case("TheToolModeChanges", (_, o) => o.ToolMode = ChatToolMode.RequireSpecific("get_weather"));
        yield return Case("MultipleToolCallsAreAllowed", (_, o) => o.AllowMultipleToolCalls = true);
        yield return Case("ReasoningOptionsAreSet", (_, o) => o.Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High });
        yield return Case("AProviderSpecificOptionChanges", (_, o) => o.AdditionalProperties = new() { ["logprobs"] = true });
        yield return Case("AToolIsAdded", (_, o) => o.Tools!.Add(AIFunctionFactory.CreateDeclaration("get_time", "Gets the time.", WeatherSchema)));
        yield return Case("AToolIsRenamed", (_, o) => o.Tools![0] = AIFunctionFactory.CreateDeclaration("get_forecast", "Gets the weather in a city.", WeatherSchema));
        yield return Case("AToolDescriptionChanges", (_, o) => o.Tools![0] = AIFunctionFactory.CreateDeclaration("get_weather", "Gets the weather.", WeatherSchema));
        yield return Case("AToolSchemaChanges", (_, o) => o.Tools![0] = AIFunctionFactory.CreateDeclaration("get_weather", "Gets the weather in a city.", AnswerSchema));
        yield return Case("AHostedToolIsAdded", (_, o) => o.Tools!.Add(new HostedWebSearchTool()));
    }

    [TestCaseSource(nameof(Changes))]
    public void Key_Changes(Action<List<ChatMessage>, ChatOptions> change)
    {
        var (messages, options) = Request();
        var before = Keyer.ComputeKey(messages, options);

        change(messages, options);

        Assert.That(Keyer.ComputeKey(messages, options), Is.Not.EqualTo(before));
    }

    public static IEnumerable<TestCaseData> NonChanges()
    {
        static TestCaseData Case(string name, Action<List<ChatMessage>, ChatOptions> change) => new TestCaseData(change).SetName($"Key_IsKept_When_{name}");

        yield return Case("MessageIdsAndTimesDiffer", (m, _) =>
        {
            m[1].MessageId = Guid.NewGuid().ToString();
            m[1].CreatedAt = DateTimeOffset.UtcNow;
        });
        yield return Case("TheConversationIdDiffers", (_, o) => o.ConversationId = Guid.NewGuid().ToString());
        yield return Case("LineEndingsAreCrLf", (m, _) => m[0] = new ChatMessage(ChatRole.System, "You are a helpful\r\nweather assistant."));
        yield return Case("AnIntegerIsWrittenAsADecimal", (_, o) => o.AdditionalProperties!["n"] = 1.0);
        yield return Case("PropertiesComeInAnotherOrder", (_, o) => o.AdditionalProperties = new() { ["n"] = 1, ["region"] = "eu" });
        yield return Case("SchemaPropertiesComeInAnotherOrder", (_, o) => o.ResponseFormat = ChatResponseFormat.ForJsonSchema(
            JsonDocument.Parse("""{"required":["answer"],"properties":{"answer":{"type":"string"}},"type":"object"}""").RootElement, "Answer", "The answer."));
        yield return Case("TheRawRepresentationDiffers", (m, _) => m[1].RawRepresentation = new object());
    }

    [TestCaseSource(nameof(NonChanges))]
    public void Key_IsKept(Action<List<ChatMessage>, ChatOptions> change)
    {
        var (messages, options) = Request();
        var before = Keyer.ComputeKey(messages, options);

        change(messages, options);

        Assert.That(Keyer.ComputeKey(messages, options), Is.EqualTo(before));
    }

    public sealed record Ticket(string Customer, string Text);

    /// <summary>Prompts that differ in one variable's value, however slightly, never share a key (a cache that ignored one would answer wrongly).</summary>
    [TestCase("Ana", "Ana ")]
    [TestCase("Ana", "ana")]
    [TestCase("Ana", "Anа")] // the last letter is Cyrillic
    [TestCase("1042", "1043")]
    [TestCase("", " ")]
    public async Task Key_OfAPromptTask_DiffersWhenOneVariableDiffers(string first, string second)
    {
        var model = new ScriptedChatClient().When(_ => true, _ => ScriptedReply.Json(new { text = "ok" }));
        var task = FlowTask.FromPrompt<Ticket, string>("reply", new Prompt("reply", "1", "Customer {{$Customer}} wrote: {{$Text}}"));
        foreach (var customer in new[] { first, second, first })
        {
            await task.RunAsync(new Ticket(customer, "Where is my order?"), new RunOptions { ChatClient = model });
        }

        var keys = model.Requests.Select(r => Keyer.ComputeKey(r.Messages, r.Options)).ToList();

        Assert.That(keys[1], Is.Not.EqualTo(keys[0]));
        Assert.That(keys[2], Is.EqualTo(keys[0]), "the same input keys the same in another run");
    }

    /// <summary>A request with a system prompt, a user question, a tool call and its result, and options of every kind.</summary>
    private static (List<ChatMessage> Messages, ChatOptions Options) Request()
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "You are a helpful\nweather assistant."),
            new(ChatRole.User, "What is the weather in Paris?") { AuthorName = "ana" },
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", new { sky = "clear", celsius = 21.5 })]),
        ];
        var options = new ChatOptions
        {
            ModelId = "gpt-4o-mini",
            Temperature = 0,
            MaxOutputTokens = 100,
            Seed = 7,
            StopSequences = ["END"],
            ResponseFormat = ChatResponseFormat.ForJsonSchema(AnswerSchema, "Answer", "The answer."),
            ToolMode = ChatToolMode.Auto,
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Gets the weather in a city.", WeatherSchema)],
            AdditionalProperties = new() { ["region"] = "eu", ["n"] = 1 },
        };
        return (messages, options);
    }
}
