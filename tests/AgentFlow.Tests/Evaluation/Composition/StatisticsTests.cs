using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Composition;

/// <summary>
/// The numbers of an analysis on outcomes planted in known proportions: the 2x2 table, the composability gap and its
/// bootstrap interval, per category, and per listed node.
/// </summary>
public sealed class StatisticsTests
{
    /// <summary>What a planted case makes each step answer: the two sub-tasks, and the final step.</summary>
    public sealed record Plant(bool FirstRight, bool SecondRight, bool FinalRight);

    private static readonly SubTask<string, string> Second = SubTask.At("qa/second/ask", Scorers.Exact<string>());

    /// <summary>qa: first (answers), second (a parallel that asks and keeps the plant), answer: each step's answer planted in the input.</summary>
    private static readonly Flow<Plant, string> Planted = Flow.Define<Plant>("qa")
        .Then(Flow.Parallel(
            "first",
            FlowTask.Create("keep", (Plant p) => p),
            FlowTask.Create("ask", (Plant p) => p.FirstRight ? "right" : "wrong"),
            (plant, _) => plant))
        .Then(Flow.Parallel(
            "second",
            FlowTask.Create("keep", (Plant p) => p),
            FlowTask.Create("ask", (Plant p) => p.SecondRight ? "right" : "wrong"),
            (plant, _) => plant))
        .Then("answer", (Plant p) => p.FinalRight ? "right" : "wrong")
        .Build();

    private static readonly SubTask<string, string> FirstAsk = SubTask.At("qa/first/ask", Scorers.Exact<string>());

    private static IEnumerable<Plant> Cells(int bothRight, int gap, int lucky, int bothWrong)
        => Enumerable.Repeat(new Plant(true, true, true), bothRight)
            .Concat(Enumerable.Repeat(new Plant(true, true, false), gap))
            .Concat(Enumerable.Repeat(new Plant(false, true, true), lucky))
            .Concat(Enumerable.Repeat(new Plant(false, true, false), bothWrong));

    private static CompositionSet<Plant, string> Set(IEnumerable<Plant> plants, Func<int, string?>? category = null)
        => CompositionSet.Create("planted", plants.Select((p, i) =>
            new CompositionCase<Plant, string>($"c{i}", p, "right") { Category = category?.Invoke(i) }
                .Expect(FirstAsk, "right")
                .Expect(Second, "right")));

    private static Task<CompositionAnalysis> Analyse(CompositionSet<Plant, string> set, int seed = 0, int resamples = 10_000)
        => CompositionAnalyzer.RunAsync(Planted, set, Scorers.Exact<string>(), new CompositionOptions { BootstrapSeed = seed, BootstrapResamples = resamples });

    [Test]
    public async Task PressTable6Proportions_GiveAGapOf334Over752_WithASensibleInterval()
    {
        // Press et al. 2022, Table 6 (davinci-002): 41.8% both right, 33.4% sub-answers right and the 2-hop answer
        // wrong, 3.6% a sub-answer wrong and the 2-hop answer right, 21.2% both wrong; here over 1000 cases.
        var analysis = await Analyse(Set(Cells(bothRight: 418, gap: 334, lucky: 36, bothWrong: 212)));

        var table = analysis.Summary.Table;
        Assert.That((table.Cases, table.BothRight, table.SubTasksRightFinalWrong, table.SubTasksWrongFinalRight, table.BothWrong), Is.EqualTo((1000, 418, 334, 36, 212)));
        Assert.That((table.BothRightShare, table.SubTasksRightFinalWrongShare, table.SubTasksWrongFinalRightShare, table.BothWrongShare), Is.EqualTo((0.418, 0.334, 0.036, 0.212)));
        var gap = analysis.Summary.Gap;
        Assert.That((gap.GapCases, gap.SubTasksRightCases), Is.EqualTo((334, 752)));
        Assert.That(gap.Value, Is.EqualTo(334 / 752.0));
        Assert.That(gap.Value, Is.EqualTo(0.334 / 0.752).Within(1e-12), "Press et al.'s 33.4 / 75.2");

        // The interval holds the estimate, and is about as wide as the binomial standard error says it should be:
        // sqrt(p(1 - p) / 752) = 0.0181 for p = 0.444, so about ±0.0355 at 95%.
        var interval = gap.Interval!;
        TestContext.Out.WriteLine(gap.ToString());
        Assert.That(interval.Lower, Is.LessThan(gap.Value).And.GreaterThan(0.40));
        Assert.That(interval.Upper, Is.GreaterThan(gap.Value).And.LessThan(0.49));
        Assert.That(interval.Upper - interval.Lower, Is.EqualTo(2 * 1.96 * Math.Sqrt(0.444 * 0.556 / 752)).Within(0.01));
        Assert.That((interval.Level, gap.Resamples, gap.UndefinedResamples, gap.Seed), Is.EqualTo((0.95, 10_000, 0, 0)));
        Assert.That(gap.ToString(), Does.Match(@"^44\.4% \(334/752, 95% CI 4\d\.\d% to 4\d\.\d%\)$"));

        Assert.That((analysis.Summary.Passed, analysis.Summary.CompositionGap, analysis.Summary.SubTaskIncorrect), Is.EqualTo((418 + 36, 334, 212)));
        Assert.That(analysis.Summary.Accuracy, Is.EqualTo(0.454));
    }

    [Test]
    public async Task TheInterval_IsReproducibleForASeed_AndMovesWithAnother()
    {
        var set = Set(Cells(bothRight: 30, gap: 20, lucky: 5, bothWrong: 10));

        var first = (await Analyse(set, seed: 7)).Summary.Gap;
        var again = (await Analyse(set, seed: 7)).Summary.Gap;
        var other = (await Analyse(set, seed: 8)).Summary.Gap;
        var fewer = (await Analyse(set, seed: 7, resamples: 500)).Summary.Gap;

        Assert.That(again.Interval, Is.EqualTo(first.Interval));
        Assert.That(other.Interval, Is.Not.EqualTo(first.Interval));
        Assert.That(other.Interval!.Lower, Is.EqualTo(first.Interval!.Lower).Within(0.03), "another seed moves the ends a little, not a lot");
        Assert.That(other.Interval.Upper, Is.EqualTo(first.Interval.Upper).Within(0.03));
        Assert.That((other.Seed, fewer.Resamples), Is.EqualTo((8, 500)));
    }

    [Test]
    public async Task TheInterval_OfTwoCases_IsThePercentilesOfItsExactResamplingDistribution()
    {
        // One case of each: resamples of two give a gap of 0 (1 in 4), 1/2 (2 in 4) or 1 (1 in 4), so the 2.5th
        // percentile is 0 and the 97.5th is 1.
        var gap = (await Analyse(Set(Cells(bothRight: 1, gap: 1, lucky: 0, bothWrong: 0)))).Summary.Gap;

        Assert.That(gap.Value, Is.EqualTo(0.5));
        Assert.That((gap.Interval!.Lower, gap.Interval.Upper), Is.EqualTo((0.0, 1.0)));
    }

    [Test]
    public async Task ResamplesWithoutACaseWhoseSubTasksAreAllRight_AreLeftOutOfTheInterval_AndCounted()
    {
        // Two of three cases have every sub-task right; a resample of three misses both with probability (1/3)^3 = 1/27.
        var gap = (await Analyse(Set(Cells(bothRight: 1, gap: 1, lucky: 0, bothWrong: 1)))).Summary.Gap;

        Assert.That(gap.UndefinedResamples, Is.InRange(300, 450), "about 10,000 / 27 = 370");
        Assert.That(gap.Interval, Is.Not.Null);
    }

    [Test]
    public async Task WithNoCaseWhoseSubTasksAreAllRight_TheGapIsUndefined_AndSaysSo()
    {
        var analysis = await Analyse(Set(Cells(bothRight: 0, gap: 0, lucky: 2, bothWrong: 3)));

        var gap = analysis.Summary.Gap;
        Assert.That((gap.IsDefined, gap.Value, gap.Interval, gap.SubTasksRightCases, gap.Resamples), Is.EqualTo((false, (double?)null, (ConfidenceInterval?)null, 0, 0)));
        Assert.That(gap.ToString(), Is.EqualTo("undefined: no case had all its sub-tasks right"));
        Assert.That(analysis.ToString(), Does.EndWith("composability gap undefined: no case had all its sub-tasks right"));
        Assert.That(analysis.Summary.Table.SubTasksWrongFinalRightShare, Is.EqualTo(0.4));
    }

    [Test]
    public async Task EachCategory_HasItsOwnTableAndGap()
    {
        // Category "easy": 8 right, 2 gap; category "hard": 2 right, 6 gap, 2 both wrong; one case with no category.
        var plants = Cells(8, 2, 0, 0).Concat(Cells(2, 6, 0, 2)).Append(new Plant(true, true, false)).ToList();
        var analysis = await Analyse(Set(plants, i => i < 10 ? "easy" : i < 20 ? "hard" : null));

        Assert.That(analysis.ByCategory.Keys, Is.EqualTo(new[] { "easy", "hard" }));
        var easy = analysis.ByCategory["easy"];
        var hard = analysis.ByCategory["hard"];
        Assert.That((easy.Cases, easy.Gap.Value, easy.Table.BothRightShare), Is.EqualTo((10, 0.2, 0.8)));
        Assert.That((hard.Cases, hard.Gap.Value, hard.Table.SubTasksRightFinalWrongShare, hard.Table.BothWrongShare), Is.EqualTo((10, 0.75, 0.6, 0.2)));
        Assert.That(hard.Gap.Interval!.Upper, Is.GreaterThan(easy.Gap.Interval!.Upper));
        Assert.That((analysis.Summary.Cases, analysis.Summary.Gap.GapCases, analysis.Summary.Gap.SubTasksRightCases), Is.EqualTo((21, 9, 19)), "the case without a category counts overall only");
    }

    [Test]
    public async Task EachListedNode_HasItsAccuracy_AndHowOftenItWentWrongFirst()
    {
        Plant[] plants =
        [
            new(true, true, true),
            new(false, true, false),   // first wrong: qa/first/ask
            new(false, false, false),  // both wrong: qa/first/ask ran first
            new(true, false, false),   // first wrong: qa/second/ask
            new(true, false, true),    // lucky, first wrong: qa/second/ask
        ];

        var analysis = await Analyse(Set(plants));

        Assert.That(analysis.Nodes.Select(n => (n.Path, n.Kind, n.Cases, n.Right, n.Accuracy, n.FirstWrong)), Is.EqualTo(new[]
        {
            ("qa/first/ask", StepKind.SubTask, 5, 3, (double?)0.6, 2),
            ("qa/second/ask", StepKind.SubTask, 5, 2, (double?)0.4, 2),
        }), "in the order they run, whatever the order the cases list them in");
        Assert.That(analysis.Cases.Select(c => c.FirstWrongPath), Is.EqualTo(new[] { null, "qa/first/ask", "qa/first/ask", "qa/second/ask", "qa/second/ask" }));
        Assert.That(analysis.SubTaskScorers, Is.EqualTo(new Dictionary<string, string> { ["qa/first/ask"] = "exact", ["qa/second/ask"] = "exact" }));
    }

    [Test]
    public void BootstrapResamples_OutsideItsRange_IsRefused()
    {
        Assert.That(() => new CompositionOptions { BootstrapResamples = 99 }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("BootstrapResamples must be between 100 and 1000000"));
        Assert.That(() => new CompositionOptions { BootstrapResamples = 1_000_001 }, Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
