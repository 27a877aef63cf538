using AgentFlow.Testing;
using AgentFlow.Testing.NUnit;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Retry;
using static AgentFlow.Tests.Testing.NUnit.SupportRuns;

namespace AgentFlow.Tests.Testing.NUnit;

/// <summary>Node.At: how a node's executions ended, how many there were, how long they took, which tools it called.</summary>
public sealed class NodeConstraintTests
{
    [Test]
    public async Task Node_ThatRanAndSucceeded_Holds()
    {
        var result = await SucceededAsync();

        Assert.That(result, Node.At("support/normalize").Succeeded().RanTimes(1));
        Assert.That(result, Node.At("support/refine/draft").Succeeded().RanTimes(2));
        Assert.That(result, Node.At("support/refine#2/draft").RanTimes(1));
        Assert.That(result, Node.At("support/route[Billing]/refund").RanTimes(0));
    }

    [Test]
    public void Node_ThatFailed_FailsSucceededWithItsError()
    {
        var error = Failed();

        var message = FailureOf(Node.At("support/route[Technical]/escalate").Succeeded(), error);

        Assert.That(message, Does.StartWith(
            "  Node support/route[Technical]/escalate failed but was expected to succeed: FlowTaskException at support/route[Technical]/escalate: "
            + "Task 'support/route[Technical]/escalate' failed: InvalidOperationException: no on-call engineer\n"));
        Assert.That(message, Does.Contain($"  Input:    \"{Input}\"\n"));
    }

    [Test]
    public void Node_ThatFailed_HoldsFailedAndFailedWithItsErrorOrTheOriginal()
    {
        var error = Failed();

        Assert.That(error, Node.At("support/route[Technical]/escalate").Failed());
        Assert.That(error, Node.At("support/route[Technical]/escalate").FailedWith<FlowTaskException>());
        Assert.That(error, Node.At("support/route[Technical]/escalate").FailedWith<InvalidOperationException>());
        Assert.That(error.Record, Node.At("support/route").Failed(), "the branch fails with its case");
    }

    [Test]
    public void Node_ThatFailedWithAnotherError_FailsNamingBoth()
    {
        var error = Failed();

        var message = FailureOf(Node.At("support/route[Technical]/escalate").FailedWith<TimeoutException>(), error);

        Assert.That(message, Does.StartWith(
            "  Node support/route[Technical]/escalate failed with FlowTaskException at support/route[Technical]/escalate: Task 'support/route[Technical]/escalate' failed: "
            + "InvalidOperationException: no on-call engineer (from InvalidOperationException) but a TimeoutException was expected.\n"));
    }

    [Test]
    public async Task Node_ThatSucceeded_FailsFailed()
    {
        var result = await SucceededAsync();

        Assert.That(FailureOf(Node.At("support/normalize").Failed(), result), Does.StartWith("  Node support/normalize succeeded but was expected to fail.\n"));
        Assert.That(FailureOf(Node.At("support/normalize").Cancelled(), result), Does.StartWith("  Node support/normalize succeeded but was expected to be cancelled.\n"));
    }

    [Test]
    public async Task Node_ThatRanAnotherNumberOfTimes_FailsListingItsExecutions()
    {
        var result = await SucceededAsync();

        var message = FailureOf(Node.At("support/refine/draft").RanTimes(3), result);

        Assert.That(message, Does.StartWith(
            "  Node support/refine/draft ran 2 time(s) but 3 were expected: support/refine#1/draft Succeeded, support/refine#2/draft Succeeded.\n"));
    }

    [Test]
    public async Task Node_ThatNeverRan_FailsListingTheNodesThatDid()
    {
        var result = await SucceededAsync();

        var message = FailureOf(Node.At("support/route[Billing]/refund").Succeeded(), result);

        Assert.That(message, Does.StartWith(
            "  No node ran at support/route[Billing]/refund.\n"
            + "  Nodes run: support, support/normalize, support/lookup, support/lookup/length, support/lookup/summarize, support/route, "
            + "support/route[Technical]/escalate, support/refine, support/refine#1/draft, support/refine#2/draft, support/split, support/check and 4 more.\n"));
        Assert.That(FailureOf(Node.At("support/x").RanTimes(1), result), Does.StartWith("  Node support/x never ran but 1 execution(s) were expected.\n  Nodes run: support, "));
    }

    [Test]
    public async Task Node_RetriedByAPipeline_CountsByItsLastAttempt()
    {
        var calls = 0;
        Func<int, int> work = x => ++calls < 2 ? throw new TimeoutException("slow") : x;
        var flaky = FlowTask.Create("flaky", work).WithResilience(new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 1, Delay = TimeSpan.Zero, ShouldHandle = new PredicateBuilder().Handle<TimeoutException>() })
            .Build());

        var result = await TaskHarness.RunAsync(Flow.Define<int>("f").Then(flaky).Build(), 1);

        Assert.That(result, Node.At("f/flaky").Succeeded().RanTimes(2));
        Assert.That(FailureOf(Node.At("f/flaky").Failed(), result), Does.StartWith("  Node f/flaky succeeded but was expected to fail.\n"));
    }

    [Test]
    public async Task Node_ThatTookLongerThanAllowed_FailsWithBothDurations()
    {
        var time = new FakeTimeProvider();
        var slow = FlowTask.Create("slow", (int x) =>
        {
            time.Advance(TimeSpan.FromSeconds(2));
            return x;
        });

        var result = await TaskHarness.RunAsync(Flow.Define<int>("f").Then(slow).Build(), 1, new RunOptions { TimeProvider = time });

        Assert.That(result, Node.At("f/slow").TookAtMost(TimeSpan.FromSeconds(2)));
        Assert.That(FailureOf(Node.At("f/slow").TookAtMost(TimeSpan.FromSeconds(1)), result), Does.StartWith("  Node f/slow took 2000 ms but at most 1000 ms was expected.\n"));
    }

    [Test]
    public async Task Node_ThatCalledATool_HoldsCalledToolForItOnly()
    {
        var square = FlowTask.FromTool<int, int>("square", AIFunctionFactory.Create((int value) => value * value, "square_number"));

        var result = await TaskHarness.RunAsync(Flow.Define<int>("f").Then(square).Then("half", (int x) => x / 2).Build(), 4);

        Assert.That(result, Node.At("f/square").CalledTool("square_number"));
        Assert.That(FailureOf(Node.At("f/square").CalledTool("cube_number"), result), Does.StartWith("  Node f/square did not call the tool 'cube_number'; it called: square_number.\n"));
        Assert.That(FailureOf(Node.At("f/half").CalledTool("square_number"), result), Does.StartWith("  Node f/half did not call the tool 'square_number'; it called no tools.\n"));
    }

    [Test]
    public async Task Node_InARunThatRecordedNoNodes_SaysHowToRecordThem()
    {
        var result = await TaskHarness.RunAsync(FlowTask.Create("echo", (int x) => x), 1, new RunOptions { RecordNodes = false });

        Assert.That(FailureOf(Node.At("echo").RanTimes(0), result), Does.StartWith("  The run recorded no nodes: run it with RunOptions.RecordNodes on (the default) to assert on its nodes.\n"));
    }

    [Test]
    public void Node_DescribesEveryRequirement()
    {
        Assert.That(Node.At("f/x").FailedWith<TimeoutException>().RanTimes(2).TookAtMost(TimeSpan.FromSeconds(1)).CalledTool("t").Description,
            Is.EqualTo("node f/x run 2 time(s), failed with TimeoutException, within 1000 ms, calling the tool 't'"));
        Assert.That(Node.At("f/x").Succeeded().Description, Is.EqualTo("node f/x run, succeeded"));
    }

    [Test]
    public void Node_WithInvalidArguments_Throws()
    {
        Assert.Throws<ArgumentException>(() => Node.At(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => Node.At("x").RanTimes(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Node.At("x").TookAtMost(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentException>(() => Node.At("x").CalledTool(""));
    }

    [Test]
    public async Task Returned_ComparesWhatTheNodeReturned_WhenTheRunKeptOutputs()
    {
        var flow = Flow.Define<int>("calc").Then("double", (int x) => x * 2).Then("pair", (int x) => new[] { x, x + 1 }).Build();

        var result = await TaskHarness.RunAsync(flow, 3, new RunOptions { RecordOutputs = true });

        Assert.That(result, Node.At("calc/double").Returned(6));
        Assert.That(result, Node.At("calc/pair").Returned(new[] { 6, 7 }));
        Assert.That(FailureOf(Node.At("calc/double").Returned(7), result), Does.StartWith("  Node calc/double returned 6 but 7 was expected.\n"));
    }

    [Test]
    public async Task Returned_WithoutRecordedOutputs_SaysHowToKeepThem()
    {
        var flow = Flow.Define<int>("calc").Then("double", (int x) => x * 2).Build();

        var result = await TaskHarness.RunAsync(flow, 3);

        Assert.That(FailureOf(Node.At("calc/double").Returned(6), result), Does.Contain("RunOptions.RecordOutputs = true"));
    }
}
