using System.Collections.Concurrent;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFlow.Tests.DependencyInjection;

/// <summary>Runs through <see cref="FlowRunner"/>: a service scope per run, the registered chat client and the options.</summary>
public sealed class FlowRunnerTests
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    public enum Topic
    {
        Billing,
        Technical,
    }

    [Test]
    public async Task RunAsync_WithScopedHandler_ResolvesOneHandlerPerRunSharedByItsTasks()
    {
        var journal = new Journal();
        using var provider = Provider(journal, ServiceLifetime.Scoped);
        var runner = provider.GetRequiredService<FlowRunner>();
        var flow = TwoTagSteps();

        var first = await runner.RunAsync(flow, "x");
        var second = await runner.RunAsync(flow, "y");

        Assert.That(first.Output, Is.EqualTo("x|a|b"));
        Assert.That(second.Output, Is.EqualTo("y|a|b"));
        var calls = journal.Calls.ToArray();
        Assert.That(calls, Has.Length.EqualTo(4));
        Assert.That(calls[1].Handler, Is.SameAs(calls[0].Handler), "one scoped handler within a run");
        Assert.That(calls[3].Handler, Is.SameAs(calls[2].Handler));
        Assert.That(calls[2].Handler, Is.Not.SameAs(calls[0].Handler), "a new handler for the next run");
    }

    [Test]
    public async Task RunAsync_WithTransientHandler_SharesScopedDependenciesWithinARunOnly()
    {
        var journal = new Journal();
        using var provider = Provider(journal, ServiceLifetime.Transient);
        var runner = provider.GetRequiredService<FlowRunner>();
        var flow = TwoTagSteps();

        await runner.RunAsync(flow, "x");
        await runner.RunAsync(flow, "y");

        var calls = journal.Calls.ToArray();
        Assert.That(calls[1].Handler, Is.Not.SameAs(calls[0].Handler), "transient handlers are new per use");
        Assert.That(calls[1].Scratch, Is.SameAs(calls[0].Scratch), "the scoped dependency is shared within a run");
        Assert.That(calls[2].Scratch, Is.Not.SameAs(calls[0].Scratch), "and not across runs");
    }

    [Test]
    public async Task RunAsync_DisposesTheRunScopeWhenTheRunEnds()
    {
        var journal = new Journal();
        using var provider = Provider(journal, ServiceLifetime.Scoped);
        var runner = provider.GetRequiredService<FlowRunner>();

        await runner.RunAsync(TwoTagSteps(), "x");

        var scratch = journal.Calls.First().Scratch;
        Assert.That(scratch.Disposed, Is.True);
    }

    [Test]
    public async Task RunAsync_WithRegisteredChatClient_UsesItForLlmDecisions()
    {
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice("Technical", "crash"));
        var services = new ServiceCollection();
        services.AddSingleton<IChatClient>(model);
        services.AddAgentFlow();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var result = await provider.GetRequiredService<FlowRunner>().RunAsync(Route(), "it crashed");

        Assert.That(result.Output, Is.EqualTo("technical"));
        Assert.That(model.Requests.Single().NodePath, Is.EqualTo("route"));
        Assert.That(result.Record.Routes.Single().Rationale, Is.EqualTo("crash"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task RunAsync_AppliesRecordNodesFromOptions(bool recordNodes)
    {
        var services = new ServiceCollection();
        services.AddAgentFlow(o => o.RecordNodes = recordNodes);
        using var provider = services.BuildServiceProvider();
        var branch = Flow.Branch<int, bool, string>("sign")
            .DecideBy(n => n >= 0)
            .Case(true, FlowTask.Create("plus", (int _) => "+"))
            .Case(false, FlowTask.Create("minus", (int _) => "-"))
            .Build();

        var result = await provider.GetRequiredService<FlowRunner>().RunAsync(branch, 4);

        Assert.That(result.Record.Nodes, recordNodes ? Has.Count.EqualTo(2) : Is.Empty);
        Assert.That(result.Record.Routes.Single().Label, Is.EqualTo("true"), "decisions are recorded either way");
    }

    [Test]
    public void RunAsync_WithUnregisteredHandler_FailsWithFlowConfigurationExceptionNamingTheHandler()
    {
        var services = new ServiceCollection();
        services.AddAgentFlow();
        using var provider = services.BuildServiceProvider();
        var task = FlowTask.FromService<string, string, TagHandler>("tag");

        var ex = Assert.ThrowsAsync<FlowConfigurationException>(async () => await provider.GetRequiredService<FlowRunner>().RunAsync(task, "x"));

        Assert.That(ex!.NodePath, Is.EqualTo("tag"));
        Assert.That(ex.Message, Does.Contain(nameof(TagHandler)));
    }

    [Test]
    public async Task StreamAsync_YieldsEventsFromRunStartedToRunCompleted()
    {
        var journal = new Journal();
        using var provider = Provider(journal, ServiceLifetime.Scoped);
        var runner = provider.GetRequiredService<FlowRunner>();

        var events = await Collect(runner.StreamAsync(TwoTagSteps(), "x"));

        Assert.That(events[0], Is.TypeOf<RunStartedEvent>());
        Assert.That(((RunStartedEvent)events[0]).FlowName, Is.EqualTo("tags"));
        var completed = events[^1] as RunCompletedEvent;
        Assert.That(completed, Is.Not.Null);
        Assert.That(completed!.Output, Is.EqualTo("x|a|b"));
        Assert.That(events.OfType<NodeStartedEvent>().Select(e => e.Path), Is.EqualTo(new[] { "tags", "tags/a", "tags/b" }));
        Assert.That(events.OfType<NodeEndedEvent>().Select(e => e.Node.Path), Is.EquivalentTo(new[] { "tags", "tags/a", "tags/b" }));
        Assert.That(events.Select(e => e.RunId), Has.All.EqualTo(completed.RunId));
        Assert.That(journal.Calls, Has.Count.EqualTo(2), "service tasks are resolved from the stream's scope");
    }

    [Test]
    public async Task StreamAsync_WithLlmBranch_YieldsTheRouteChosen()
    {
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice("Billing"));
        var services = new ServiceCollection();
        services.AddSingleton<IChatClient>(model);
        services.AddAgentFlow();
        using var provider = services.BuildServiceProvider();

        var events = await Collect(provider.GetRequiredService<FlowRunner>().StreamAsync(Route(), "invoice"));

        var route = events.OfType<RouteChosenEvent>().Single();
        Assert.That(route.Decision.Label, Is.EqualTo("Billing"));
        Assert.That(route.Decision.Source, Is.EqualTo(DecisionSource.Llm));
        Assert.That(events[^1], Is.TypeOf<RunCompletedEvent>());
    }

    [Test]
    public void StreamAsync_WhenRunFails_YieldsRunFailedThenThrowsTheError()
    {
        var services = new ServiceCollection();
        services.AddAgentFlow();
        using var provider = services.BuildServiceProvider();
        var failing = Flow.Define<string>("job").Then("boom", (string s) => s.Length > 0 ? throw new InvalidOperationException("no") : s).Build();
        var seen = new List<RunEvent>();

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () =>
        {
            await foreach (var e in provider.GetRequiredService<FlowRunner>().StreamAsync(failing, "x").WithCancellation(CancellationToken.None))
            {
                seen.Add(e);
            }
        });

        Assert.That(ex!.NodePath, Is.EqualTo("job/boom"));
        var failed = seen[^1] as RunFailedEvent;
        Assert.That(failed, Is.Not.Null);
        Assert.That(failed!.Error, Is.SameAs(ex));
    }

    [Test]
    public async Task StreamAsync_WhenConsumerStopsEarly_CancelsTheRunAndDisposesItsScope()
    {
        var journal = new Journal();
        using var provider = Provider(journal, ServiceLifetime.Scoped);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = Flow.Define<string>("job")
            .Then(FlowTask.FromService<string, string, TagHandler>("a"))
            .Then(FlowTask.Create("wait", async (string s, CancellationToken ct) =>
            {
                using var registration = ct.Register(() => cancelled.TrySetResult());
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return s;
            }))
            .Build();

        await using (var events = provider.GetRequiredService<FlowRunner>().StreamAsync(waiting, "x").GetAsyncEnumerator())
        {
            while (await events.MoveNextAsync().AsTask().WaitAsync(MaxWait))
            {
                if (events.Current is NodeStartedEvent { Path: "job/wait" })
                {
                    break;
                }
            }
        }

        await cancelled.Task.WaitAsync(MaxWait);
        Assert.That(journal.Calls.Single().Scratch.Disposed, Is.True);
    }

    private static async Task<List<RunEvent>> Collect(IAsyncEnumerable<RunEvent> stream)
    {
        var events = new List<RunEvent>();
        await foreach (var e in stream.WithCancellation(CancellationToken.None))
        {
            events.Add(e);
        }

        return events;
    }

    private static ServiceProvider Provider(Journal journal, ServiceLifetime handlerLifetime)
    {
        var services = new ServiceCollection();
        services.AddSingleton(journal);
        services.AddScoped<RunScratch>();
        services.AddAgentFlow().AddTaskHandler<TagHandler>(handlerLifetime);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static Flow<string, string> TwoTagSteps()
        => Flow.Define<string>("tags")
            .Then(FlowTask.FromService<string, string, TagHandler>("a"))
            .Then(FlowTask.FromService<string, string, TagHandler>("b"))
            .Build();

    private static FlowTask<string, string> Route()
        => Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(s => s)
            .Case(Topic.Billing, FlowTask.Create("billing", (string _) => "billing"))
            .Case(Topic.Technical, FlowTask.Create("technical", (string _) => "technical"))
            .Build();

    /// <summary>Remembers which handler and which scoped dependency served each call.</summary>
    public sealed class Journal
    {
        public ConcurrentQueue<(TagHandler Handler, RunScratch Scratch)> Calls { get; } = new();
    }

    /// <summary>A scoped dependency: one per run scope, disposed with it.</summary>
    public sealed class RunScratch : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    /// <summary>Appends its node's name to the input.</summary>
    public sealed class TagHandler(RunScratch scratch, Journal journal) : IFlowTaskHandler<string, string>
    {
        public ValueTask<string> ExecuteAsync(string input, FlowContext context, CancellationToken cancellationToken = default)
        {
            journal.Calls.Enqueue((this, scratch));
            return new($"{input}|{context.NodePath[(context.NodePath.LastIndexOf('/') + 1)..]}");
        }
    }
}
