using AgentFlow.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFlow.Tests.Tasks;

/// <summary>Tasks implemented by classes resolved from the run's services (<see cref="FlowTask.FromService{TIn, TOut, THandler}"/>).</summary>
public sealed class ServiceTaskTests
{
    [Test]
    public async Task FromService_WithRegisteredHandler_ResolvesItWithItsDependencies()
    {
        await using var services = new ServiceCollection()
            .AddSingleton(new Greeter("hello"))
            .AddSingleton<Instances>()
            .AddTransient<GreetingHandler>()
            .BuildServiceProvider();
        var task = FlowTask.FromService<string, string, GreetingHandler>("greet");
        var flow = Flow.Define<string>("f").Then(task).Build();

        var result = await flow.RunAsync("ada", new RunOptions { Services = services, RunId = "r1" });

        Assert.That(task.Kind, Is.EqualTo(NodeKind.Service));
        Assert.That(result.Output, Is.EqualTo("hello ada (f/greet in r1)"));
        Assert.That(result.Record.NodesAt("f/greet").Single().Kind, Is.EqualTo(NodeKind.Service));
    }

    [Test]
    public async Task FromService_WithTransientHandler_ResolvesANewHandlerForEveryInvocation()
    {
        await using var services = new ServiceCollection()
            .AddSingleton(new Greeter("hi"))
            .AddSingleton<Instances>()
            .AddTransient<GreetingHandler>()
            .BuildServiceProvider();
        var map = Flow.Map("all", FlowTask.FromService<string, string, GreetingHandler>("greet"), maxDegreeOfParallelism: 1);

        var result = await map.RunAsync(["a", "b", "c"], new RunOptions { Services = services });

        var runId = result.Record.RunId;
        Assert.That(result.Output, Is.EqualTo(new[] { $"hi a (all#0/greet in {runId})", $"hi b (all#1/greet in {runId})", $"hi c (all#2/greet in {runId})" }));
        Assert.That(services.GetRequiredService<Instances>().Created, Is.EqualTo(3));
    }

    [Test]
    public async Task FromService_RegisteredWithAddAgentFlow_RunsThroughRunOptionsServices()
    {
        var collection = new ServiceCollection().AddSingleton(new Greeter("hey")).AddSingleton<Instances>();
        collection.AddAgentFlow().AddTaskHandler<GreetingHandler>();
        await using var services = collection.BuildServiceProvider();

        var result = await FlowTask.FromService<string, string, GreetingHandler>("greet").RunAsync("bo", new RunOptions { Services = services, RunId = "x" });

        Assert.That(result.Output, Is.EqualTo("hey bo (greet in x)"));
    }

    [Test]
    public void FromService_WithoutServices_FailsWithConfigurationErrorNamingTheHandler()
    {
        var flow = Flow.Define<string>("f").Then(FlowTask.FromService<string, string, GreetingHandler>("greet")).Build();

        var ex = Assert.ThrowsAsync<FlowConfigurationException>(() => flow.RunAsync("x"));

        Assert.That(ex.NodePath, Is.EqualTo("f/greet"));
        Assert.That(ex.Message, Does.Contain(nameof(GreetingHandler)).And.Contain("has no services").And.Contain("RunOptions.Services"));
        Assert.That(ex.Record!.Status, Is.EqualTo(RunStatus.Failed));
    }

    [Test]
    public async Task FromService_WhenHandlerIsNotRegistered_FailsSuggestingAddTaskHandler()
    {
        await using var services = new ServiceCollection().AddSingleton(new Greeter("hi")).BuildServiceProvider();
        var flow = Flow.Define<string>("f").Then(FlowTask.FromService<string, string, GreetingHandler>("greet")).Build();

        var ex = Assert.ThrowsAsync<FlowConfigurationException>(() => flow.RunAsync("x", new RunOptions { Services = services }));

        Assert.That(ex.NodePath, Is.EqualTo("f/greet"));
        Assert.That(ex.Message, Does.Contain("not registered").And.Contain($"AddTaskHandler<{nameof(GreetingHandler)}>()"));
    }

    [Test]
    public async Task FromService_WhenTheHandlersDependenciesCannotBeResolved_FailsAtItsPathWithTheRunRecorded()
    {
        // GreetingHandler is registered, but the Greeter it needs is not: the container throws while creating it.
        await using var services = new ServiceCollection().AddSingleton<Instances>().AddTransient<GreetingHandler>().BuildServiceProvider();
        var flow = Flow.Define<string>("f").Then(FlowTask.FromService<string, string, GreetingHandler>("greet")).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => flow.RunAsync("x", new RunOptions { Services = services }));

        Assert.That(ex.NodePath, Is.EqualTo("f/greet"));
        Assert.That(ex.InnerException, Is.TypeOf<InvalidOperationException>().With.Message.Contain(nameof(Greeter)));
        Assert.That(ex.Record!.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(ex.Record.NodesAt("f/greet").Single().Status, Is.EqualTo(NodeStatus.Failed));
    }

    [Test]
    public async Task FromService_WhoseHandlerCannotBeCreated_InAFailFastParallel_CancelsItsSibling()
    {
        var siblingWaiting = Signal.Create();
        var siblingCancelled = false;
        await using var services = new ServiceCollection().AddSingleton<Instances>().AddTransient<GreetingHandler>().BuildServiceProvider();
        var sibling = FlowTask.Create("sibling", async (string s, CancellationToken ct) =>
        {
            siblingWaiting.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                siblingCancelled = true;
                throw;
            }

            return s;
        });
        var broken = Flow.Define<string>("broken")
            .Then("wait", async (s, ct) =>
            {
                await siblingWaiting.Task.WaitAsync(ct);
                return s;
            })
            .Then(FlowTask.FromService<string, string, GreetingHandler>("greet"))
            .Build();
        var parallel = Flow.Parallel("p", sibling, broken, (a, b) => a + b);

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => parallel.RunAsync("x", new RunOptions { Services = services }).WaitAsync(Signal.Timeout));

        Assert.That(ex.NodePath, Is.EqualTo("p/broken/greet"));
        Assert.That(siblingCancelled, Is.True);
    }

    [Test]
    public async Task FromService_WhenHandlerThrows_FailsWithFlowTaskExceptionHoldingTheOriginal()
    {
        var boom = new InvalidOperationException("handler broke");
        await using var services = new ServiceCollection().AddSingleton(new ThrowingHandler(boom)).BuildServiceProvider();
        var flow = Flow.Define<int>("f").Then(FlowTask.FromService<int, int, ThrowingHandler>("fails")).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => flow.RunAsync(1, new RunOptions { Services = services }));

        Assert.That(ex.NodePath, Is.EqualTo("f/fails"));
        Assert.That(ex.InnerException, Is.SameAs(boom));
        Assert.That(ex.Record!.Errors.Single(), Is.EqualTo(new NodeError("f/fails", boom)));
    }

    [Test]
    public async Task FromService_WhenHandlerNeedsAnUnregisteredService_FailsWithTheConfigurationErrorUnwrapped()
    {
        await using var services = new ServiceCollection().AddTransient<NeedyHandler>().BuildServiceProvider();
        var flow = Flow.Define<int>("f").Then(FlowTask.FromService<int, int, NeedyHandler>("needy")).Build();

        var ex = Assert.ThrowsAsync<FlowConfigurationException>(() => flow.RunAsync(1, new RunOptions { Services = services }));

        Assert.That(ex.NodePath, Is.EqualTo("f/needy"));
        Assert.That(ex.Message, Does.Contain(nameof(Greeter)).And.Contain("none is registered"));
    }

    [Test]
    public async Task FromService_WhenRunIsCancelled_ThrowsOperationCanceledUnwrapped()
    {
        var started = Signal.Create();
        await using var services = new ServiceCollection().AddSingleton(new WaitingHandler(started)).BuildServiceProvider();
        using var cts = new CancellationTokenSource();
        var task = FlowTask.FromService<int, int, WaitingHandler>("wait");

        var running = task.RunAsync(1, new RunOptions { Services = services }, cts.Token);
        await started.Task.WaitAsync(Signal.Timeout);
        await cts.CancelAsync();

        Assert.That(async () => await running.WaitAsync(Signal.Timeout), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task FromService_WhenHandlerThrowsItsOwnCancellation_FailsAsATaskFailure()
    {
        var own = new OperationCanceledException("handler timed out");
        await using var services = new ServiceCollection().AddSingleton(new ThrowingHandler(own)).BuildServiceProvider();

        var ex = Assert.ThrowsAsync<FlowTaskException>(() => FlowTask.FromService<int, int, ThrowingHandler>("t").RunAsync(1, new RunOptions { Services = services }));

        Assert.That(ex.InnerException, Is.SameAs(own));
    }

    public sealed record Greeter(string Word);

    public sealed class Instances
    {
        private int _created;

        public int Created => Volatile.Read(ref _created);

        public void Add() => Interlocked.Increment(ref _created);
    }

    public sealed class GreetingHandler : IFlowTaskHandler<string, string>
    {
        private readonly Greeter _greeter;

        public GreetingHandler(Greeter greeter, Instances instances)
        {
            _greeter = greeter;
            instances.Add();
        }

        public ValueTask<string> ExecuteAsync(string input, FlowContext context, CancellationToken cancellationToken = default)
            => new($"{_greeter.Word} {input} ({context.NodePath} in {context.RunId})");
    }

    public sealed class ThrowingHandler(Exception exception) : IFlowTaskHandler<int, int>
    {
        public async ValueTask<int> ExecuteAsync(int input, FlowContext context, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            throw exception;
        }
    }

    public sealed class NeedyHandler : IFlowTaskHandler<int, int>
    {
        public ValueTask<int> ExecuteAsync(int input, FlowContext context, CancellationToken cancellationToken = default)
            => new(context.GetRequiredService<Greeter>().Word.Length + input);
    }

    public sealed class WaitingHandler(TaskCompletionSource started) : IFlowTaskHandler<int, int>
    {
        public async ValueTask<int> ExecuteAsync(int input, FlowContext context, CancellationToken cancellationToken = default)
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return input;
        }
    }
}
