using System.Net;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace AgentFlow.Tests.Resilience;

/// <summary>Fallback to other models when one keeps failing, and the circuit breaker that stops calling it.</summary>
public sealed class ModelFallbackTests
{
    private static readonly ModelResilienceOptions NoRetries = ModelResilienceOptions.Default with { MaxRetries = 0, CircuitBreaker = false };

    private static HttpRequestException Outage() => new("HTTP 503", null, HttpStatusCode.ServiceUnavailable);

    private static FlowTask<string, string> Ask(Action<PromptTaskOptions> configure)
        => FlowTask.FromPrompt<string, string>("ask", new Prompt("ask", "1", "{{$input}}"), configure);

    [Test]
    public async Task APrimaryThatKeepsFailing_FallsBackToTheNextModel_AndTheRecordSaysSo()
    {
        var primary = new ScriptedChatClient("big").Enqueue(ScriptedReply.Throw(Outage()), ScriptedReply.Throw(Outage()));
        var backup = new ScriptedChatClient("small").Enqueue("from backup");
        var task = Ask(o =>
        {
            o.ChatClient = primary;
            o.Resilience = NoRetries with { MaxRetries = 1, BaseDelay = TimeSpan.Zero };
            o.Fallbacks.Add(ModelTarget.Of(backup, "small-2026"));
        });

        var result = await task.RunAsync("x");

        Assert.That(result.Output, Is.EqualTo("from backup"));
        Assert.That(primary.Requests, Has.Count.EqualTo(2), "the primary used its retry first");
        Assert.That(backup.Requests.Single().Options?.ModelId, Is.EqualTo("small-2026"));
        var call = result.Record.LlmCalls.Single();
        Assert.That((call.Attempts, call.Retries, call.Fallbacks, call.ModelId), Is.EqualTo((1, 1, 1, "small")));
        Assert.That(
            call.Requests.Select(r => (r.ModelId, r.Failure)),
            Is.EqualTo(new (string?, string?)[] { ("big", nameof(HttpRequestException)), ("big", nameof(HttpRequestException)), ("small", null) }));
    }

    [Test]
    public async Task Fallbacks_AreTriedInOrder()
    {
        var primary = new ScriptedChatClient("a").Enqueue(ScriptedReply.Throw(Outage()));
        var second = new ScriptedChatClient("b").Enqueue(ScriptedReply.Throw(Outage()));
        var third = new ScriptedChatClient("c").Enqueue("from c");
        var task = Ask(o =>
        {
            o.Resilience = NoRetries;
            o.Fallbacks.Add(ModelTarget.Of(second));
            o.Fallbacks.Add(ModelTarget.Of(third));
        });

        var result = await task.RunAsync("x", new RunOptions { ChatClient = primary });

        Assert.That(result.Output, Is.EqualTo("from c"));
        Assert.That(result.Record.LlmCalls.Single().Fallbacks, Is.EqualTo(2));
    }

    [Test]
    public void WhenEveryModelFails_TheNodeFailsWithTheLastModelsFailure()
    {
        var last = Outage();
        var primary = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(Outage()));
        var backup = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(last));
        var task = Ask(o =>
        {
            o.Resilience = NoRetries;
            o.Fallbacks.Add(ModelTarget.Of(backup));
        });

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await task.RunAsync("x", new RunOptions { ChatClient = primary }));

        Assert.That(ex!.InnerException, Is.SameAs(last));
        Assert.That(ex.NodePath, Is.EqualTo("ask"));
    }

    [Test]
    public void AFailureThatIsNotTransient_IsNotPassedToTheFallback()
    {
        var badRequest = new HttpRequestException("HTTP 400", null, HttpStatusCode.BadRequest);
        var primary = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(badRequest));
        var backup = new ScriptedChatClient().Enqueue("never asked");
        var task = Ask(o => o.Fallbacks.Add(ModelTarget.Of(backup)));

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await task.RunAsync("x", new RunOptions { ChatClient = primary }));

        Assert.That(ex!.InnerException, Is.SameAs(badRequest));
        Assert.That(backup.Requests, Is.Empty);
    }

    [Test]
    public async Task KeyedFallbacks_AreResolvedFromTheRunsServices()
    {
        var primary = new ScriptedChatClient("big").Enqueue(ScriptedReply.Throw(Outage()));
        var backup = new ScriptedChatClient("small").Enqueue("from backup");
        var services = new ServiceCollection();
        services.AddKeyedChatClient("primary", primary);
        services.AddKeyedChatClient("backup", backup);
        await using var provider = services.BuildServiceProvider();
        var task = Ask(o =>
        {
            o.ModelKey = "primary";
            o.Resilience = NoRetries;
            o.Fallbacks.Add(ModelTarget.Keyed("backup"));
        });

        var result = await task.RunAsync("x", new RunOptions { Services = provider });

        Assert.That(result.Output, Is.EqualTo("from backup"));
    }

    [Test]
    public void AMissingKeyedFallback_FailsTheNodeBeforeAnyCall()
    {
        var primary = new ScriptedChatClient().Enqueue("never asked");
        var services = new ServiceCollection().BuildServiceProvider();
        var task = Ask(o => o.Fallbacks.Add(ModelTarget.Keyed("backup")));

        var ex = Assert.ThrowsAsync<FlowConfigurationException>(async () => await task.RunAsync("x", new RunOptions { ChatClient = primary, Services = services }));

        Assert.That(ex!.NodePath, Is.EqualTo("ask"));
        Assert.That(ex.Message, Does.Contain("'backup'").And.Contain("Fallback model 1"));
        Assert.That(primary.Requests, Is.Empty);
    }

    [Test]
    public void ANullFallback_IsADefinitionError()
    {
        var ex = Assert.Throws<FlowDefinitionException>(() => Flow.Define<string>("flow").Then(Ask(o => o.Fallbacks.Add(null!))).Build());

        Assert.That(ex!.Message, Does.Contain("Fallbacks holds a null target"));
    }

    [Test]
    public async Task AnOpenCircuit_SkipsTheFailingModel_UntilTheBreakIsOver()
    {
        var time = new FakeTimeProvider();
        var primary = new ScriptedChatClient("big").When(_ => true, _ => ScriptedReply.Throw(Outage()));
        var backup = new ScriptedChatClient("small").When(_ => true, _ => ScriptedReply.Text("from backup"));
        var breaker = ModelResilienceOptions.Default with
        {
            MaxRetries = 0,
            BreakerMinimumThroughput = 2,
            BreakerFailureRatio = 0.5,
            BreakDuration = TimeSpan.FromSeconds(30),
        };
        var task = Ask(o =>
        {
            o.ChatClient = primary;
            o.Resilience = breaker;
            o.Fallbacks.Add(ModelTarget.Of(backup));
        });
        var options = new RunOptions { TimeProvider = time };

        for (var run = 0; run < 4; run++)
        {
            Assert.That((await task.RunAsync("x", options)).Output, Is.EqualTo("from backup"));
        }

        Assert.That(primary.Requests, Has.Count.EqualTo(2), "after two failures the circuit is open and the primary is not called");
        time.Advance(TimeSpan.FromSeconds(31));
        await task.RunAsync("x", options);
        Assert.That(primary.Requests, Has.Count.EqualTo(3), "after the break one trial call goes to the primary");
    }

    [Test]
    public async Task AnOpenCircuitWithoutFallback_FailsTheNodeWithBrokenCircuitException()
    {
        var time = new FakeTimeProvider();
        var primary = new ScriptedChatClient().When(_ => true, _ => ScriptedReply.Throw(Outage()));
        var task = Ask(o =>
        {
            o.ChatClient = primary;
            o.Resilience = ModelResilienceOptions.Default with { MaxRetries = 0, BreakerMinimumThroughput = 2 };
        });
        var options = new RunOptions { TimeProvider = time };
        for (var run = 0; run < 2; run++)
        {
            Assert.ThrowsAsync<FlowTaskException>(async () => await task.RunAsync("x", options));
        }

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await task.RunAsync("x", options));

        Assert.That(ex!.InnerException, Is.InstanceOf<BrokenCircuitException>());
        Assert.That(primary.Requests, Has.Count.EqualTo(2));
        await Task.CompletedTask;
    }

    [Test]
    public async Task TheCircuitIsPerModel_SoAnotherModelIdOnTheSameClientIsStillCalled()
    {
        var time = new FakeTimeProvider();
        var client = new ScriptedChatClient()
            .When(r => r.Options?.ModelId == "broken", _ => ScriptedReply.Throw(Outage()))
            .When(r => r.Options?.ModelId == "healthy", _ => ScriptedReply.Text("fine"));
        var breaker = ModelResilienceOptions.Default with { MaxRetries = 0, BreakerMinimumThroughput = 2 };
        var broken = Ask(o => { o.ModelId = "broken"; o.Resilience = breaker; });
        var healthy = Ask(o => { o.ModelId = "healthy"; o.Resilience = breaker; });
        var options = new RunOptions { ChatClient = client, TimeProvider = time };
        for (var run = 0; run < 3; run++)
        {
            Assert.ThrowsAsync<FlowTaskException>(async () => await broken.RunAsync("x", options));
        }

        Assert.That((await healthy.RunAsync("x", options)).Output, Is.EqualTo("fine"));
    }

    [Test]
    public async Task AnAgentsModelCalls_AreRetriedAndFallBack_WhileItsToolsRunOnce()
    {
        var lookups = 0;
        var lookup = AIFunctionFactory.Create((string city) => $"{city}: {++lookups} sunny", "weather");
        var primary = new ScriptedChatClient("big").Enqueue(ScriptedReply.ToolCall("weather", new { city = "Oslo" }), ScriptedReply.Throw(Outage()));
        var backup = new ScriptedChatClient("small").Enqueue("Sunny in Oslo.");
        var agent = FlowTask.FromAgent<string, string>("agent", new Prompt("agent", "1", "{{$input}}"), o =>
        {
            o.Tools.Add(lookup);
            o.ChatClient = primary;
            o.Resilience = NoRetries;
            o.Fallbacks.Add(ModelTarget.Of(backup));
        });

        var result = await agent.RunAsync("Weather in Oslo?");

        Assert.That(result.Output, Is.EqualTo("Sunny in Oslo."));
        Assert.That(lookups, Is.EqualTo(1), "the tool ran once; only the failed model call moved to the fallback");
        Assert.That(backup.Requests.Single().ToolResults.Single().Result?.ToString(), Is.EqualTo("Oslo: 1 sunny"), "the fallback sees the conversation so far");
        var call = result.Record.LlmCalls.Single();
        Assert.That((call.Fallbacks, call.ToolCalls), Is.EqualTo((1, 1)));
    }
}
