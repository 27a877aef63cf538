using AgentFlow.Testing;
using AgentFlow.Testing.NUnit;
using static AgentFlow.Tests.Testing.NUnit.SupportRuns;

namespace AgentFlow.Tests.Testing.NUnit;

/// <summary>HasOutput: the output compared with NUnit's equality, and failure messages with the input, expected and actual output as JSON and the path of a failure.</summary>
public sealed class HasOutputTests
{
    public enum Desk
    {
        Billing,
        Technical,
    }

    public sealed record Reply(Desk Desk, string Text, bool Refund);

    [Test]
    public async Task HasOutput_EqualToTheOutput_Holds()
    {
        var result = await SucceededAsync();

        Assert.That(result, HasOutput.EqualTo(3));
        Assert.That(await TaskHarness.RunAsync(ReplyTask(), "charged twice"), HasOutput.EqualTo(new Reply(Desk.Billing, "charged twice", true)));
    }

    [Test]
    public async Task HasOutput_EqualToAnotherOutput_ShowsInputExpectedAndActualAsJson()
    {
        var result = await TaskHarness.RunAsync(ReplyTask(), "charged twice");

        var message = FailureOf(HasOutput.EqualTo(new Reply(Desk.Billing, "charged twice", false)), result);

        Assert.That(message, Is.EqualTo(
            "  Output of reply is not the expected one.\n"
            + "  Input:    \"charged twice\"\n"
            + "  Expected: {\"desk\":\"Billing\",\"text\":\"charged twice\",\"refund\":false}\n"
            + "  But was:  {\"desk\":\"Billing\",\"text\":\"charged twice\",\"refund\":true}\n"));
    }

    [Test]
    public async Task HasOutput_OfANodeRunAlone_NamesTheNodesPathInTheFlow()
    {
        var flow = Flow.Define<string>("support").Then(ReplyTask()).Build();

        var result = await TaskHarness.RunAsync(flow.TaskAt<string, Reply>("support/reply"), "hello");

        Assert.That(FailureOf(HasOutput.EqualTo(null), result), Does.StartWith("  Output of support/reply is not the expected one.\n"));
    }

    [Test]
    public async Task HasOutput_WithALongValue_IndentsItsJson()
    {
        var result = await TaskHarness.RunAsync(FlowTask.Create("words", (int n) => Enumerable.Range(0, n).Select(i => $"word-{i}").ToArray()), 12);

        var message = FailureOf(HasOutput.EqualTo(Array.Empty<string>()), result);

        Assert.That(message, Does.Contain("  Input:    12\n  Expected: []\n  But was:  [\n              \"word-0\",\n              \"word-1\",\n"));
    }

    [Test]
    public void HasOutput_OnAFailedRun_FailsNamingWhereItFailed()
    {
        var error = Failed();

        var message = FailureOf(HasOutput.EqualTo(3), error);

        Assert.That(message, Is.EqualTo(
            "  The run of support failed at support/route[Technical]/escalate, so it has no output.\n"
            + $"  Input:    \"{Input}\"\n"
            + "  Run failed: FlowTaskException at support/route[Technical]/escalate: Task 'support/route[Technical]/escalate' failed: InvalidOperationException: no on-call engineer\n"
            + "  Expected: 3\n"));
    }

    [Test]
    public async Task HasOutput_OfARunNotStartedByTheHarness_LeavesTheInputOut()
    {
        var result = await ReplyTask().RunAsync("charged twice");

        var message = FailureOf(HasOutput.EqualTo(null), result);

        Assert.That(message, Does.Not.Contain("Input:"));
        Assert.That(message, Does.Contain("  Expected: null\n"));
    }

    [Test]
    public async Task HasOutput_That_AppliesAnyConstraintToTheOutput()
    {
        var result = await TaskHarness.RunAsync(ReplyTask(), "charged twice");

        Assert.That(result, HasOutput.That(Has.Property(nameof(Reply.Refund)).True));
        var message = FailureOf(HasOutput.That(Has.Property(nameof(Reply.Desk)).EqualTo(Desk.Technical)), result);
        Assert.That(message, Does.Contain("  Expected: property Desk equal to Technical\n"));
        Assert.That(message, Does.Contain("  But was:  {\"desk\":\"Billing\","));
    }

    [Test]
    public async Task HasOutput_OnARecord_ThrowsSayingARecordHasNoOutput()
    {
        var result = await ReplyTask().RunAsync("x");

        var error = Assert.Throws<ArgumentException>(() => HasOutput.EqualTo(null).ApplyTo(result.Record));

        Assert.That(error!.Message, Does.StartWith("HasOutput applies to a FlowResult<T>, or to the FlowRunException of a failed run; a RunRecord has no output."));
    }

    [Test]
    public void HasOutput_DescribesTheExpectedOutputAsJson()
    {
        Assert.That(HasOutput.EqualTo(new Reply(Desk.Technical, "x", false)).Description, Is.EqualTo("output equal to {\"desk\":\"Technical\",\"text\":\"x\",\"refund\":false}"));
        Assert.That(HasOutput.That(Is.GreaterThan(2)).Description, Is.EqualTo("output greater than 2"));
    }

    private static FlowTask<string, Reply> ReplyTask() => FlowTask.Create("reply", (string text) => new Reply(Desk.Billing, text, text.Contains("charged", StringComparison.Ordinal)));
}
