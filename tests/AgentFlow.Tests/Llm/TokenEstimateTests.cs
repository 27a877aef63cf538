using AgentFlow.Testing;
using Microsoft.ML.Tokenizers;

namespace AgentFlow.Tests.Llm;

/// <summary>Token usage: the provider's when it reports it, else counted with a real tokenizer and marked as estimated.</summary>
public sealed class TokenEstimateTests
{
    private const string Reply = "Hello, world! This is a test of the tokenizer.";

    private static readonly Tokenizer O200k = TiktokenTokenizer.CreateForModel("gpt-4o");

    [Test]
    public async Task PromptTask_WhoseProviderReportsNoUsage_CountsTokensWithTheTokenizerAndMarksThemEstimated()
    {
        var model = new ScriptedChatClient().Enqueue(Reply);
        var task = FlowTask.FromPrompt<string, string>("p", new Prompt("p", "1", "Summarise: {{$input}}"));

        var result = await task.RunAsync("the quarterly report", new RunOptions { ChatClient = model });

        var call = result.Record.LlmCalls.Single();
        Assert.That(call.UsageEstimated, Is.True);
        Assert.That(call.Usage!.OutputTokenCount, Is.EqualTo(O200k.CountTokens(Reply)).And.EqualTo(12));
        // One user message: the tokens of its text, plus the chat format's per-message and reply-priming tokens.
        Assert.That(call.Usage.InputTokenCount, Is.EqualTo(O200k.CountTokens("Summarise: the quarterly report") + 3 + 3));
        Assert.That(call.Usage.TotalTokenCount, Is.EqualTo(call.Usage.InputTokenCount + call.Usage.OutputTokenCount));
        Assert.That(result.Record.FormatTimeline(), Does.Contain("out tokens (estimated)"));
    }

    [Test]
    public async Task AgentTask_WhoseProviderReportsNoUsage_CountsToolCallsAndResultsInTheEstimate()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.ToolCall("get_weather", new { city = "Paris" }), ScriptedReply.Text("ok"));
        var weather = Microsoft.Extensions.AI.AIFunctionFactory.Create((string city) => $"Sunny in {city} all day long", "get_weather");
        var task = FlowTask.FromAgent<string, string>("a", new Prompt("a", "1", "{{$input}}"), o => o.Tools.Add(weather));

        var result = await task.RunAsync("weather?", new RunOptions { ChatClient = model });

        var call = result.Record.LlmCalls.Single();
        var first = O200k.CountTokens("weather?") + 3 + 3;
        var toolCall = O200k.CountTokens("get_weather") + O200k.CountTokens("{\"city\":\"Paris\"}");
        var toolResult = O200k.CountTokens("\"Sunny in Paris all day long\""); // the function returns a JSON string, sent as JSON
        // The second request resends the user message, the model's tool call and the tool's result, each a message.
        var second = O200k.CountTokens("weather?") + 3 + 3 + toolCall + 3 + toolResult + 3;
        Assert.That(call.UsageEstimated, Is.True);
        Assert.That(call.Usage!.OutputTokenCount, Is.EqualTo(toolCall + O200k.CountTokens("ok")));
        Assert.That(call.Usage.InputTokenCount, Is.EqualTo(first + second));
    }

    [Test]
    public async Task PromptTask_WhoseProviderReportsUsage_KeepsItAndDoesNotMarkItEstimated()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Text(Reply).WithUsage(500, 40));

        var result = await FlowTask.FromPrompt<string, string>("p", new Prompt("p", "1", "{{$input}}")).RunAsync("x", new RunOptions { ChatClient = model });

        var call = result.Record.LlmCalls.Single();
        Assert.That(call.UsageEstimated, Is.False);
        Assert.That((call.Usage!.InputTokenCount, call.Usage.OutputTokenCount), Is.EqualTo((500L, 40L)));
        Assert.That(result.Record.FormatTimeline(), Does.Not.Contain("(estimated)"));
    }

    [Test]
    public async Task Repairs_WithAndWithoutReportedUsage_AddUpAndAreMarkedEstimatedWhenAnyCallWas()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Text("not json").WithUsage(100, 5), "{\"value\": 3}");

        var result = await FlowTask.FromPrompt<string, Holder>("p", new Prompt("p", "1", "{{$input}}")).RunAsync("x", new RunOptions { ChatClient = model });

        var call = result.Record.LlmCalls.Single();
        Assert.That(call.Attempts, Is.EqualTo(2));
        Assert.That(call.UsageEstimated, Is.True);
        Assert.That(call.Usage!.InputTokenCount, Is.GreaterThan(100), "the reported 100 plus the estimate of the repair call");
        Assert.That(call.Usage.OutputTokenCount, Is.EqualTo(5 + O200k.CountTokens("{\"value\": 3}")));
    }

    [Test]
    public async Task Decision_WhoseProviderReportsNoUsage_IsEstimatedToo()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Choice("yes"));
        var branch = Flow.Branch<string, string, string>("route")
            .DecideByLlm(s => s)
            .Case("yes", FlowTask.Create("y", (string s) => s))
            .Case("no", FlowTask.Create("n", (string s) => s))
            .Build();

        var result = await branch.RunAsync("x", new RunOptions { ChatClient = model });

        Assert.That(result.Record.LlmCalls.Single().UsageEstimated, Is.True);
        Assert.That(result.Record.Routes.Single().Usage!.InputTokenCount, Is.GreaterThan(0));
    }

    public sealed record Holder(int Value);
}
