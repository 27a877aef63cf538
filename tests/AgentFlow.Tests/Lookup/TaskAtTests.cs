using AgentFlow.Testing;
using AgentFlow.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Retry;

namespace AgentFlow.Tests.Lookup;

/// <summary>FlowNode.TaskAt: a node of a flow run alone at its path in the flow, typed, described and failing as it would there.</summary>
public sealed class TaskAtTests
{
    private readonly Flow<string, int> _flow = NestedFlow.Build();

    [Test]
    public void TaskAt_TheRootsOwnName_ReturnsTheRootItself()
    {
        Assert.That(_flow.TaskAt<string, int>("support"), Is.SameAs(_flow));
    }

    [Test]
    public void TaskAt_KeepsTheNodesNameAndKind()
    {
        var task = _flow.TaskAt<string, string>("support/route[Billing]/refund");

        Assert.That((task.Name, task.Kind), Is.EqualTo(("refund", NodeKind.Prompt)));
    }

    [Test]
    public void TaskAt_WithOtherTypesThanTheNodes_FailsNamingItsRealTypes()
    {
        var error = Assert.Throws<NodeTypeMismatchException>(() => _flow.TaskAt<string, string>("support/lookup/length"));

        Assert.That(error!.Message, Is.EqualTo(
            "The node at 'support/lookup/length' is a Code node from string to int, not from string to string. "
            + "Ask for TaskAt<string, int>(\"support/lookup/length\")."));
        Assert.That((error.Path, error.InputType, error.OutputType), Is.EqualTo(("support/lookup/length", typeof(string), typeof(int))));
        Assert.That((error.RequestedInputType, error.RequestedOutputType), Is.EqualTo((typeof(string), typeof(string))));
    }

    [Test]
    public void TaskAt_OfAMap_NamesItsListTypesAsCSharpWritesThem()
    {
        var error = Assert.Throws<NodeTypeMismatchException>(() => _flow.TaskAt<string[], int[]>("support/check"));

        Assert.That(error!.Message, Does.StartWith(
            "The node at 'support/check' is a Map node from IReadOnlyList<string> to IReadOnlyList<int>, not from string[] to int[]."));
    }

    [Test]
    public void TaskAt_AnUnknownPath_FailsListingTheNearestPaths()
    {
        var error = Assert.Throws<NodeNotFoundException>(() => _flow.TaskAt<string, string>("support/refine/drafts"));

        Assert.That(error!.NearestPaths[0], Is.EqualTo("support/refine/draft"));
    }

    [Test]
    public void TaskAt_DescribesTheNodeAtItsPathInTheFlow()
    {
        var description = _flow.TaskAt<string, string>("support/route[Billing]/refund").Describe();

        Assert.That((description.Path, description.CaseLabel, description.Kind), Is.EqualTo(("support/route[Billing]/refund", "Billing", NodeKind.Prompt)));
        Assert.That(_flow.TaskAt<string, string>("support/refine").Describe().Children.Single().Path, Is.EqualTo("support/refine/draft"));
    }

    [Test]
    public async Task TaskAt_RunsTheNodeAtItsPathInTheFlow_WithoutRunningTheContainersAboveIt()
    {
        var result = await _flow.TaskAt<string, string>("support/route[Technical]/escalate").RunAsync("app down");

        Assert.That(result.Output, Is.EqualTo("escalated: app down"));
        Assert.That(result.Record.Nodes.Select(n => (n.Path, n.DefinitionPath)), Is.EqualTo(new[] { ("support/route[Technical]/escalate", "support/route[Technical]/escalate") }));
        Assert.That(result.Record.Routes, Is.Empty, "the branch above it does not decide");
        Assert.That(result.Record.FlowName, Is.EqualTo("escalate"));
    }

    [Test]
    public async Task TaskAt_ARunTimePath_RunsTheNodeAtThatIterationOrItem()
    {
        var seen = new List<(string, string)>();
        var body = FlowTask.Create("body", (int x, FlowContext context, CancellationToken _) =>
        {
            seen.Add((context.NodePath, context.DefinitionPath));
            return x;
        });
        var flow = Flow.Define<int>("f").Then(Flow.Loop("loop", body).Until(_ => true).MaxIterations(5).Build()).Build();

        await flow.TaskAt<int, int>("f/loop#4/body").RunAsync(1);
        await flow.TaskAt<int, int>("f/loop/body").RunAsync(1);

        Assert.That(seen, Is.EqualTo(new[] { ("f/loop#4/body", "f/loop/body"), ("f/loop/body", "f/loop/body") }));
    }

    [Test]
    public void TaskAt_ANodeThatFails_FailsTheRunAtItsPathInTheFlow()
    {
        Func<string, string> fail = _ => throw new InvalidOperationException("no on-call engineer");
        var flow = NestedFlow.Build(FlowTask.Create("escalate", fail));

        var error = Assert.ThrowsAsync<FlowTaskException>(() => flow.TaskAt<string, string>("support/route[Technical]/escalate").RunAsync("app down"));

        Assert.That(error!.NodePath, Is.EqualTo("support/route[Technical]/escalate"));
        Assert.That(error.InnerException, Is.TypeOf<InvalidOperationException>());
        Assert.That(error.Record!.Errors.Single().Path, Is.EqualTo("support/route[Technical]/escalate"));
        Assert.That(error.Record.Nodes.Single().Status, Is.EqualTo(NodeStatus.Failed));
    }

    [Test]
    public async Task TaskAt_ATaskWithAResiliencePipeline_RunsThroughThePipeline()
    {
        var calls = 0;
        Func<int, int> work = x => ++calls < 2 ? throw new TimeoutException("slow") : x * 10;
        var flaky = FlowTask.Create("flaky", work)
            .WithResilience(new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.Zero, ShouldHandle = new PredicateBuilder().Handle<TimeoutException>() })
                .Build());
        var flow = Flow.Define<int>("f").Then(Flow.Define<int>("inner").Then(flaky).Build()).Build();

        var result = await flow.TaskAt<int, int>("f/inner/flaky").RunAsync(4);

        Assert.That(result.Output, Is.EqualTo(40));
        Assert.That(result.Record.Nodes.Select(n => (n.Path, n.Status)), Is.EqualTo(new[] { ("f/inner/flaky", NodeStatus.Failed), ("f/inner/flaky", NodeStatus.Succeeded) }));
    }

    [Test]
    public async Task TaskAt_AContainer_RunsItsChildrenBelowItsPathInTheFlow()
    {
        var model = new ScriptedChatClient()
            .WhenNode("support/route", ScriptedReply.Choice("Billing"))
            .WhenNode("support/route[Billing]/refund", ScriptedReply.Text("refund issued"));

        var result = await _flow.TaskAt<string, string>("support/route").RunAsync("charged twice", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("refund issued"));
        Assert.That(result.Record.Nodes.Select(n => n.Path), Is.EqualTo(new[] { "support/route", "support/route[Billing]/refund" }));
        Assert.That(result.Record.Routes.Single().Path, Is.EqualTo("support/route"));
        Assert.That(model.Requests.Select(r => r.NodePath), Is.EqualTo(new[] { "support/route", "support/route[Billing]/refund" }));
    }

    [Test]
    public async Task TaskAt_OfATaskAt_FindsNodesByTheirPathsInTheWholeFlow()
    {
        var refine = _flow.TaskAt<string, string>("support/refine");
        var model = new ScriptedChatClient().WhenNode("support/refine/draft", ScriptedReply.Text("v1"));

        var result = await refine.TaskAt<string, string>("support/refine/draft").RunAsync("x", new RunOptions { ChatClient = model });

        Assert.That(result.Record.Nodes.Single().Path, Is.EqualTo("support/refine/draft"));
        Assert.That(refine.FindNode("support/refine/draft"), Is.SameAs(_flow.FindNode("support/refine/draft")));
    }

    [Test]
    public void TaskAt_WhoseRunGoesOverItsWallTime_ReportsTheBudgetAtTheNodesPathInTheFlow()
    {
        var stuck = FlowTask.Create<int, int>("stuck", async (x, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return x;
        });
        var flow = Flow.Define<int>("f").Then(Flow.Define<int>("inner").Then(stuck).Build()).Build();
        var time = new FakeTimeProvider();
        var options = new RunOptions { TimeProvider = time, Budget = new RunBudget { MaxDuration = TimeSpan.FromSeconds(1) } };

        var running = flow.TaskAt<int, int>("f/inner").RunAsync(1, options);
        time.Advance(TimeSpan.FromSeconds(2));

        var error = Assert.ThrowsAsync<BudgetExceededException>(() => running.WaitAsync(Signal.Timeout));
        Assert.That(error!.NodePath, Is.EqualTo("f/inner"));
    }
}
