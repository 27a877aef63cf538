using AgentFlow.Testing;

namespace AgentFlow.Tests.Routing;

/// <summary>What a decision leaves in the record when it succeeds after normalising, and when its model call fails.</summary>
public sealed class LlmDecisionRecordTests
{
    public enum Topic
    {
        Billing,
        Technical,
    }

    [Test]
    public async Task Decision_AcceptedAfterIgnoringCaseAndSpaces_KeepsTheAnswerAsWritten()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Choice("  BILLING "));

        var result = await Route().RunAsync("x", new RunOptions { ChatClient = model });

        var decision = result.Record.Routes.Single();
        Assert.That(decision.Label, Is.EqualTo("Billing"));
        Assert.That(decision.Answer, Is.EqualTo("  BILLING "));
    }

    [Test]
    public void Decision_WhoseSecondCallFails_StillRecordsTheFirstCallsAttemptAndTokens()
    {
        var model = new ScriptedChatClient().Enqueue(
            ScriptedReply.Choice("Sales").WithUsage(100, 10),
            ScriptedReply.Throw(new HttpRequestException("503")));

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await Route().RunAsync("x", new RunOptions { ChatClient = model }));

        var call = ex!.Record!.LlmCalls.Single();
        Assert.That((call.Path, call.Attempts, call.Succeeded), Is.EqualTo(("route", 2, false)));
        Assert.That(call.Usage!.InputTokenCount, Is.EqualTo(100));
        Assert.That(call.Usage.OutputTokenCount, Is.EqualTo(10));
    }

    private static FlowTask<string, string> Route()
        => Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(text => text)
            .Case(Topic.Billing, FlowTask.Create("billing", (string s) => s))
            .Case(Topic.Technical, FlowTask.Create("technical", (string s) => s))
            .Build();
}
