using System.Net;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Simmy;

namespace AgentFlow.Tests.Resilience;

/// <summary>
/// Fault injection with Polly's chaos strategies between AgentFlow and the model: injected faults are retried away,
/// injected latency is cut by the attempt timeout, injected bad replies are repaired (and counted as repairs, not retries).
/// </summary>
public sealed class ChaosTests
{
    private static FlowTask<string, Answer> Ask(ModelResilienceOptions resilience)
        => FlowTask.FromPrompt<string, Answer>("ask", new Prompt("ask", "1", "{{$input}}"), o => o.Resilience = resilience);

    [Test]
    public async Task InjectedFaults_AreAllRetriedAway_AndEveryRetryIsRecorded()
    {
        var injected = 0;
        var random = new Random(20261126);
        var chaos = new ResiliencePipelineBuilder<ChatResponse>()
            .AddChaosFault(new()
            {
                InjectionRate = 0.3,
                Randomizer = random.NextDouble,
                FaultGenerator = _ => ValueTask.FromResult<Exception?>(new HttpRequestException("injected", null, HttpStatusCode.ServiceUnavailable)),
                OnFaultInjected = _ =>
                {
                    injected++;
                    return default;
                },
            })
            .Build();
        var model = new ChaosChatClient(new ScriptedChatClient().When(_ => true, _ => ScriptedReply.Json(new Answer(42))), chaos);
        var task = Ask(ModelResilienceOptions.Default with { MaxRetries = 10, BaseDelay = TimeSpan.Zero, CircuitBreaker = false });

        var retries = 0;
        for (var run = 0; run < 30; run++)
        {
            var result = await task.RunAsync("x", new RunOptions { ChatClient = model });
            Assert.That(result.Output.Value, Is.EqualTo(42));
            retries += result.Record.LlmCalls.Single().Retries;
        }

        Assert.That(injected, Is.GreaterThan(0), "the seed injects faults");
        Assert.That(retries, Is.EqualTo(injected));
    }

    [Test]
    public async Task InjectedLatency_IsCutByTheAttemptTimeout_AndTheCallIsRetried()
    {
        var time = new FakeTimeProvider();
        var slowFirst = true;
        var chaos = new ResiliencePipelineBuilder<ChatResponse> { TimeProvider = time }
            .AddChaosLatency(new()
            {
                Latency = TimeSpan.FromMinutes(5),
                EnabledGenerator = _ =>
                {
                    var inject = slowFirst;
                    slowFirst = false;
                    return ValueTask.FromResult(inject);
                },
                InjectionRate = 1,
            })
            .Build();
        var inner = new ScriptedChatClient().When(_ => true, _ => ScriptedReply.Json(new Answer(7)));
        var model = new ChaosChatClient(inner, chaos);
        var task = Ask(ModelResilienceOptions.Default with { AttemptTimeout = TimeSpan.FromSeconds(30), BaseDelay = TimeSpan.Zero, CircuitBreaker = false });
        var run = task.RunAsync("x", new RunOptions { ChatClient = model, TimeProvider = time });

        await Eventually.True(() => !slowFirst, "the slow attempt");
        time.Advance(TimeSpan.FromSeconds(30));
        var result = await run;

        Assert.That(result.Output.Value, Is.EqualTo(7));
        Assert.That(result.Record.LlmCalls.Single().Retries, Is.EqualTo(1));
        Assert.That(inner.Requests, Has.Count.EqualTo(1), "the slow attempt never reached the model");
    }

    [Test]
    public async Task InjectedBadReplies_AreRepaired_NotRetried()
    {
        var bad = 0;
        var chaos = new ResiliencePipelineBuilder<ChatResponse>()
            .AddChaosOutcome(new Polly.Simmy.Outcomes.ChaosOutcomeStrategyOptions<ChatResponse>
            {
                InjectionRate = 1,
                EnabledGenerator = _ => ValueTask.FromResult(bad++ == 0),
                OutcomeGenerator = _ => ValueTask.FromResult<Outcome<ChatResponse>?>(
                    Outcome.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "{\"value\": \"not a number\"")))),
            })
            .Build();
        var model = new ChaosChatClient(new ScriptedChatClient().When(_ => true, _ => ScriptedReply.Json(new Answer(3))), chaos);

        var result = await Ask(ModelResilienceOptions.Default).RunAsync("x", new RunOptions { ChatClient = model });

        Assert.That(result.Output.Value, Is.EqualTo(3));
        var call = result.Record.LlmCalls.Single();
        Assert.That((call.Attempts, call.Retries), Is.EqualTo((2, 0)));
    }

    public sealed record Answer(int Value);

    /// <summary>Runs every call to the inner client through a chaos pipeline.</summary>
    private sealed class ChaosChatClient(IChatClient inner, ResiliencePipeline<ChatResponse> chaos) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => chaos.ExecuteAsync(
                async (state, ct) => await state.Self.InnerGetAsync(state.Messages, state.Options, ct),
                (Self: this, Messages: messages, Options: options),
                cancellationToken).AsTask();

        private Task<ChatResponse> InnerGetAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
            => base.GetResponseAsync(messages, options, cancellationToken);
    }
}
