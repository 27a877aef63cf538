using AgentFlow.Evaluation;
using AgentFlow.Testing;
using AgentFlow.Testing.NUnit;
using NUnit.Framework.Internal;

namespace AgentFlow.Tests.Testing.NUnit;

/// <summary>Eval cases as NUnit test cases, and one case asserted with a message that shows input, expected and actual.</summary>
public sealed class EvalAssertTests
{
    private static readonly EvalSet<string, int> Lengths = EvalSet.Create(
        "lengths",
        [new EvalCase<string, int>("short", "abc", 3, "easy"), new EvalCase<string, int>("empty", string.Empty, 0, "edge", "easy")]);

    private static readonly FlowTask<string, int> Length = FlowTask.Create("length", (string s) => s.Length);

    public static IEnumerable<TestCaseData> LengthCases() => EvalCases.From(Lengths);

    [TestCaseSource(nameof(LengthCases))]
    public async Task EachCase_RunsAsATestOfItsOwn(EvalCase<string, int> evalCase)
    {
        var result = await EvalAssert.PassesAsync(Length, evalCase, Scorers.Exact<int>());

        Assert.That(result.Output, Is.EqualTo(evalCase.Expected));
    }

    [Test]
    public void TestCases_AreNamedByCaseId_AndCategorisedByTag()
    {
        var cases = EvalCases.From(Lengths).ToList();

        Assert.That(cases.Select(c => c.TestName), Is.EqualTo(new[] { "{m}(short)", "{m}(empty)" }));
        Assert.That(cases[1].Properties[PropertyNames.Category], Is.EqualTo(new[] { "edge", "easy" }));
        Assert.That(cases[0].Arguments.Single(), Is.SameAs(Lengths.Cases[0]));
    }

    [Test]
    public void AWrongOutput_FailsWithInputExpectedActualAndTheScorersReason()
    {
        var evalCase = new EvalCase<string, int>("off-by-one", "abcd", 5);

        var ex = Assert.ThrowsAsync<AssertionException>(async () => await EvalAssert.PassesAsync(Length, evalCase, Scorers.Exact<int>()));

        Assert.That(ex!.Message, Does.StartWith("Eval case 'off-by-one' did not pass: the scorer 'exact' gave 0: expected 5, got 4\n"));
        Assert.That(ex.Message, Does.Contain("Input:    \"abcd\"").And.Contain("Expected: 5").And.Contain("Actual:   4"));
    }

    [Test]
    public void AFailedRun_FailsNamingTheNodePath()
    {
        var flow = Flow.Define<string>("measure").Then("length", (string s) => s.Length == 0 ? throw new ArgumentException("empty") : s.Length).Build();

        var ex = Assert.ThrowsAsync<AssertionException>(async () => await EvalAssert.PassesAsync(flow, Lengths.Cases[1], Scorers.Exact<int>()));

        Assert.That(ex!.Message, Does.Contain("the run failed at measure/length").And.Contain("ArgumentException: empty"));
        Assert.That(ex.Message, Does.Not.Contain("Actual:"));
    }

    [Test]
    public void AScorerError_IsAFailure_NotAPass()
    {
        var broken = Scorers.Custom<int, int>("broken", (_, _) => Score.FromError("the judge's reply did not parse"));

        var ex = Assert.ThrowsAsync<AssertionException>(async () => await EvalAssert.PassesAsync(Length, Lengths.Cases[0], broken));

        Assert.That(ex!.Message, Does.Contain("the scorer 'broken' could not score it: the judge's reply did not parse"));
    }
}
