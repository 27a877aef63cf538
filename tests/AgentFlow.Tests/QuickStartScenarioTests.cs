using AgentFlow.Testing;

namespace AgentFlow.Tests;

/// <summary>The scenario a user writes first: a sequence, a parallel join, an LLM branch and a capped loop, offline.</summary>
public sealed class QuickStartScenarioTests
{
    public enum Topic
    {
        Billing,
        Technical,
    }

    [Test]
    public async Task Flow_WithSequenceParallelLlmBranchAndLoop_RunsOfflineWithScriptedClient()
    {
        var model = new ScriptedChatClient()
            .WhenNode("triage/route", ScriptedReply.Choice("Billing", "mentions an invoice", 0.9))
            .WhenNode("triage/polish", ScriptedReply.Choice("continue"), ScriptedReply.Choice("stop"));

        var route = Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(text => $"Which team handles: {text}")
            .Case(Topic.Billing, FlowTask.Create("billing", (string s) => $"billing:{s}"))
            .Case(Topic.Technical, FlowTask.Create("technical", (string s) => $"technical:{s}"))
            .Build();
        var flow = Flow.Define<string>("triage")
            .Then("normalize", s => s.Trim())
            .Then(Flow.Parallel("lookup", FlowTask.Create("length", (string s) => s.Length), FlowTask.Create("upper", (string s) => s.ToUpperInvariant()), (n, u) => $"{u}({n})"))
            .Then(route)
            .Then(Flow.Loop("polish", FlowTask.Create("exclaim", (string s) => s + "!")).UntilLlm(s => $"Done? {s}").MaxIterations(3).Build())
            .Build();

        var result = await flow.RunAsync("  invoice  ", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("billing:INVOICE(7)!!"));
        Assert.That(result.Record.Routes.Select(r => (r.Path, r.Label)), Is.EqualTo(new[]
        {
            ("triage/route", "Billing"),
            ("triage/polish#1", "continue"),
            ("triage/polish#2", "stop"),
        }));
        Assert.That(result.Record.Routes[0].Confidence, Is.EqualTo(0.9));
        Assert.That(result.Record.NodesAt("triage/route[Billing]/billing"), Has.Count.EqualTo(1));
        Assert.That(result.Record.Loops.Single().Iterations, Is.EqualTo(2));
        Assert.That(model.Requests, Has.Count.EqualTo(3));
        TestContext.Out.WriteLine(result.Record.FormatTimeline());
        TestContext.Out.WriteLine(flow.ToMermaid());
    }
}
