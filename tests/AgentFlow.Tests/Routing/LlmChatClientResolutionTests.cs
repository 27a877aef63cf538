using System.Net;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFlow.Tests.Routing;

/// <summary>Which chat client an LLM decision asks, what happens when there is none, and failures of the call itself.</summary>
public sealed class LlmChatClientResolutionTests
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    public enum Topic
    {
        Billing,
        Technical,
    }

    [Test]
    public async Task Decision_WithOwnChatClient_AsksItBeforeRunAndServiceClients()
    {
        var own = Answering("own");
        var keyed = Answering("keyed");
        var fromRun = Answering("run");
        var fromServices = Answering("services");
        using var services = Services(keyed, fromServices);

        await Route(o => o.ChatClient = own).RunAsync("hi", new RunOptions { ChatClient = fromRun, Services = services });

        Assert.That(own.Requests, Has.Count.EqualTo(1));
        Assert.That(keyed.Requests, Is.Empty);
        Assert.That(fromRun.Requests, Is.Empty);
        Assert.That(fromServices.Requests, Is.Empty);
    }

    [Test]
    public void Decision_WithBothOwnChatClientAndModelKey_FailsWhenBuiltInsteadOfPickingOne()
    {
        var ex = Assert.Throws<FlowDefinitionException>(() => Route(o =>
        {
            o.ChatClient = Answering("own");
            o.ModelKey = "fast";
        }));

        Assert.That(ex!.Message, Does.Contain("both ChatClient and ModelKey"));
    }

    [Test]
    public async Task Decision_WithModelKey_AsksTheKeyedClientBeforeRunAndServiceClients()
    {
        var keyed = Answering("keyed");
        var fromRun = Answering("run");
        var fromServices = Answering("services");
        using var services = Services(keyed, fromServices);

        await Route(o => o.ModelKey = "fast").RunAsync("hi", new RunOptions { ChatClient = fromRun, Services = services });

        Assert.That(keyed.Requests, Has.Count.EqualTo(1));
        Assert.That(fromRun.Requests, Is.Empty);
        Assert.That(fromServices.Requests, Is.Empty);
    }

    [Test]
    public async Task Decision_WithoutOwnClientOrKey_AsksTheRunOptionsClientBeforeTheServiceClient()
    {
        var fromRun = Answering("run");
        var fromServices = Answering("services");
        using var services = Services(keyed: null, fromServices);

        await Route().RunAsync("hi", new RunOptions { ChatClient = fromRun, Services = services });

        Assert.That(fromRun.Requests, Has.Count.EqualTo(1));
        Assert.That(fromServices.Requests, Is.Empty);
    }

    [Test]
    public async Task Decision_WithOnlyAServiceClient_AsksTheIChatClientFromRunServices()
    {
        var fromServices = Answering("services");
        using var services = Services(keyed: null, fromServices);

        var result = await Route().RunAsync("hi", new RunOptions { Services = services });

        Assert.That(fromServices.Requests, Has.Count.EqualTo(1));
        Assert.That(result.Output, Is.EqualTo("billing"));
    }

    [Test]
    public void Decision_WithNoChatClientAnywhere_FailsWithFlowConfigurationExceptionAtBranchPath()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var flow = Flow.Define<string>("support").Then(Route()).Build();

        var ex = Assert.ThrowsAsync<FlowConfigurationException>(async () => await flow.RunAsync("hi", new RunOptions { Services = services }));

        Assert.That(ex!.NodePath, Is.EqualTo("support/route"));
        Assert.That(ex.Message, Does.Contain("support/route").And.Contain("RunOptions.ChatClient").And.Contain("IChatClient"));
        Assert.That(ex.Record!.Errors.Single().Path, Is.EqualTo("support/route"));
    }

    [Test]
    public void Decision_WithModelKeyNotRegistered_FailsNamingTheKeyInsteadOfUsingAnotherClient()
    {
        var fromRun = Answering("run");
        var fromServices = Answering("services");
        using var services = Services(keyed: null, fromServices);

        var ex = Assert.ThrowsAsync<FlowConfigurationException>(
            async () => await Route(o => o.ModelKey = "fast").RunAsync("hi", new RunOptions { ChatClient = fromRun, Services = services }));

        Assert.That(ex!.NodePath, Is.EqualTo("route"));
        Assert.That(ex.Message, Does.Contain("'fast'").And.Contain("AddKeyedChatClient"));
        Assert.That(fromRun.Requests, Is.Empty, "a missing keyed client must not fall back silently");
        Assert.That(fromServices.Requests, Is.Empty);
    }

    [Test]
    public void Decision_WithModelKeyAndNoServices_FailsSayingTheRunHasNoServices()
    {
        var ex = Assert.ThrowsAsync<FlowConfigurationException>(
            async () => await Route(o => o.ModelKey = "fast").RunAsync("hi", new RunOptions { ChatClient = Answering("run") }));

        Assert.That(ex!.Message, Does.Contain("'fast'").And.Contain("RunOptions.Services"));
    }

    [Test]
    public void Decision_WhenChatClientThrows_FailsWithFlowTaskExceptionAtBranchPathWrappingTheOriginal()
    {
        var outage = new HttpRequestException("service unavailable", null, HttpStatusCode.ServiceUnavailable);
        var model = new ScriptedChatClient().WhenNode("support/route", ScriptedReply.Throw(outage));
        var flow = Flow.Define<string>("support").Then(Route()).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await flow.RunAsync("hi", new RunOptions { ChatClient = model, Resilience = ModelResilienceOptions.None }));

        Assert.That(ex!.NodePath, Is.EqualTo("support/route"));
        Assert.That(ex.InnerException, Is.SameAs(outage));
        Assert.That(ex.Record!.Errors.Single().Path, Is.EqualTo("support/route"));
        Assert.That(ex.Record.Errors.Single().Exception, Is.SameAs(outage));
        Assert.That(ex.Record.NodesAt("support/route").Single().Status, Is.EqualTo(NodeStatus.Failed));
        Assert.That(model.Requests, Has.Count.EqualTo(1), "a failing call is not retried as a correction");
    }

    [Test]
    public async Task Decision_WhenRunIsCancelledWhileWaitingForTheModel_ThrowsOperationCanceledExceptionUnwrapped()
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var model = new ScriptedChatClient().When(_ => true, _ =>
        {
            asked.TrySetResult();
            return ScriptedReply.Choice("Billing").WithDelay(TimeSpan.FromMinutes(5));
        });
        using var cts = new CancellationTokenSource();

        var run = Route().RunAsync("hi", new RunOptions { ChatClient = model }, cts.Token);
        await asked.Task.WaitAsync(MaxWait);
        await cts.CancelAsync();

        Assert.That(async () => await run.WaitAsync(MaxWait), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(model.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void Decision_WhenClientThrowsCancellationNotRequestedByTheRun_FailsWithFlowTaskException()
    {
        var timeout = new TaskCanceledException("HTTP timeout");
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Throw(timeout));

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await Route().RunAsync("hi", new RunOptions { ChatClient = model, Resilience = ModelResilienceOptions.None }));

        Assert.That(ex!.InnerException, Is.SameAs(timeout));
    }

    [Test]
    public void Decision_WhenResolvingTheKeyedClientThrows_FailsWithFlowTaskExceptionAtBranchPath()
    {
        var broken = new InvalidOperationException("the client factory failed");
        var services = new ServiceCollection();
        services.AddKeyedSingleton<IChatClient>("fast", (_, _) => throw broken);
        using var provider = services.BuildServiceProvider();
        var flow = Flow.Define<string>("support").Then(Route(o => o.ModelKey = "fast")).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await flow.RunAsync("hi", new RunOptions { Services = provider }));

        Assert.That(ex!.NodePath, Is.EqualTo("support/route"));
        Assert.That(ex.InnerException, Is.SameAs(broken));
        Assert.That(ex.Record!.Status, Is.EqualTo(RunStatus.Failed));
    }

    private static ScriptedChatClient Answering(string modelId)
        => new ScriptedChatClient(modelId).When(_ => true, _ => ScriptedReply.Choice("Billing", $"asked {modelId}"));

    private static ServiceProvider Services(IChatClient? keyed, IChatClient? plain)
    {
        var services = new ServiceCollection();
        if (keyed is not null)
        {
            services.AddKeyedSingleton("fast", keyed);
        }

        if (plain is not null)
        {
            services.AddSingleton(plain);
        }

        return services.BuildServiceProvider();
    }

    private static FlowTask<string, string> Route(Action<LlmDecisionOptions>? configure = null)
        => Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(text => text, configure)
            .Case(Topic.Billing, FlowTask.Create("billing", (string _) => "billing"))
            .Case(Topic.Technical, FlowTask.Create("technical", (string _) => "technical"))
            .Build();
}
