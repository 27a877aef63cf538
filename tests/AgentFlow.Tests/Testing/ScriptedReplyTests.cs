using System.Text.Json;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Testing;

/// <summary>The replies a scripted chat client can give.</summary>
public sealed class ScriptedReplyTests
{
    [Test]
    public async Task Choice_IsTheJsonObjectAnLlmDecisionAsksFor()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Choice("Billing", "mentions an invoice", 0.25));

        var response = await model.GetResponseAsync("q");

        using var json = JsonDocument.Parse(response.Text);
        Assert.That(json.RootElement.GetProperty("choice").GetString(), Is.EqualTo("Billing"));
        Assert.That(json.RootElement.GetProperty("rationale").GetString(), Is.EqualTo("mentions an invoice"));
        Assert.That(json.RootElement.GetProperty("confidence").GetDouble(), Is.EqualTo(0.25));
    }

    [Test]
    public async Task Json_SerializesWithCamelCaseWebDefaults()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Json(new Ticket("T-1", 3)));

        var response = await model.GetResponseAsync("q");

        Assert.That(response.Text, Is.EqualTo("""{"ticketId":"T-1","priority":3}"""));
    }

    [Test]
    public async Task Text_ConvertsImplicitlyFromString()
    {
        ScriptedReply reply = "plain";
        var model = new ScriptedChatClient().Enqueue(reply);

        var response = await model.GetResponseAsync("q");

        Assert.That(response.Text, Is.EqualTo("plain"));
        Assert.That(response.Usage, Is.Null);
    }

    [Test]
    public void WithUsageAndWithDelay_ReturnNewRepliesKeepingTheOtherSettings()
    {
        var original = ScriptedReply.Text("x");

        var delayed = original.WithDelay(TimeSpan.FromSeconds(2)).WithUsage(7, 4);

        Assert.That(original.Usage, Is.Null);
        Assert.That(original.Delay, Is.EqualTo(TimeSpan.Zero));
        Assert.That(delayed.Delay, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(delayed.Usage!.TotalTokenCount, Is.EqualTo(11));
    }

    [Test]
    public void WithDelay_Negative_ThrowsArgumentOutOfRangeException()
    {
        Assert.That(() => ScriptedReply.Text("x").WithDelay(TimeSpan.FromSeconds(-1)), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Factories_WithNullArguments_ThrowArgumentNullException()
    {
        Assert.That(() => ScriptedReply.Text(null!), Throws.ArgumentNullException);
        Assert.That(() => ScriptedReply.Throw(null!), Throws.ArgumentNullException);
    }

    [Test]
    public async Task ToolCall_IsAnAssistantMessageWithAFunctionCallWhoseArgumentsAreJsonValues()
    {
        var model = new ScriptedChatClient().Enqueue("first", ScriptedReply.ToolCall("get_weather", new { City = "Paris", Days = 2 }));

        await model.GetResponseAsync("q");
        var response = await model.GetResponseAsync("q");

        var call = response.Messages.Single().Contents.OfType<FunctionCallContent>().Single();
        Assert.That((call.Name, call.CallId), Is.EqualTo(("get_weather", "call-1-0")), "the default id names the request and the call's position");
        Assert.That(call.Arguments!.Keys, Is.EqualTo(new[] { "city", "days" }), "camelCase, as web defaults write it");
        Assert.That(((JsonElement)call.Arguments["days"]!).GetInt32(), Is.EqualTo(2));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That(response.Messages.Single().Role, Is.EqualTo(ChatRole.Assistant));
    }

    [Test]
    public async Task ToolCalls_KeepTheirOrderAndIds_AndUsageAndDelaySettingsKeepTheCalls()
    {
        var reply = ScriptedReply.ToolCalls(new ScriptedToolCall("a", CallId: "x"), new ScriptedToolCall("b", new Dictionary<string, object?> { ["n"] = 1 })).WithUsage(5, 1);
        var model = new ScriptedChatClient().Enqueue(reply);

        var response = await model.GetResponseAsync("q");

        var calls = response.Messages.Single().Contents.OfType<FunctionCallContent>().ToArray();
        Assert.That(calls.Select(c => (c.Name, c.CallId)), Is.EqualTo(new[] { ("a", "x"), ("b", "call-0-1") }));
        Assert.That(calls[0].Arguments, Is.Null);
        Assert.That(response.Usage!.InputTokenCount, Is.EqualTo(5));
    }

    [Test]
    public void ToolCall_WithArgumentsThatAreNotAnObject_OrNoCalls_Throws()
    {
        Assert.That(() => ScriptedReply.ToolCall("t", "just text"), Throws.ArgumentException.With.Message.Contain("JSON object"));
        Assert.That(() => ScriptedReply.ToolCalls(), Throws.ArgumentException);
        Assert.That(() => ScriptedReply.ToolCall(" "), Throws.ArgumentException);
    }

    public sealed record Ticket(string TicketId, int Priority);
}
