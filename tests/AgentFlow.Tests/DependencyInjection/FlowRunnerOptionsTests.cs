using AgentFlow.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFlow.Tests.DependencyInjection;

/// <summary>Prices and budgets as defaults in <see cref="AgentFlowOptions"/>, and options of a run's own through <see cref="FlowRunner"/>.</summary>
public sealed class FlowRunnerOptionsTests
{
    [Test]
    public async Task Runner_AppliesThePricesAndBudgetOfTheOptions()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Text("a").WithUsage(1_000_000, 0), ScriptedReply.Text("b").WithUsage(10, 0));
        using var provider = Provider(model, o =>
        {
            o.Prices = new Dictionary<string, ModelPrice> { ["scripted"] = new(2m, 8m) };
            o.Budget = new RunBudget { MaxModelCalls = 1 };
        });
        var runner = provider.GetRequiredService<FlowRunner>();

        var priced = await runner.RunAsync(Prompt(), "x");
        var ex = Assert.ThrowsAsync<BudgetExceededException>(async () => await runner.RunAsync(TwoPrompts(), "x"));

        Assert.That(priced.Record.Cost, Is.EqualTo(2m));
        Assert.That(ex!.Limit, Is.EqualTo("MaxModelCalls"));
    }

    [Test]
    public async Task Runner_WithOptionsOfTheRunsOwn_AppliesThemOnTopOfTheDefaults()
    {
        var registered = new ScriptedChatClient("registered").Enqueue("from the registered client");
        var own = new ScriptedChatClient("own").Enqueue("from the run's own client");
        using var provider = Provider(registered, o => o.RecordNodes = false);
        var runner = provider.GetRequiredService<FlowRunner>();

        var result = await runner.RunAsync(Prompt(), "x", options =>
        {
            options.RunId = "ticket-42";
            options.ChatClient = own;
        });

        Assert.That(result.Output, Is.EqualTo("from the run's own client"));
        Assert.That(result.Record.RunId, Is.EqualTo("ticket-42"));
        Assert.That(result.Record.Nodes, Is.Empty, "the defaults still apply where the run sets nothing");
        Assert.That(registered.Requests, Is.Empty);
    }

    private static ServiceProvider Provider(IChatClient model, Action<AgentFlowOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton(model);
        services.AddAgentFlow(configure);
        return services.BuildServiceProvider();
    }

    private static FlowTask<string, string> Prompt(string name = "p") => FlowTask.FromPrompt<string, string>(name, new Prompt(name, "1", "{{$input}}"));

    private static Flow<string, string> TwoPrompts() => Flow.Define<string>("two").Then(Prompt("first")).Then(Prompt("second")).Build();
}
