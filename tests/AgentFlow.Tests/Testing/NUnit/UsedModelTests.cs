using AgentFlow.Testing;
using AgentFlow.Testing.NUnit;
using AgentFlow.Tests.TestSupport;
using static AgentFlow.Tests.Testing.NUnit.SupportRuns;

namespace AgentFlow.Tests.Testing.NUnit;

/// <summary>UsedModel: bounds on model calls, tokens and cost, in a run or at a node and below it.</summary>
public sealed class UsedModelTests
{
    [Test]
    public async Task UsedModel_WithinItsBounds_Holds()
    {
        var result = await SucceededAsync();

        Assert.That(result, UsedModel.AtMost(calls: 6, tokens: 90));
        Assert.That(result, UsedModel.At("support/route").AtMost(calls: 1, tokens: 15));
        Assert.That(result, UsedModel.At("support/refine"));
    }

    [Test]
    public async Task UsedModel_OverItsCalls_FailsListingTheUsePerNode()
    {
        var result = await SucceededAsync();

        var message = FailureOf(UsedModel.AtMost(calls: 5), result);

        Assert.That(message, Does.StartWith(
            "  The run made 6 model call(s) but at most 5 were expected.\n"
            + "  Model use: support/lookup/summarize 1 call(s), 15 token(s) (prompt), support/route 1 call(s), 15 token(s) (route-decision), "
            + "support/refine#1/draft 1 call(s), 15 token(s) (prompt), support/refine#1 1 call(s), 15 token(s) (loop-exit), "
            + "support/refine#2/draft 1 call(s), 15 token(s) (prompt), support/refine#2 1 call(s), 15 token(s) (loop-exit).\n"));
    }

    [Test]
    public async Task UsedModel_AtANode_CountsItAndWhatRunsBelowIt()
    {
        var result = await SucceededAsync();

        var message = FailureOf(UsedModel.At("support/refine").AtMost(tokens: 59), result);

        Assert.That(message, Does.StartWith(
            "  The run at support/refine used 60 token(s) but at most 59 were expected.\n"
            + "  Model use: support/refine#1/draft 1 call(s), 15 token(s) (prompt), support/refine#1 1 call(s), 15 token(s) (loop-exit), "
            + "support/refine#2/draft 1 call(s), 15 token(s) (prompt), support/refine#2 1 call(s), 15 token(s) (loop-exit).\n"));
        Assert.That(result, UsedModel.At("support/refine#2").AtMost(calls: 2));
        Assert.That(FailureOf(UsedModel.At("support/refine#2").AtMost(calls: 1), result), Does.StartWith("  The run at support/refine#2 made 2 model call(s) but at most 1 were expected.\n"));
    }

    [Test]
    public async Task UsedModel_AtANodeThatCalledNoModel_FailsWithoutBounds()
    {
        var result = await SucceededAsync();

        Assert.That(FailureOf(UsedModel.At("support/normalize"), result), Does.StartWith("  No model was called at support/normalize.\n"));
        Assert.That(result, UsedModel.At("support/normalize").AtMost(calls: 0));
    }

    [Test]
    public async Task UsedModel_OverItsCost_FailsWithTheCost()
    {
        var prices = new Dictionary<string, ModelPrice> { ["scripted"] = new(InputPerMillionTokens: 1_000m, OutputPerMillionTokens: 2_000m) };

        var result = await TaskHarness.RunAsync(NestedFlow.Build(), Input, new RunOptions { ChatClient = Model(), Prices = prices });

        Assert.That(result, UsedModel.AtMost(cost: 0.12m));
        Assert.That(FailureOf(UsedModel.AtMost(cost: 0.1m), result), Does.StartWith("  The run cost 0.12 but at most 0.1 was expected.\n"));
    }

    [Test]
    public async Task UsedModel_WithACostBoundOnUnpricedCalls_FailsSayingToSetPrices()
    {
        var result = await SucceededAsync();

        Assert.That(FailureOf(UsedModel.AtMost(cost: 1m), result), Does.StartWith(
            "  The run made 6 model call(s) but none was priced, so its cost cannot be held to 1: set RunOptions.Prices for its models.\n"));
    }

    [Test]
    public void UsedModel_OnAFailedRun_CountsTheCallsMadeBeforeTheFailure()
    {
        var error = Failed();

        Assert.That(error, UsedModel.AtMost(calls: 2));
        Assert.That(FailureOf(UsedModel.AtMost(calls: 1), error), Does.Contain("  Run failed: FlowTaskException at support/route[Technical]/escalate:"));
    }

    [Test]
    public void UsedModel_WithoutABoundOrWithANegativeOne_Throws()
    {
        Assert.Throws<ArgumentException>(() => UsedModel.AtMost());
        Assert.Throws<ArgumentOutOfRangeException>(() => UsedModel.AtMost(calls: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => UsedModel.At("x").AtMost(cost: -0.01m));
        Assert.Throws<ArgumentException>(() => UsedModel.At(""));
    }

    [Test]
    public void UsedModel_DescribesItsScopeAndBounds()
    {
        Assert.That(UsedModel.AtMost(calls: 3, tokens: 100, cost: 0.5m).Description, Is.EqualTo("model use in the run of at most 3 call(s), 100 token(s), a cost of 0.5"));
        Assert.That(UsedModel.At("f/x").Description, Is.EqualTo("model use at f/x, at least one call"));
    }
}
