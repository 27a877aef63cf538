using System.Text.Json;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Llm;

/// <summary>Outputs that are not objects (numbers, booleans, enums, lists) are asked for as {"value": ...}, as structured output wants an object.</summary>
public sealed class ScalarOutputTests
{
    private static PromptTask<string, TOut> Ask<TOut>(Action<PromptTaskOptions>? configure = null)
        => FlowTask.FromPrompt<string, TOut>("ask", new Prompt("ask", "1", "{{$input}}"), configure);

    private static JsonElement SchemaSent(ScriptedChatClient model)
        => ((ChatResponseFormatJson)model.Requests[0].Options!.ResponseFormat!).Schema!.Value;

    [Test]
    public async Task ANumber_IsAskedForInAnObject_AndReadFromIt()
    {
        var model = new ScriptedChatClient().Enqueue("{\"value\": 42}");

        var result = await Ask<int>().RunAsync("x", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo(42));
        var schema = SchemaSent(model);
        Assert.That(schema.GetProperty("type").GetString(), Is.EqualTo("object"));
        Assert.That(schema.GetProperty("properties").GetProperty("value").GetProperty("type").GetString(), Is.EqualTo("integer"));
        Assert.That(schema.GetProperty("required")[0].GetString(), Is.EqualTo("value"));
    }

    [Test]
    public async Task AnEnum_AndAList_AreWrappedToo()
    {
        var model = new ScriptedChatClient().Enqueue("{\"value\": \"Friday\"}", "{\"value\": [\"a\", \"b\"]}");

        var day = await Ask<DayOfWeek>().RunAsync("x", new RunOptions { ChatClient = model });
        var list = await Ask<List<string>>().RunAsync("x", new RunOptions { ChatClient = model });

        Assert.That(day.Output, Is.EqualTo(DayOfWeek.Friday));
        Assert.That(list.Output, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task ABareValue_IsAcceptedFromAModelWithoutStructuredOutput()
    {
        var model = new ScriptedChatClient().Enqueue("true");

        var result = await Ask<bool>().RunAsync("x", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.True);
    }

    [Test]
    public async Task AWrongValue_IsRepaired()
    {
        var model = new ScriptedChatClient().Enqueue("{\"value\": \"many\"}", "{\"value\": 3}");

        var result = await Ask<int>().RunAsync("x", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo(3));
        Assert.That(result.Record.LlmCalls.Single().Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task AnObject_IsNotWrapped()
    {
        var model = new ScriptedChatClient().Enqueue("{\"count\": 2}");

        var result = await Ask<Counted>().RunAsync("x", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo(new Counted(2)));
        Assert.That(SchemaSent(model).GetProperty("properties").TryGetProperty("count", out _), Is.True);
    }

    [Test]
    public async Task FewShotExamples_OfAWrappedOutput_AreShownWrapped()
    {
        var model = new ScriptedChatClient().Enqueue("{\"value\": 7}");
        var task = Ask<int>().WithExamples(new PromptExample<string, int>("seven", 7));

        await task.RunAsync("x", new RunOptions { ChatClient = model });

        Assert.That(model.Requests[0].Messages.Single(m => m.Role == ChatRole.Assistant).Text, Is.EqualTo("{\"value\":7}"));
    }

    public sealed record Counted(int Count);
}
