using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace AgentFlow.Tests.Wire;

/// <summary>
/// Prompt tasks over the real OpenAI client against the mock server (tests/mock-llm): what goes over the wire and what
/// comes back into the run record. Each prompt carries the marker of the server rule it exercises.
/// </summary>
[Category("Wire")]
public sealed class PromptTaskWireTests
{
    public enum Severity
    {
        Low,
        High,
    }

    public sealed record Ticket(string Customer, string Text);

    public sealed record Triage(
        [property: Required, MinLength(3)] string Summary,
        Severity Severity,
        [property: System.ComponentModel.DataAnnotations.Range(0, 1)] double Confidence);

    private static readonly Triage Expected = new("Double charge on the March invoice", Severity.High, 0.9);

    private static FlowTask<Ticket, Triage> TriageTask(string marker)
        => FlowTask.FromPrompt<Ticket, Triage>(
            "triage",
            new Prompt("triage", "1", "Customer {{$Customer}} wrote: {{$Text}}", $"Summarise the ticket and rate its severity. Mock scenario: {marker}."));

    private static readonly Ticket AnaTicket = new("Ana", "I was charged twice for March.");

    [Test]
    [CancelAfter(30_000)]
    public async Task StructuredOutput_SendsTheOutputsJsonSchema_AndRecordsTheProvidersUsage(CancellationToken cancellationToken)
    {
        var mock = MockLlm.Connect();

        var result = await TriageTask("wire:structured").RunAsync(AnaTicket, new RunOptions { ChatClient = mock.ChatClient() }, cancellationToken);

        Assert.That(result.Output, Is.EqualTo(Expected));
        var call = result.Record.LlmCalls.Single();
        Assert.That((call.Attempts, call.Succeeded, call.ModelId), Is.EqualTo((1, true, MockLlm.DefaultModel)));
        Assert.That(call.UsageEstimated, Is.False, "the reply carried a usage block");
        Assert.That((call.Usage!.InputTokenCount, call.Usage.OutputTokenCount), Is.EqualTo((42L, 17L)));

        var request = (await mock.ReceivedAsync(1, cancellationToken)).Single();
        Assert.That(request.GetProperty("model").GetString(), Is.EqualTo(MockLlm.DefaultModel));
        Assert.That(request.GetProperty("temperature").GetDouble(), Is.Zero);
        var format = request.GetProperty("response_format");
        Assert.That(format.GetProperty("type").GetString(), Is.EqualTo("json_schema"), format.ToString());
        var schema = format.GetProperty("json_schema");
        Assert.That(schema.GetProperty("name").GetString(), Is.EqualTo("Triage"));
        var properties = schema.GetProperty("schema").GetProperty("properties");
        Assert.That(properties.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "summary", "severity", "confidence" }), properties.ToString());
        Assert.That(properties.GetProperty("severity").GetProperty("enum").EnumerateArray().Select(e => e.GetString()), Is.EquivalentTo(new[] { "Low", "High" }));
        var messages = request.GetProperty("messages").EnumerateArray().ToArray();
        Assert.That(messages.Select(m => m.GetProperty("role").GetString()), Is.EqualTo(new[] { "system", "user" }));
        Assert.That(TextOf(messages[1]), Is.EqualTo("Customer Ana wrote: I was charged twice for March."));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task MalformedJson_IsSentBackWithTheParseError_AndTheSecondReplyIsAccepted(CancellationToken cancellationToken)
    {
        var mock = MockLlm.Connect();

        var result = await TriageTask("wire:malformed-then-valid").RunAsync(AnaTicket, new RunOptions { ChatClient = mock.ChatClient() }, cancellationToken);

        Assert.That(result.Output, Is.EqualTo(Expected));
        var call = result.Record.LlmCalls.Single();
        Assert.That((call.Attempts, call.Succeeded), Is.EqualTo((2, true)));
        Assert.That((call.Usage!.InputTokenCount, call.Usage.OutputTokenCount), Is.EqualTo((40L + 42L, 21L + 17L)), "both calls' usage, as reported");
        Assert.That(call.UsageEstimated, Is.False);

        var requests = await mock.ReceivedAsync(2, cancellationToken);
        Assert.That(requests, Has.Count.EqualTo(2));
        var repair = requests[1].GetProperty("messages").EnumerateArray().ToArray();
        Assert.That(repair.Select(m => m.GetProperty("role").GetString()), Is.EqualTo(new[] { "system", "user", "assistant", "user" }));
        Assert.That(TextOf(repair[2]), Does.StartWith("{summary:"), "the malformed reply is kept in the conversation");
        Assert.That(TextOf(repair[3]), Does.Contain("does not match the required shape"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ReplyWithoutUsage_IsCountedWithTheTokenizer_AndMarkedAsEstimated(CancellationToken cancellationToken)
    {
        var mock = MockLlm.Connect();

        var result = await TriageTask("wire:no-usage").RunAsync(AnaTicket, new RunOptions { ChatClient = mock.ChatClient() }, cancellationToken);

        Assert.That(result.Output, Is.EqualTo(Expected));
        var call = result.Record.LlmCalls.Single();
        Assert.That(call.UsageEstimated, Is.True);
        Assert.That(call.Usage!.InputTokenCount, Is.GreaterThan(0));
        Assert.That(call.Usage.OutputTokenCount, Is.EqualTo(TokenEstimator.Count("{\"summary\":\"Double charge on the March invoice\",\"severity\":\"High\",\"confidence\":0.9}")));
        Assert.That(result.Record.FormatTimeline(), Does.Contain("(estimated)"));
    }

    private static string? TextOf(JsonElement message)
    {
        var content = message.GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? content.GetString()
            : string.Concat(content.EnumerateArray().Select(part => part.GetProperty("text").GetString()));
    }
}
