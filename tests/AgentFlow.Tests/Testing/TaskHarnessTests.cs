using AgentFlow.Testing;
using AgentFlow.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentFlow.Tests.Testing;

/// <summary>TaskHarness: one task, or one node of a nested flow, run alone with a scripted model, at the path it has in the flow.</summary>
public sealed class TaskHarnessTests
{
    private readonly Flow<string, int> _flow = NestedFlow.Build();

    [Test]
    public async Task NodeInABranchCase_RunsAloneAtItsPath_AndARuleWrittenForTheWholeFlowMatches()
    {
        var model = new ScriptedChatClient()
            .WhenNode("support/route", ScriptedReply.Choice("Billing"))
            .WhenNode("support/route[Billing]/refund", ScriptedReply.Text("refund issued"));

        var result = await _flow.TaskAt<string, string>("support/route[Billing]/refund").RunAsync("charged twice", model);

        Assert.That(result.Output, Is.EqualTo("refund issued"));
        Assert.That(result.Record.Nodes.Select(n => n.Path), Is.EqualTo(new[] { "support/route[Billing]/refund" }));
        Assert.That(model.Requests.Select(r => (r.NodePath, r.DefinitionPath)), Is.EqualTo(new[] { ("support/route[Billing]/refund", "support/route[Billing]/refund") }));
        Assert.That(model.UnusedReplies, Is.EqualTo(1), "the branch's own decision is not made");
        Assert.That(result.Record.LlmCalls.Single().Path, Is.EqualTo("support/route[Billing]/refund"));
    }

    [Test]
    public async Task NodeInALoopBody_RunsAtTheIterationItsPathNames_AndADefinitionPathRuleMatches()
    {
        var model = new ScriptedChatClient().WhenNode("support/refine/draft", ScriptedReply.Text("second draft"));

        var result = await _flow.TaskAt<string, string>("support/refine#2/draft").RunAsync("first draft", model);

        Assert.That(result.Output, Is.EqualTo("second draft"));
        var node = result.Record.Nodes.Single();
        Assert.That((node.Path, node.DefinitionPath), Is.EqualTo(("support/refine#2/draft", "support/refine/draft")));
        Assert.That(model.Requests.Single().NodePath, Is.EqualTo("support/refine#2/draft"));
        Assert.That(result.Record.Routes, Is.Empty, "the loop's exit is not decided");
    }

    [Test]
    public async Task NodeInALoopBody_WithARuleForOneIteration_MatchesOnlyWhenRunAtThatIteration()
    {
        var model = new ScriptedChatClient().WhenNode("support/refine#2/draft", ScriptedReply.Text("second draft"));

        var atTwo = await _flow.TaskAt<string, string>("support/refine#2/draft").RunAsync("x", model);
        var error = Assert.ThrowsAsync<FlowTaskException>(() => _flow.TaskAt<string, string>("support/refine/draft").RunAsync("x", model));

        Assert.That(atTwo.Output, Is.EqualTo("second draft"));
        Assert.That(error!.NodePath, Is.EqualTo("support/refine/draft"));
        Assert.That(error.InnerException, Is.TypeOf<ScriptedChatClientException>());
    }

    [Test]
    public async Task NodeInAParallelBranch_RunsAloneAtItsPath()
    {
        var model = new ScriptedChatClient().WhenNode("support/lookup/summarize", ScriptedReply.Text("a double charge"));

        var result = await _flow.TaskAt<string, string>("support/lookup/summarize").RunAsync("I was charged twice", model);

        Assert.That(result.Output, Is.EqualTo("a double charge"));
        Assert.That(result.Record.Nodes.Single().Path, Is.EqualTo("support/lookup/summarize"));
    }

    [Test]
    public async Task NodeInAMap_RunsAloneAsTheItemItsPathNames()
    {
        var result = await TaskHarness.RunAsync(_flow.TaskAt<string, int>("support/check#3/word"), "refund");

        Assert.That(result.Output, Is.EqualTo(6));
        Assert.That(result.Record.Nodes.Single().Path, Is.EqualTo("support/check#3/word"));
    }

    [Test]
    public async Task AMapRunAlone_RunsItsItemsBelowItsPathInTheFlow()
    {
        var result = await TaskHarness.RunAsync(_flow.TaskAt<IReadOnlyList<string>, IReadOnlyList<int>>("support/check"), ["a", "bcd"]);

        Assert.That(result.Output, Is.EqualTo(new[] { 1, 3 }));
        Assert.That(result.Record.Nodes.Select(n => n.Path), Is.EquivalentTo(new[] { "support/check", "support/check#0/word", "support/check#1/word" }));
    }

    [Test]
    public async Task AWholeFlow_RunsThroughTheHarnessLikeAnyTask()
    {
        var model = new ScriptedChatClient()
            .WhenNode("support/lookup/summarize", ScriptedReply.Text("summary"))
            .WhenNode("support/route", ScriptedReply.Choice("Technical"))
            .WhenNode("support/refine/draft", ScriptedReply.Text("a b c"))
            .WhenNode("support/refine", ScriptedReply.Choice("stop"));

        var result = await _flow.RunAsync(" app down ", model);

        Assert.That(result.Output, Is.EqualTo(3));
        Assert.That(result.Record.Status, Is.EqualTo(RunStatus.Succeeded));
    }

    [Test]
    public async Task RunAsync_WithOptions_GivesTheTaskTheirServicesAndClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddSingleton(new Greeting("hello")).BuildServiceProvider();
        var task = FlowTask.Create("greet", (string name, FlowContext context, CancellationToken _) =>
            $"{context.GetRequiredService<Greeting>().Text} {name} at {context.TimeProvider.GetUtcNow():HH:mm}");

        var result = await TaskHarness.RunAsync(task, "Ana", new RunOptions { Services = services, TimeProvider = time });

        Assert.That(result.Output, Is.EqualTo("hello Ana at 09:00"));
        Assert.That(result.Record.StartedAt, Is.EqualTo(time.GetUtcNow()));
    }

    [Test]
    public async Task RunAsync_WithAChatClient_CanBeCalledAsAStaticMethod()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Text("hi"));

        var result = await TaskHarness.RunAsync(NestedFlow.Prompt("greet"), "Ana", model);

        Assert.That(result.Output, Is.EqualTo("hi"));
        Assert.That(model.Requests.Single().NodePath, Is.EqualTo("greet"));
    }

    [Test]
    public void ANodeThatFails_FailsAsInAnyRun_WithItsPathInTheFlowAndTheRecord()
    {
        var model = new ScriptedChatClient().WhenNode("support/route[Billing]/refund", ScriptedReply.Throw(new InvalidOperationException("content filtered")));

        var error = Assert.ThrowsAsync<FlowTaskException>(() => _flow.TaskAt<string, string>("support/route[Billing]/refund").RunAsync("x", model));

        Assert.That(error!.NodePath, Is.EqualTo("support/route[Billing]/refund"));
        Assert.That(error.InnerException, Is.TypeOf<InvalidOperationException>());
        Assert.That(error.Record!.Status, Is.EqualTo(RunStatus.Failed));
    }

    [Test]
    public void RunAsync_WithoutATaskOrAChatClient_Throws()
    {
        Assert.ThrowsAsync<ArgumentNullException>(() => TaskHarness.RunAsync<string, string>(null!, "x"));
        Assert.ThrowsAsync<ArgumentNullException>(() => NestedFlow.Prompt("p").RunAsync("x", (Microsoft.Extensions.AI.IChatClient)null!));
    }

    public sealed record Greeting(string Text);
}
