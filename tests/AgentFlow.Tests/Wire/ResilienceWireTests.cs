using System.ClientModel;
using AgentFlow.Tests.Logging;
using Polly.CircuitBreaker;

namespace AgentFlow.Tests.Wire;

/// <summary>
/// AgentFlow's resilience over the real OpenAI client against the mock server: a 429 with Retry-After waited for and
/// retried, and a model that keeps answering 500 opening its circuit while a second model takes over.
/// </summary>
[Category("Wire")]
public sealed class ResilienceWireTests
{
    public sealed record Triage(string Summary, string Severity, double Confidence);

    public sealed record Ticket(string Customer, string Text);

    private static readonly Ticket AnaTicket = new("Ana", "I was charged twice for March.");

    private static FlowTask<Ticket, Triage> TriageTask(string marker, Action<PromptTaskOptions>? configure = null)
        => FlowTask.FromPrompt<Ticket, Triage>(
            "triage",
            new Prompt("triage", "1", "Customer {{$Customer}} wrote: {{$Text}}", $"Summarise the ticket and rate its severity. Mock scenario: {marker}."),
            configure);

    [Test]
    [CancelAfter(30_000)]
    public async Task TooManyRequests_WaitsAsLongAsRetryAfterSays_ThenSucceeds(CancellationToken cancellationToken)
    {
        var mock = MockLlm.Connect();
        using var logs = new CapturingLoggerFactory();
        var options = new RunOptions
        {
            ChatClient = mock.ChatClient(),
            LoggerFactory = logs,
            // No backoff of our own: the only wait can come from the provider's Retry-After.
            Resilience = ModelResilienceOptions.Default with { BaseDelay = TimeSpan.Zero, UseJitter = false },
        };

        var result = await TriageTask("wire:rate-limited-once").RunAsync(AnaTicket, options, cancellationToken);

        Assert.That(result.Output.Summary, Is.Not.Empty);
        var call = result.Record.LlmCalls.Single();
        Assert.That((call.Attempts, call.Retries), Is.EqualTo((1, 1)));
        Assert.That(call.Requests.Select(r => r.Failure), Is.EqualTo(new[] { nameof(ClientResultException), null }));
        var retry = logs.Entries.Single(e => e.EventId.Id == 60);
        Assert.That(retry.Message, Does.Contain("retry 1 in 1000 ms"), "the 1 s the server asked for in Retry-After");
        Assert.That(await mock.ReceivedAsync(atLeast: 2, cancellationToken), Has.Count.EqualTo(2));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ABurstOf500s_OpensTheCircuit_AndTheSecondModelTakesOver(CancellationToken cancellationToken)
    {
        var mock = MockLlm.Connect();
        var failing = mock.ChatClient(MockLlm.AlwaysFailingModel);
        var healthy = mock.ChatClient(MockLlm.DefaultModel);
        var task = TriageTask("wire:structured", o =>
        {
            o.ChatClient = failing;
            o.Resilience = ModelResilienceOptions.Default with
            {
                MaxRetries = 1,
                BaseDelay = TimeSpan.Zero,
                BreakerMinimumThroughput = 2,
                BreakDuration = TimeSpan.FromMinutes(5),
            };
            o.Fallbacks.Add(ModelTarget.Of(healthy));
        });

        var records = new List<LlmCallRecord>();
        for (var run = 0; run < 3; run++)
        {
            var result = await task.RunAsync(AnaTicket, cancellationToken: cancellationToken);
            Assert.That(result.Output.Summary, Is.Not.Empty);
            records.Add(result.Record.LlmCalls.Single());
        }

        Assert.That(records.Select(r => r.Fallbacks), Is.All.EqualTo(1));
        Assert.That(records[0].Requests.Select(r => r.Failure), Is.EqualTo(new[] { nameof(ClientResultException), nameof(ClientResultException), null }));
        Assert.That(records[1].Requests.Select(r => r.ModelId), Is.EqualTo(new[] { MockLlm.DefaultModel }), "the open circuit skips the failing model");
        var received = await mock.ReceivedAsync(atLeast: 5, cancellationToken);
        Assert.That(received.Count(r => r.GetProperty("model").GetString() == MockLlm.AlwaysFailingModel), Is.EqualTo(2), "two 500s opened the circuit");
        Assert.That(received.Count(r => r.GetProperty("model").GetString() == MockLlm.DefaultModel), Is.EqualTo(3));

        // Without a fallback, the open circuit fails the node at once, naming it.
        var alone = TriageTask("wire:structured", o =>
        {
            o.ChatClient = failing;
            o.Resilience = ModelResilienceOptions.Default with { MaxRetries = 1, BaseDelay = TimeSpan.Zero, BreakerMinimumThroughput = 2, BreakDuration = TimeSpan.FromMinutes(5) };
        });
        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await alone.RunAsync(AnaTicket, cancellationToken: cancellationToken));
        Assert.That(ex!.InnerException, Is.InstanceOf<BrokenCircuitException>());
        Assert.That(ex.NodePath, Is.EqualTo("triage"));
    }
}
