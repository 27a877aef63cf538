using AgentFlow.Testing;

namespace AgentFlow.Tests.Runs;

/// <summary>Cost from a price table, and run budgets that end the run with a typed error naming the node.</summary>
public sealed class BudgetTests
{
    private static readonly Dictionary<string, ModelPrice> Prices = new()
    {
        ["scripted"] = new ModelPrice(InputPerMillionTokens: 2.50m, OutputPerMillionTokens: 10m),
        ["scripted-mini"] = new ModelPrice(InputPerMillionTokens: 0.15m, OutputPerMillionTokens: 0.60m),
    };

    [Test]
    public async Task Calls_ArePricedFromThePriceTable_AndAddUpInTheRecord()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Text("a").WithUsage(1_000, 200), ScriptedReply.Text("b").WithUsage(3_000, 100));

        var result = await TwoPrompts().RunAsync("x", new RunOptions { ChatClient = model, Prices = Prices });

        Assert.That(result.Record.LlmCalls.Select(c => c.Cost), Is.EqualTo(new decimal?[] { 0.0045m, 0.0085m }));
        Assert.That(result.Record.Cost, Is.EqualTo(0.013m));
        Assert.That(result.Record.Usage!.InputTokenCount, Is.EqualTo(4_000));
        Assert.That(result.Record.Usage.OutputTokenCount, Is.EqualTo(300));
        Assert.That(result.Record.FormatTimeline(), Does.Contain("cost 0.0045"));
    }

    [Test]
    public async Task Price_OfAModelIdWithADateSuffix_IsTheLongestMatchingPrefix()
    {
        var model = new ScriptedChatClient("scripted-mini-2026-01-01").Enqueue(ScriptedReply.Text("a").WithUsage(1_000_000, 0));

        var result = await Prompt("p").RunAsync("x", new RunOptions { ChatClient = model, Prices = Prices });

        Assert.That(result.Record.Cost, Is.EqualTo(0.15m), "priced as scripted-mini, not as scripted");
    }

    [Test]
    public async Task Calls_WithoutAPrice_AreNotPriced()
    {
        var model = new ScriptedChatClient("unknown-model").Enqueue(ScriptedReply.Text("a").WithUsage(10, 10));

        var result = await Prompt("p").RunAsync("x", new RunOptions { ChatClient = model, Prices = Prices });

        Assert.That(result.Record.LlmCalls.Single().Cost, Is.Null);
        Assert.That(result.Record.Cost, Is.Null);
    }

    [Test]
    public void TokenBudget_ExceededByACall_FailsTheRunAtThatNodeAndKeepsTheCallInTheRecord()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Text("a").WithUsage(600, 100), ScriptedReply.Text("b").WithUsage(600, 100));

        var ex = Assert.ThrowsAsync<BudgetExceededException>(async () => await TwoPrompts().RunAsync(
            "x", new RunOptions { ChatClient = model, Budget = new RunBudget { MaxTokens = 1_000 } }));

        Assert.That(ex!.NodePath, Is.EqualTo("two/second"));
        Assert.That(ex.Limit, Is.EqualTo("MaxTokens"));
        Assert.That(ex.Message, Does.Contain("1000 token(s)").And.Contain("1400"));
        Assert.That(ex.Record!.LlmCalls.Select(c => (c.Path, c.Succeeded)), Is.EqualTo(new[] { ("two/first", true), ("two/second", false) }));
    }

    [Test]
    public void CostBudget_Exceeded_FailsTheRun()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Text("a").WithUsage(1_000_000, 0));

        var ex = Assert.ThrowsAsync<BudgetExceededException>(async () => await Prompt("p").RunAsync(
            "x", new RunOptions { ChatClient = model, Prices = Prices, Budget = new RunBudget { MaxCost = 1m } }));

        Assert.That(ex!.Limit, Is.EqualTo("MaxCost"));
        Assert.That(ex.Message, Does.Contain("2.5"));
    }

    [Test]
    public void CostBudget_WithAModelThatHasNoPrice_IsAConfigurationErrorNotAFreeCall()
    {
        var model = new ScriptedChatClient("unknown-model").Enqueue(ScriptedReply.Text("a").WithUsage(10, 10));

        var ex = Assert.ThrowsAsync<FlowConfigurationException>(async () => await Prompt("p").RunAsync(
            "x", new RunOptions { ChatClient = model, Prices = Prices, Budget = new RunBudget { MaxCost = 1m } }));

        Assert.That(ex!.Message, Does.Contain("unknown-model").And.Contain("RunOptions.Prices"));
    }

    [Test]
    public void ModelCallBudget_RefusesTheCallOverTheLimitBeforeMakingIt()
    {
        var model = new ScriptedChatClient().Enqueue("not json", "still not json", "{\"value\": 1}");
        var task = FlowTask.FromPrompt<string, Holder>("p", new Prompt("p", "1", "{{$input}}"), o => o.MaxRepairs = 5);

        var ex = Assert.ThrowsAsync<BudgetExceededException>(async () => await task.RunAsync(
            "x", new RunOptions { ChatClient = model, Budget = new RunBudget { MaxModelCalls = 2 } }));

        Assert.That(ex!.Limit, Is.EqualTo("MaxModelCalls"));
        Assert.That(model.Requests, Has.Count.EqualTo(2), "the third call is refused, not made");
        Assert.That(ex.Record!.LlmCalls.Single().Attempts, Is.EqualTo(2));
    }

    [Test]
    public void DurationBudget_Exceeded_FailsWithABudgetErrorNotACancellation()
    {
        var flow = Flow.Define<int>("slow").Then("wait", async (x, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return x;
        }).Build();

        var ex = Assert.ThrowsAsync<BudgetExceededException>(() => flow.RunAsync(1, new RunOptions { Budget = new RunBudget { MaxDuration = TimeSpan.FromMilliseconds(50) } })
            .WaitAsync(TestSupport.Signal.Timeout));

        Assert.That(ex!.Limit, Is.EqualTo("MaxDuration"));
        Assert.That(ex.NodePath, Is.EqualTo("slow"));
        Assert.That(ex.Record!.Status, Is.EqualTo(RunStatus.Failed));
    }

    [Test]
    public void RunBudget_WithANonPositiveLimit_ThrowsNamingIt()
    {
        Assert.That(() => new RunBudget { MaxTokens = 0 }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("MaxTokens"));
        Assert.That(() => new RunBudget { MaxCost = -1m }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("MaxCost"));
        Assert.That(() => new RunBudget { MaxModelCalls = 0 }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("MaxModelCalls"));
        Assert.That(() => new RunBudget { MaxDuration = TimeSpan.Zero }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("MaxDuration"));
    }

    private static FlowTask<string, string> Prompt(string name) => FlowTask.FromPrompt<string, string>(name, new Prompt(name, "1", "{{$input}}"));

    private static Flow<string, string> TwoPrompts() => Flow.Define<string>("two").Then(Prompt("first")).Then(Prompt("second")).Build();

    public sealed record Holder(int Value);
}
