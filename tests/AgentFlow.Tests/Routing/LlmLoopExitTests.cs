using AgentFlow.Testing;

namespace AgentFlow.Tests.Routing;

/// <summary>Loops whose exit is decided by an LLM: one recorded decision per iteration, fallbacks and failures.</summary>
public sealed class LlmLoopExitTests
{
    [Test]
    public async Task Loop_WithLlmExit_RecordsOneDecisionPerIterationAtIndexedPaths()
    {
        var model = new ScriptedChatClient().WhenNode(
            "polish",
            ScriptedReply.Choice("continue", "too short", 0.7),
            ScriptedReply.Choice("continue", "still short", 0.6),
            ScriptedReply.Choice("stop", "good", 0.95));

        var result = await Polish().RunAsync("a", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("a!!!"));
        Assert.That(result.Record.Routes.Select(r => (r.Path, r.DefinitionPath, r.Label)), Is.EqualTo(new[]
        {
            ("polish#1", "polish", "continue"),
            ("polish#2", "polish", "continue"),
            ("polish#3", "polish", "stop"),
        }));
        Assert.That(result.Record.Routes.Select(r => r.Source), Has.All.EqualTo(DecisionSource.Llm));
        Assert.That(result.Record.Routes.Select(r => r.Rationale), Is.EqualTo(new[] { "too short", "still short", "good" }));
        Assert.That(result.Record.Routes[2].Confidence, Is.EqualTo(0.95));
        Assert.That(result.Record.RoutesAt("polish"), Has.Count.EqualTo(3));
        Assert.That(result.Record.Loops.Single(), Is.EqualTo(new LoopRecord("polish", 3, 5, LoopExit.Condition)));
        Assert.That(result.Record.NodesAt("polish#2/exclaim"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Loop_WithLlmExit_SendsThePromptOfEachIterationsOutputWithLoopExitPurpose()
    {
        var model = new ScriptedChatClient().WhenNode("polish", ScriptedReply.Choice("continue"), ScriptedReply.Choice("stop"));

        await Polish().RunAsync("a", new RunOptions { ChatClient = model });

        Assert.That(model.Requests.Select(r => r.LastUserText), Is.EqualTo(new[] { "Done? a!", "Done? a!!" }));
        Assert.That(model.Requests.Select(r => r.NodePath), Is.EqualTo(new[] { "polish#1", "polish#2" }));
        Assert.That(model.Requests.Select(r => r.DefinitionPath), Has.All.EqualTo("polish"));
        Assert.That(model.Requests.Select(r => r.Purpose), Has.All.EqualTo("loop-exit"));
        var choices = model.Requests[0].Options!.ResponseFormat as Microsoft.Extensions.AI.ChatResponseFormatJson;
        var labels = choices!.Schema!.Value.GetProperty("properties").GetProperty("choice").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.That(labels, Is.EquivalentTo(new[] { "stop", "continue" }));
    }

    [Test]
    public async Task Loop_InsideFlow_RecordsDecisionsUnderTheFlowPath()
    {
        var model = new ScriptedChatClient().WhenNode("doc/polish", ScriptedReply.Choice("continue"), ScriptedReply.Choice("stop"));
        var flow = Flow.Define<string>("doc").Then(Polish()).Build();

        var result = await flow.RunAsync("a", new RunOptions { ChatClient = model });

        Assert.That(result.Record.Routes.Select(r => r.Path), Is.EqualTo(new[] { "doc/polish#1", "doc/polish#2" }));
        Assert.That(result.Record.Routes.Select(r => r.DefinitionPath), Has.All.EqualTo("doc/polish"));
    }

    [Test]
    public async Task Loop_WithInvalidAnswersAndFallbackToStop_StopsAndRecordsTheFallback()
    {
        var model = new ScriptedChatClient().WhenNode("polish", ScriptedReply.Choice("maybe"), ScriptedReply.Text("I am not sure"));
        var loop = Flow.Loop("polish", Exclaim()).UntilLlm(s => $"Done? {s}", o => o.MaxCorrections = 1).FallbackTo(LoopDecision.Stop).MaxIterations(5).Build();

        var result = await loop.RunAsync("a", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("a!"));
        var decision = result.Record.Routes.Single();
        Assert.That(decision.Path, Is.EqualTo("polish#1"));
        Assert.That(decision.Label, Is.EqualTo("stop"));
        Assert.That(decision.Source, Is.EqualTo(DecisionSource.Fallback));
        Assert.That(decision.IsFallback, Is.True);
        Assert.That(decision.Attempts, Is.EqualTo(2));
        Assert.That(decision.Rejected.Select(r => r.Attempt), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(decision.Rejected[1].Reply, Is.EqualTo("I am not sure"));
        Assert.That(result.Record.Fallbacks, Is.EqualTo(new[] { "polish#1: Fallback case 'stop'" }));
        Assert.That(result.Record.Loops.Single().Exit, Is.EqualTo(LoopExit.Condition));
    }

    [Test]
    public async Task Loop_WithInvalidAnswerAndFallbackToContinue_RunsAnotherIteration()
    {
        var model = new ScriptedChatClient().WhenNode("polish", ScriptedReply.Choice("maybe"), ScriptedReply.Choice("stop"));
        var loop = Flow.Loop("polish", Exclaim()).UntilLlm(s => s, o => o.MaxCorrections = 0).FallbackTo(LoopDecision.Continue).MaxIterations(5).Build();

        var result = await loop.RunAsync("a", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("a!!"));
        Assert.That(result.Record.Routes.Select(r => (r.Path, r.Label, r.Source)), Is.EqualTo(new[]
        {
            ("polish#1", "continue", DecisionSource.Fallback),
            ("polish#2", "stop", DecisionSource.Llm),
        }));
    }

    [Test]
    public void Loop_WithInvalidAnswersAndNoFallback_FailsWithRouteDecisionExceptionAtTheIteration()
    {
        var model = new ScriptedChatClient().WhenNode(
            "polish", ScriptedReply.Choice("continue"), ScriptedReply.Choice("done"), ScriptedReply.Choice("finished"), ScriptedReply.Choice("yes"));

        var ex = Assert.ThrowsAsync<RouteDecisionException>(async () => await Polish().RunAsync("a", new RunOptions { ChatClient = model }));

        Assert.That(ex!.NodePath, Is.EqualTo("polish#2"));
        Assert.That(ex.Message, Does.Contain("polish#2").And.Contain("FallbackTo"));
        Assert.That(ex.AllowedLabels, Is.EquivalentTo(new[] { "stop", "continue" }));
        Assert.That(ex.Rejected.Select(r => r.Reply), Has.Exactly(3).Items);
        Assert.That(ex.Rejected[2].Reply, Does.Contain("yes"));
        Assert.That(ex.Record!.Routes.Single().Path, Is.EqualTo("polish#1"));
        Assert.That(ex.Record.Errors.Single().Path, Is.EqualTo("polish#2"));
        Assert.That(ex.Record.Loops.Single(), Is.EqualTo(new LoopRecord("polish", 2, 5, LoopExit.Failed)));
    }

    [Test]
    public void Loop_WhenLlmAlwaysContinues_StopsAtTheCapWithLoopCapExceededException()
    {
        var model = new ScriptedChatClient().WhenNode("polish", _ => ScriptedReply.Choice("continue"));
        var loop = Flow.Loop("polish", Exclaim()).UntilLlm(s => s).MaxIterations(2).Build();

        var ex = Assert.ThrowsAsync<LoopCapExceededException>(async () => await loop.RunAsync("a", new RunOptions { ChatClient = model }));

        Assert.That(ex!.NodePath, Is.EqualTo("polish"));
        Assert.That(model.Requests, Has.Count.EqualTo(2));
        Assert.That(ex.Record!.Routes.Select(r => r.Label), Is.EqualTo(new[] { "continue", "continue" }));
    }

    [Test]
    public void Loop_WithFallbackButCodeExit_IsRejectedWhenBuilt()
    {
        var builder = Flow.Loop("polish", Exclaim()).Until(s => s.Length > 3).FallbackTo(LoopDecision.Stop).MaxIterations(5);

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Build());

        Assert.That(ex!.Errors.Single().Message, Does.Contain("FallbackTo").And.Contain("UntilLlm"));
    }

    [Test]
    public void Loop_WithUntilAndUntilLlm_IsRejectedWhenTheSecondConditionIsDeclared()
    {
        var builder = Flow.Loop("polish", Exclaim()).Until(s => s.Length > 3);

        Assert.That(() => builder.UntilLlm(s => s), Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("already has an exit condition"));
    }

    [Test]
    public void Loop_WhenExitPromptThrows_FailsWithFlowTaskExceptionAtTheIteration()
    {
        var boom = new FormatException("bad");
        var model = new ScriptedChatClient().WhenNode("polish", _ => ScriptedReply.Choice("continue"));
        var loop = Flow.Loop("polish", Exclaim()).UntilLlm(_ => throw boom).MaxIterations(3).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await loop.RunAsync("a", new RunOptions { ChatClient = model }));

        Assert.That(ex!.NodePath, Is.EqualTo("polish#1"));
        Assert.That(ex.InnerException, Is.SameAs(boom));
        Assert.That(model.Requests, Is.Empty);
    }

    private static FlowTask<string, string> Exclaim() => FlowTask.Create("exclaim", (string s) => s + "!");

    private static FlowTask<string, string> Polish()
        => Flow.Loop("polish", Exclaim()).UntilLlm(s => $"Done? {s}").MaxIterations(5).Build();
}
