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

    public sealed record Ticket(string TicketId, int Priority);
}
