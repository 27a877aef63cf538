using AgentFlow.Evaluation;
using AgentFlow.Testing.NUnit;
using NUnit.Framework.Constraints;

namespace AgentFlow.Tests.Evaluation.Composition;

/// <summary>The NUnit constraints on an analysis or a comparison: a most gap, a least accuracy, and what their failures say.</summary>
public sealed class ComposabilityConstraintTests
{
    public sealed record Plant(bool SubTaskRight, bool FinalRight, int Score = 0);

    /// <summary>Answers as planted in the input, whatever its sub-task said.</summary>
    private static readonly Flow<Plant, string> Planted = Flow.Define<Plant>("qa")
        .Then(Flow.Parallel("hop", FlowTask.Create("keep", (Plant p) => p), FlowTask.Create("ask", (Plant p) => p.SubTaskRight ? "right" : "wrong"), (plant, _) => plant))
        .Then("answer", (Plant p) => p.FinalRight ? "right" : $"wrong-{p.Score}")
        .Build();

    /// <summary>Answers from its sub-task: right exactly when the sub-task was.</summary>
    private static readonly Flow<Plant, string> Composed = Flow.Define<Plant>("qa")
        .Then(Flow.Parallel("hop", FlowTask.Create("keep", (Plant p) => p), FlowTask.Create("ask", (Plant p) => p.SubTaskRight ? "right" : "wrong"), (plant, _) => plant))
        .Then("answer", (Plant p) => p.SubTaskRight ? "right" : $"wrong-{p.Score}")
        .Build();

    /// <summary>Scores "right" 1, and "wrong-n" n / 10: graded, so the worst cases come first.</summary>
    private static readonly IScorer<string, string> Graded = Scorers.Custom<string, string>(
        "graded", (expected, actual) => actual == expected ? Score.Pass() : Score.Of(int.Parse(actual[6..], System.Globalization.CultureInfo.InvariantCulture) / 10.0, false, $"got {actual}"));

    private static Task<CompositionAnalysis> Analyse(string name, params Plant[] plants) => Analyse(name, Planted, plants);

    private static Task<CompositionAnalysis> Analyse(string name, Flow<Plant, string> flow, Plant[] plants)
        => CompositionAnalyzer.RunAsync(
            flow,
            CompositionSet.Create("planted", plants.Select((p, i) => new CompositionCase<Plant, string>($"c{i}", p, "right") { Category = i % 2 == 0 ? "even" : "odd" }.Expect(SubTask.At("qa/hop/ask", Scorers.Exact<string>()), "right"))),
            Graded,
            new CompositionOptions { Evaluation = { Name = name } });

    private static readonly Plant[] Plants = [.. Enumerable.Repeat(new Plant(true, true), 6), new Plant(true, false, 5), new Plant(true, false, 1), new Plant(true, false, 3), new Plant(false, false, 2)];

    /// <summary>6 right, 3 gap (scores 0.5, 0.1, 0.3), 1 sub-task wrong: gap 3/9, accuracy 6/10.</summary>
    private static Task<CompositionAnalysis> Direct() => Analyse("direct", Planted, Plants);

    /// <summary>The same cases composed from the sub-task: 9 right, 1 sub-task wrong; gap 0/9, accuracy 9/10.</summary>
    private static Task<CompositionAnalysis> Decomposed() => Analyse("decomposed", Composed, Plants);

    private static string Failure(object actual, IResolveConstraint constraint)
        => Assert.Throws<AssertionException>(() => Assert.That(actual, constraint))!.Message;

    [Test]
    public async Task Bounds_ThatHold_Pass()
    {
        var direct = await Direct();

        Assert.That(direct, Composability.GapAtMost(0.34).AndAccuracyAtLeast(0.6));
        Assert.That(direct, Composability.AccuracyAtLeast(0.5).InCategory("even"));
        Assert.That(direct, !Composability.GapAtMost(0.3));
    }

    [Test]
    public async Task AGapOverItsBound_Fails_WithTheNumbers_TheInterval_TheClasses_AndTheWorstCases()
    {
        var message = Failure(await Direct(), Composability.GapAtMost(0.2));

        TestContext.Out.WriteLine(message);
        Assert.That(message, Does.Contain("The composability gap of 'direct' on 'planted' is 33.3% (3 of 9 cases whose sub-tasks were all right had a wrong final output; 95% CI "));
        Assert.That(message, Does.Contain("), but at most 20.0% was expected."));
        Assert.That(message, Does.Contain("Outcomes of its 10 cases: 6 passed, 1 sub-task incorrect, 3 composability gap."));
        Assert.That(message, Does.Contain("Cases with all sub-tasks right and the final output wrong:"));
        Assert.That(message.IndexOf("c7: expected \"right\", got \"wrong-1\"", StringComparison.Ordinal), Is.GreaterThan(0)
            .And.LessThan(message.IndexOf("c8: expected", StringComparison.Ordinal))
            .And.LessThan(message.IndexOf("c6: expected", StringComparison.Ordinal)), "the worst score first");
        Assert.That(message, Does.Contain("Input: {\"subTaskRight\":true,\"finalRight\":false,\"score\":1}"));
    }

    [Test]
    public async Task TheWorstCases_ShowValuesAsTheyAre_NotEscaped()
    {
        var flow = Flow.Define<string>("qa").Then(Flow.Parallel("hop", FlowTask.Create("keep", (string q) => q), FlowTask.Create("ask", (string q) => "Norway"), (q, _) => q)).Then("answer", (string q) => "+46 <é>").Build();
        var set = CompositionSet.Create("codes", [new CompositionCase<string, string>("oslo", "Code of Oslo's country?", "+47").Expect(SubTask.At("qa/hop/ask", Scorers.Exact<string>()), "Norway")]);
        var analysis = await CompositionAnalyzer.RunAsync(flow, set, Scorers.Exact<string>());

        Assert.That(Failure(analysis, Composability.GapAtMost(0)), Does.Contain("oslo: expected \"+47\", got \"+46 <é>\";").And.Contain("Input: \"Code of Oslo's country?\""));
        Assert.That(analysis.ToMarkdown(), Does.Contain("| `+47` | `+46 <é>` |"));
    }

    [Test]
    public async Task AnAccuracyUnderItsBound_Fails_WithTheCasesNotPassed()
    {
        var message = Failure(await Direct(), Composability.AccuracyAtLeast(0.8));

        Assert.That(message, Does.Contain("The accuracy of 'direct' on 'planted' is 60.0% (6 of 10 cases passed; 95% CI 31.3% to 83.2%), but at least 80.0% was expected."));
        Assert.That(message, Does.Contain("Cases not passed:").And.Contain("c9: expected \"right\", got \"wrong-2\"; The sub-task qa/hop/ask was wrong"));
    }

    [Test]
    public async Task ByInterval_BoundsTheFarEndOfTheInterval()
    {
        var decomposed = await Decomposed();

        Assert.That(decomposed, Composability.AccuracyAtLeast(0.85));
        var message = Failure(decomposed, Composability.AccuracyAtLeast(0.85).ByInterval());
        Assert.That(message, Does.Contain("The accuracy of 'decomposed' on 'planted' has a 95% lower bound of 59.6% (9 of 10 cases passed"));

        Assert.That(await Direct(), Composability.GapAtMost(0.34));
        Assert.That(Failure(await Direct(), Composability.GapAtMost(0.34).ByInterval()), Does.Contain("has a 95% upper bound of"));
    }

    [Test]
    public async Task OnAComparison_EachFlowMustHold_OrTheOneNamed()
    {
        var comparison = CompositionComparison.Of(await Direct(), await Decomposed());

        Assert.That(comparison, Composability.GapAtMost(0.1).For("decomposed"));
        var message = Failure(comparison, Composability.GapAtMost(0.1));
        Assert.That(message, Does.Contain("The composability gap of 'direct' on 'planted' is 33.3%").And.Not.Contain("of 'decomposed' on"));
        Assert.That(() => Assert.That(comparison, Composability.GapAtMost(0.1).For("other")), Throws.ArgumentException.With.Message.Contain("no analysis named 'other': it compares 'direct' and 'decomposed'"));
    }

    [Test]
    public async Task AnUndefinedGap_FailsAGapBound_SayingWhy()
    {
        var message = Failure(await Analyse("broken", new Plant(false, true), new Plant(false, false)), Composability.GapAtMost(0.5));

        Assert.That(message, Does.Contain("The composability gap of 'broken' on 'planted' is undefined: no case had all its listed sub-tasks and routes right"));
    }

    [Test]
    public async Task ACategory_IsCheckedOnItsOwnCases()
    {
        var direct = await Direct();

        Assert.That(Failure(direct, Composability.GapAtMost(0.2).InCategory("odd")), Does.Contain("of 'direct' on 'planted' in the category 'odd' is "));
        Assert.That(Failure(direct, Composability.GapAtMost(0.2).InCategory("none")), Does.Contain("has no case in the category 'none': its categories are 'even', 'odd'."));
    }

    [Test]
    public void Bounds_OutsideZeroToOne_AreRefused_AndOtherValuesAreNotAnalyses()
    {
        Assert.That(() => Composability.GapAtMost(20), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("such as 0.2 for 20%"));
        Assert.That(() => Composability.AccuracyAtLeast(double.NaN), Throws.TypeOf<ArgumentOutOfRangeException>());
        object notAnAnalysis = 0.3;
        Assert.That(() => Assert.That(notAnAnalysis, Composability.GapAtMost(0.2)), Throws.ArgumentException.With.Message.Contain("apply to a CompositionAnalysis or a CompositionComparison, not a Double"));
        Assert.That(Composability.GapAtMost(0.2).AndAccuracyAtLeast(0.8).ByInterval().Description, Is.EqualTo("a composability gap (95% upper bound) of at most 20.0% and an accuracy (95% lower bound) of at least 80.0%"));
    }
}
