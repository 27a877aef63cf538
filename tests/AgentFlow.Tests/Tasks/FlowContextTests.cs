using System.Collections.Concurrent;
using AgentFlow.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFlow.Tests.Tasks;

/// <summary>What a task learns from its <see cref="FlowContext"/>: run id, paths, services and clock.</summary>
public sealed class FlowContextTests
{
    [Test]
    public async Task Context_RunId_IsTheRunIdFromOptions()
    {
        string? seen = null;
        var task = FlowTask.Create("t", (int x, FlowContext context, CancellationToken _) =>
        {
            seen = context.RunId;
            return x;
        });

        var result = await task.RunAsync(1, new RunOptions { RunId = "order-42" });

        Assert.That(seen, Is.EqualTo("order-42"));
        Assert.That(result.Record.RunId, Is.EqualTo("order-42"));
    }

    [Test]
    public async Task Context_RunId_WhenNoneIsGiven_IsANewIdSharedWithTheRecord()
    {
        var seen = new List<string>();
        var task = FlowTask.Create("t", (int x, FlowContext context, CancellationToken _) =>
        {
            seen.Add(context.RunId);
            return x;
        });

        var first = await task.RunAsync(1);
        var second = await task.RunAsync(1);

        Assert.That(seen[0], Is.EqualTo(first.Record.RunId));
        Assert.That(seen[0], Does.Match("^[0-9a-f]{32}$"));
        Assert.That(seen[1], Is.Not.EqualTo(seen[0]));
    }

    [Test]
    public async Task Context_InNestedFlows_HasTheFullNodePathAndDefinitionPath()
    {
        var seen = new List<(string Path, string Definition)>();
        var step = FlowTask.Create("step", (int x, FlowContext context, CancellationToken _) =>
        {
            seen.Add((context.NodePath, context.DefinitionPath));
            return x;
        });
        var inner = Flow.Define<int>("inner").Then(step).Build();
        var outer = Flow.Define<int>("outer").Then(inner).Build();

        await outer.RunAsync(1);
        await inner.RunAsync(1);
        await step.RunAsync(1);

        Assert.That(seen, Is.EqualTo(new[]
        {
            ("outer/inner/step", "outer/inner/step"),
            ("inner/step", "inner/step"),
            ("step", "step"),
        }));
    }

    [Test]
    public async Task Context_InMapItemsAndLoopIterations_HasIndicesInNodePathOnly()
    {
        var seen = new ConcurrentBag<(string Path, string Definition)>();
        var draft = FlowTask.Create("draft", (int x, FlowContext context, CancellationToken _) =>
        {
            seen.Add((context.NodePath, context.DefinitionPath));
            return x + 1;
        });
        var refine = Flow.Loop("refine", draft).Until(x => x % 10 == 2).MaxIterations(5).Build();
        var flow = Flow.Define<IReadOnlyList<int>>("f").Then(Flow.Map("items", refine, maxDegreeOfParallelism: 2)).Build();

        var result = await flow.RunAsync([10, 20]);

        Assert.That(result.Output, Is.EqualTo(new[] { 12, 22 }));
        Assert.That(seen.Select(s => s.Path), Is.EquivalentTo(new[]
        {
            "f/items#0/refine#1/draft",
            "f/items#0/refine#2/draft",
            "f/items#1/refine#1/draft",
            "f/items#1/refine#2/draft",
        }));
        Assert.That(seen.Select(s => s.Definition).Distinct(), Is.EqualTo(new[] { "f/items/refine/draft" }));
    }

    [Test]
    public async Task Context_InChosenBranchCase_HasTheCaseLabelInItsPaths()
    {
        string? path = null;
        string? definition = null;
        var handle = FlowTask.Create("handle", (int x, FlowContext context, CancellationToken _) =>
        {
            (path, definition) = (context.NodePath, context.DefinitionPath);
            return x;
        });
        var route = Flow.Branch<int, int>("route").When("big", x => x > 10, handle).Otherwise(FlowTask.Create("small", (int x) => x)).Build();
        var flow = Flow.Define<int>("f").Then(route).Build();

        await flow.RunAsync(11);

        Assert.That(path, Is.EqualTo("f/route[big]/handle"));
        Assert.That(definition, Is.EqualTo("f/route[big]/handle"));
    }

    [Test]
    public async Task Context_Services_AreTheRunsServices()
    {
        using var services = new ServiceCollection().AddSingleton(new Greeting("hi")).BuildServiceProvider();
        IServiceProvider? seen = null;
        var task = FlowTask.Create("greet", (string name, FlowContext context, CancellationToken _) =>
        {
            seen = context.Services;
            return $"{context.GetRequiredService<Greeting>().Word} {name}";
        });

        var result = await task.RunAsync("ada", new RunOptions { Services = services });

        Assert.That(result.Output, Is.EqualTo("hi ada"));
        Assert.That(seen, Is.SameAs(services));
    }

    [Test]
    public async Task Context_Services_WithoutServices_IsNull()
    {
        var hasServices = true;
        var task = FlowTask.Create("t", (int x, FlowContext context, CancellationToken _) =>
        {
            hasServices = context.Services is not null;
            return x;
        });

        await task.RunAsync(1);

        Assert.That(hasServices, Is.False);
    }

    [Test]
    public void GetRequiredService_WithoutServices_FailsNamingTheNodeAndHowToProvideServices()
    {
        var needs = FlowTask.Create("needs", (int x, FlowContext context, CancellationToken _) => context.GetRequiredService<Greeting>().Word.Length + x);
        var flow = Flow.Define<int>("f").Then(needs).Build();

        var ex = Assert.ThrowsAsync<FlowConfigurationException>(() => flow.RunAsync(1));

        Assert.That(ex.NodePath, Is.EqualTo("f/needs"));
        Assert.That(ex.Message, Does.Contain("'f/needs'").And.Contain(nameof(Greeting)).And.Contain("has no services").And.Contain("RunOptions.Services"));
        Assert.That(ex.Record, Is.Not.Null);
        Assert.That(ex.Record!.Errors.Single().Path, Is.EqualTo("f/needs"));
    }

    [Test]
    public void GetRequiredService_WhenNotRegistered_FailsSuggestingToRegisterIt()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var needs = FlowTask.Create("needs", (int x, FlowContext context, CancellationToken _) => context.GetRequiredService<Greeting>().Word.Length + x);

        var ex = Assert.ThrowsAsync<FlowConfigurationException>(() => needs.RunAsync(1, new RunOptions { Services = services }));

        Assert.That(ex.NodePath, Is.EqualTo("needs"));
        Assert.That(ex.Message, Does.Contain("none is registered").And.Contain(nameof(Greeting)));
    }

    [Test]
    public async Task Context_TimeProvider_IsTheRunsTimeProvider()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        DateTimeOffset seen = default;
        var task = FlowTask.Create("now", (int x, FlowContext context, CancellationToken _) =>
        {
            seen = context.TimeProvider.GetUtcNow();
            return x;
        });

        await task.RunAsync(1, new RunOptions { TimeProvider = clock });

        Assert.That(seen, Is.EqualTo(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero)));
    }

    private sealed record Greeting(string Word);
}
