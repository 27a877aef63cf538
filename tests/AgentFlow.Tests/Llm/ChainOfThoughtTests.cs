using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Llm;

/// <summary>Chain-of-thought: the model reasons in its own field, kept out of the typed output and recorded.</summary>
public sealed class ChainOfThoughtTests
{
    public sealed record Verdict(bool Refund, string Reason);

    private static readonly Prompt RefundPrompt = new("refund", "1", "Should we refund? {{$input}}");

    [Test]
    public async Task ChainOfThought_ReturnsTheAnswerAsTheOutput_AndRecordsTheReasoning()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Json(new
        {
            reasoning = "The order was charged twice; the second charge is a duplicate.",
            answer = new { refund = true, reason = "duplicate charge" },
        }));
        var task = FlowTask.FromPrompt<string, Verdict>("refund", RefundPrompt, o => o.ChainOfThought = true);

        var result = await task.RunAsync("charged twice", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo(new Verdict(true, "duplicate charge")));
        Assert.That(result.Record.LlmCalls.Single().Reasoning, Is.EqualTo("The order was charged twice; the second charge is a duplicate."));
    }

    [Test]
    public async Task ChainOfThought_AsksForReasoningBeforeTheAnswerInTheSchemaAndTheInstructions()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Json(new { reasoning = "r", answer = new { refund = false, reason = "none" } }));

        await FlowTask.FromPrompt<string, Verdict>("refund", RefundPrompt, o => o.ChainOfThought = true).RunAsync("x", new RunOptions { ChatClient = model });

        var request = model.Requests.Single();
        var schema = ((ChatResponseFormatJson)request.Options!.ResponseFormat!).Schema!.Value;
        Assert.That(schema.GetProperty("properties").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "reasoning", "answer" }));
        Assert.That(schema.GetProperty("properties").GetProperty("answer").GetProperty("properties").TryGetProperty("refund", out _), Is.True);
        Assert.That(request.Messages.Any(m => m.Role == ChatRole.System && m.Text.Contains("step by step", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public async Task ChainOfThought_WithAStringOutput_ReturnsOnlyTheAnswerText()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Json(new { reasoning = "think", answer = "Yes, refund it." }));

        var result = await FlowTask.FromPrompt<string, string>("refund", RefundPrompt, o => o.ChainOfThought = true).RunAsync("x", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("Yes, refund it."));
        Assert.That(result.Record.LlmCalls.Single().Reasoning, Is.EqualTo("think"));
    }

    [Test]
    public async Task ChainOfThought_WithoutAnAnswer_IsRepaired()
    {
        var model = new ScriptedChatClient().Enqueue(
            ScriptedReply.Json(new { reasoning = "I forgot the answer" }),
            ScriptedReply.Json(new { reasoning = "again", answer = new { refund = true, reason = "late" } }));

        var result = await FlowTask.FromPrompt<string, Verdict>("refund", RefundPrompt, o => o.ChainOfThought = true).RunAsync("x", new RunOptions { ChatClient = model });

        Assert.That(result.Output.Reason, Is.EqualTo("late"));
        Assert.That(model.Requests[1].LastUserText, Does.Contain("\"answer\""));
    }
}
