using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Composition;

/// <summary>
/// Two flows on the same cases, side by side: one that answers a two-hop question directly (asking the sub-questions
/// alongside, only to check them), and one that answers the sub-questions first and composes the answer from them.
/// </summary>
public sealed class ComparisonTests
{
    private static readonly Dictionary<string, (string Country, string Code)> Capitals = new()
    {
        ["Nairobi"] = ("Kenya", "+254"),
        ["Oslo"] = ("Norway", "+47"),
        ["Lima"] = ("Peru", "+51"),
        ["Cairo"] = ("Egypt", "+20"),
    };

    public sealed record Hops(string Capital, string Country, string Code);

    private static readonly SubTask<string, Hops> Country = SubTask.At("qa/country", Scorers.Custom<string, Hops>("country", (e, a) => a.Country == e));

    private static readonly SubTask<string, Hops> Code = SubTask.At("qa/code", Scorers.Custom<string, Hops>("code", (e, a) => a.Code == e));

    /// <summary>
    /// The sub-questions, the same in both flows: which country has the capital (wrong for Lima), and its calling code.
    /// The answers stand for a model's: planted, so the expected numbers are known.
    /// </summary>
    private static FlowBuilder<string, Hops> SubQuestions() => Flow.Define<string>("qa")
        .Then("country", (string capital) => new Hops(capital, capital == "Lima" ? "Bolivia" : Capitals[capital].Country, ""))
        .Then("code", (Hops hops) => hops with { Code = Capitals.Values.FirstOrDefault(c => c.Country == hops.Country).Code ?? "+591" });

    /// <summary>Answers the question directly, ignoring the sub-answers: wrong for Nairobi and Lima.</summary>
    private static readonly Flow<string, string> Direct = SubQuestions()
        .Then("answer", (Hops hops) => hops.Capital is "Nairobi" or "Lima" ? "+1" : Capitals[hops.Capital].Code)
        .Build();

    /// <summary>Composes the answer from the sub-answers.</summary>
    private static readonly Flow<string, string> Decomposed = SubQuestions()
        .Then("compose", (Hops hops) => hops.Code)
        .Build();

    private static readonly CompositionSet<string, string> Set = CompositionSet.Create(
        "capitals",
        Capitals.Select(c => new CompositionCase<string, string>(c.Key, c.Key, c.Value.Code) { Category = "calling-code" }.Expect(Country, c.Value.Country).Expect(Code, c.Value.Code)));

    [Test]
    public async Task CompareAsync_PutsTheTwoFlowsSideBySide()
    {
        var comparison = await CompositionAnalyzer.CompareAsync(Set, Scorers.Exact<string>(), "direct", Direct, "decomposed", Decomposed);

        // Direct: Oslo and Cairo pass; Nairobi has right sub-answers and a wrong answer (the gap); Lima's sub-answers are wrong.
        // Decomposed: every case whose sub-answers are right passes; Lima's wrong sub-answers make a wrong answer.
        Assert.That((comparison.Baseline.Name, comparison.Candidate.Name, comparison.Baseline.FlowName), Is.EqualTo(("direct", "decomposed", "qa")));
        var direct = comparison.Baseline.Summary;
        var decomposed = comparison.Candidate.Summary;
        Assert.That((direct.Passed, direct.CompositionGap, direct.SubTaskIncorrect), Is.EqualTo((2, 1, 1)));
        Assert.That((decomposed.Passed, decomposed.CompositionGap, decomposed.SubTaskIncorrect), Is.EqualTo((3, 0, 1)));
        Assert.That((direct.Gap.Value, decomposed.Gap.Value), Is.EqualTo(((double?)(1 / 3.0), (double?)0.0)));
        Assert.That((comparison.AccuracyDelta, comparison.GapDelta), Is.EqualTo((0.25, (double?)(-1 / 3.0))));
        Assert.That(comparison.Changes, Is.EqualTo(new[] { new CaseChange("Nairobi", "calling-code", CompositionOutcome.CompositionGap, CompositionOutcome.Passed) }));
        Assert.That((comparison.Fixed, comparison.Broken), Is.EqualTo((1, 0)));
        Assert.That(
            comparison.Candidate.Cases.Single(c => c.Id == "Lima").Explanation,
            Does.StartWith("The sub-task qa/country was wrong (expected \"Peru\", got {\"capital\":\"Lima\",\"country\":\"Bolivia\",\"code\":\"\"})."),
            "a scorer that gives no reason: the explanation shows what was expected and what came out");
        Assert.That(comparison.ToString(), Is.EqualTo("direct vs decomposed on capitals: accuracy 50.0% -> 75.0%, gap 33.3% -> 0.0%, 1 fixed, 0 broken"));
    }

    [Test]
    public async Task Of_RefusesAnalysesOfDifferentSets_OrWithOneName()
    {
        var direct = await CompositionAnalyzer.RunAsync(Direct, Set, Scorers.Exact<string>(), new CompositionOptions { Evaluation = { Name = "direct" } });
        var other = await CompositionAnalyzer.RunAsync(Decomposed, Set.Where(c => c.Id != "Lima", "fewer"), Scorers.Exact<string>());
        var same = await CompositionAnalyzer.RunAsync(Decomposed, Set, Scorers.Exact<string>(), new CompositionOptions { Evaluation = { Name = "direct" } });

        Assert.That(() => CompositionComparison.Of(direct, other), Throws.ArgumentException.With.Message.Contain("were analysed on different sets ('capitals'"));
        Assert.That(() => CompositionComparison.Of(direct, same), Throws.ArgumentException.With.Message.Contain("Both analyses are named 'direct'"));
        Assert.That(
            () => CompositionAnalyzer.CompareAsync(Set, Scorers.Exact<string>(), "qa", Direct, "qa", Decomposed),
            Throws.ArgumentException.With.Message.Contain("Both flows are named 'qa'"));
    }

    [Test]
    public void CompareAsync_ChecksBothFlowsBeforeRunningEither()
    {
        var runs = 0;
        var baseline = SubQuestions().Then("count", (Hops hops) => $"{Interlocked.Increment(ref runs)}").Build();
        var elsewhere = Flow.Define<string>("qa").Then("answer", (string capital) => Capitals[capital].Code).Build();

        var ex = Assert.ThrowsAsync<CompositionExpectationException>(() => CompositionAnalyzer.CompareAsync(Set, Scorers.Exact<string>(), "baseline", baseline, "elsewhere", elsewhere))!;

        Assert.That(ex.Errors.Select(e => e.Path), Is.EqualTo(new[] { "qa/code", "qa/country" }));
        Assert.That(ex.FlowName, Is.EqualTo("qa"));
        Assert.That(ex.Errors[0].Message, Does.StartWith("No node of the flow 'qa' is at this path."));
        Assert.That(runs, Is.Zero, "the baseline did not run");
    }
}
