using System.ComponentModel.DataAnnotations;
using AgentFlow.Testing;

namespace AgentFlow.Tests.Testing;

/// <summary>The committed sample cassette, Cassettes/triage.json, replayed through a prompt task with no model at hand.</summary>
public sealed class SampleCassetteTests
{
    public enum Severity
    {
        Low,
        High,
    }

    public sealed record Ticket(string Customer, string Text);

    public sealed record Triage([property: Required, MinLength(3)] string Summary, Severity Severity, [property: System.ComponentModel.DataAnnotations.Range(0, 1)] double Confidence);

    [Test]
    public async Task SampleCassette_ReplaysATriagePromptOffline()
    {
        // To re-record the cassette: AGENTFLOW_CASSETTE_MODE=record dotnet test --filter SampleCassette
        // (here the "real" model is a scripted one; in an application's tests it would be the production client).
        var model = new ScriptedChatClient("gpt-4o-mini-2024-07-18")
            .WhenNode("triage", ScriptedReply.Json(new { summary = "Charged twice for one order", severity = "High", confidence = 0.92 }).WithUsage(96, 21));
        var cassette = Cassette.OpenBesideSource("Cassettes/triage.json");
        var before = File.ReadAllText(cassette.FilePath);
        using var client = new ReplayChatClient(cassette, model);
        var task = FlowTask.FromPrompt<Ticket, Triage>(
            "triage",
            new Prompt("triage", "1", "Customer {{$Customer}} wrote: {{$Text}}", "Summarise the ticket and rate its severity."),
            options => options.ModelId = "gpt-4o-mini");

        var result = await task.RunAsync(new Ticket("Ana", "I was charged twice for order 1042."), new RunOptions { ChatClient = client });

        Assert.That(result.Output, Is.EqualTo(new Triage("Charged twice for one order", Severity.High, 0.92)));
        var call = result.Record.LlmCalls.Single();
        Assert.That((call.ModelId, call.Usage?.InputTokenCount, call.Usage?.OutputTokenCount), Is.EqualTo(("gpt-4o-mini-2024-07-18", (long?)96, (long?)21)));
        if (client.Mode == CassetteMode.Replay)
        {
            Assert.That(model.Requests, Is.Empty, "replay asks no model");
            Assert.That(File.ReadAllText(cassette.FilePath), Is.EqualTo(before), "replay never writes");
        }
    }
}
