using System.Text.Json;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Comparison;

/// <summary>Comparing two runs on the same cases: the 2×2 table, flips, the McNemar test, the verdict, deltas and tags.</summary>
public sealed class EvalComparisonTests
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    [Test]
    public async Task Compare_TwoPromptVersions_GivesTheTableTheTestAndTheVerdict()
    {
        var baseline = await PlantedRuns.BaselineAsync();
        var candidate = await PlantedRuns.CandidateAsync();

        var comparison = EvalComparison.Compare(baseline, candidate);

        Assert.That(comparison.SameDataset, Is.True);
        Assert.That(comparison.Cases, Is.EqualTo(20));
        Assert.That(comparison.Outcomes, Is.EqualTo(new PairedOutcomes(BothPassed: 8, BaselineOnly: 1, CandidateOnly: 9, NeitherPassed: 2)));
        Assert.That((comparison.Baseline.Summary.Accuracy, comparison.Candidate.Summary.Accuracy), Is.EqualTo((0.45, 0.85)));
        Assert.That(comparison.AccuracyDelta, Is.EqualTo(0.4).Within(1e-15), "(c - b) / n = 8/20");
        Assert.That(comparison.McNemar.PValue, Is.EqualTo(0.021484375).Within(1e-15), "b = 1, c = 9: 2 x 11/1024");
        Assert.That(comparison.Verdict, Is.EqualTo(ComparisonVerdict.CandidateBetter));
        Assert.That(comparison.Conclusion, Is.EqualTo("candidate better, p=0.0215: accuracy 45.0% → 85.0% (+40.0 points, 95% CI +10.4 to +61.5) on 20 cases; 9 improved, 1 regressed"));
        Assert.That(comparison.ToString(), Is.EqualTo(comparison.Conclusion));

        // Newcombe's interval for (e, f, g, h) = (8, 9, 1, 2), computed by hand from the Wilson intervals of 17/20 and 9/20.
        Assert.That(comparison.AccuracyDeltaInterval.Lower, Is.EqualTo(0.10419).Within(1e-5));
        Assert.That(comparison.AccuracyDeltaInterval.Upper, Is.EqualTo(0.61522).Within(1e-5));
        Assert.That(comparison.Warnings, Is.Empty);
        Assert.That((comparison.OnlyInBaseline, comparison.OnlyInCandidate, comparison.ChangedCases), Is.EqualTo((Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>())));
    }

    [Test]
    public async Task Compare_ListsTheFlippedCasesBothWays_WithWhatEachRunGave()
    {
        var comparison = EvalComparison.Compare(await PlantedRuns.BaselineAsync(), await PlantedRuns.CandidateAsync());

        Assert.That(comparison.Improved.Select(f => f.Id), Is.EqualTo(Enumerable.Range(10, 9).Select(i => $"n{i}")));
        var improved = comparison.Improved[0];
        Assert.That((improved.BaselineOutcome, improved.CandidateOutcome), Is.EqualTo((CaseOutcome.Failed, CaseOutcome.Passed)));
        Assert.That((improved.BaselineActual!.Value.GetString(), improved.CandidateActual!.Value.GetString(), improved.Expected.GetString()), Is.EqualTo(("odd", "even", "even")));
        Assert.That((improved.BaselineScore, improved.CandidateScore), Is.EqualTo(((double?)0, (double?)1)));
        Assert.That(improved.BaselineReason, Is.EqualTo("expected \"even\", got \"odd\""));
        Assert.That((improved.Input.GetInt32(), improved.Tags), Is.EqualTo((10, new[] { "low" })));

        var regressed = comparison.Regressed.Single();
        Assert.That(regressed.Id, Is.EqualTo("n1"));
        Assert.That((regressed.BaselineOutcome, regressed.CandidateOutcome), Is.EqualTo((CaseOutcome.Passed, CaseOutcome.Error)), "an error counts as not passed");
        Assert.That((regressed.CandidateActual, regressed.CandidateScore), Is.EqualTo(((JsonElement?)null, (double?)null)));
        Assert.That(regressed.CandidateReason, Does.Contain("The model failed on 1."));
    }

    [Test]
    public async Task Compare_TheOtherWayRound_IsTheMirrorImage()
    {
        var baseline = await PlantedRuns.BaselineAsync();
        var candidate = await PlantedRuns.CandidateAsync();

        var forward = EvalComparison.Compare(baseline, candidate);
        var backward = EvalComparison.Compare(candidate, baseline);

        Assert.That(backward.Verdict, Is.EqualTo(ComparisonVerdict.CandidateWorse));
        Assert.That(backward.McNemar.PValue, Is.EqualTo(forward.McNemar.PValue));
        Assert.That(backward.AccuracyDelta, Is.EqualTo(-forward.AccuracyDelta));
        Assert.That(backward.AccuracyDeltaInterval.Lower, Is.EqualTo(-forward.AccuracyDeltaInterval.Upper).Within(1e-12));
        Assert.That(backward.Improved.Select(f => f.Id), Is.EqualTo(forward.Regressed.Select(f => f.Id)));
        Assert.That(backward.Regressed.Select(f => f.Id), Is.EqualTo(forward.Improved.Select(f => f.Id)));
        Assert.That(backward.Conclusion, Does.StartWith("candidate worse, p=0.0215: accuracy 85.0% → 45.0% (-40.0 points"));
    }

    [Test]
    public async Task Compare_ASmallDifference_IsNotCalledSignificant()
    {
        // b = 4 (n1..n4), c = 6 (n5..n10): p = 2 x 386/1024 = 0.754.
        var baseline = await PlantedRuns.RunAsync("1", n => n <= 4 || n > 10 ? PlantedRuns.Answer.Right : PlantedRuns.Answer.Wrong);
        var candidate = await PlantedRuns.RunAsync("2", n => n > 4 ? PlantedRuns.Answer.Right : PlantedRuns.Answer.Wrong);

        var comparison = EvalComparison.Compare(baseline, candidate);

        Assert.That((comparison.McNemar.BaselineOnly, comparison.McNemar.CandidateOnly), Is.EqualTo((4, 6)));
        Assert.That(comparison.Verdict, Is.EqualTo(ComparisonVerdict.NoSignificantDifference));
        Assert.That(comparison.Conclusion, Is.EqualTo("no significant difference, p=0.754: accuracy 70.0% → 80.0% (+10.0 points, 95% CI -20.4 to +38.2) on 20 cases; 6 improved, 4 regressed"));
        Assert.That(comparison.AccuracyDeltaInterval.Lower, Is.LessThan(0), "the interval spans no change");
    }

    [Test]
    public async Task Compare_TwoRunsWithTheSameOutcomes_SaysNoCaseChanged()
    {
        var run = await PlantedRuns.BaselineAsync();

        var comparison = EvalComparison.Compare(run, run);

        Assert.That((comparison.McNemar.PValue, comparison.AccuracyDelta, comparison.Improved.Count, comparison.Regressed.Count), Is.EqualTo((1.0, 0.0, 0, 0)));
        Assert.That(comparison.Conclusion, Does.StartWith("no significant difference, p=1: accuracy 45.0% → 45.0% (+0.0 points").And.EndWith("on 20 cases; no case changed outcome"));
    }

    [Test]
    public async Task SignificanceLevel_DecidesTheVerdict_AndIsValidated()
    {
        var baseline = await PlantedRuns.BaselineAsync();
        var candidate = await PlantedRuns.CandidateAsync();

        var strict = EvalComparison.Compare(baseline, candidate, new EvalComparisonOptions { SignificanceLevel = 0.01 });

        Assert.That((strict.Verdict, strict.SignificanceLevel), Is.EqualTo((ComparisonVerdict.NoSignificantDifference, 0.01)));
        Assert.That(() => new EvalComparisonOptions { SignificanceLevel = 0 }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("EvalComparisonOptions.SignificanceLevel"));
        Assert.That(() => new EvalComparisonOptions { SignificanceLevel = 0.6 }, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task Compare_GivesTheChangesInLatencyTokensAndCost_OnTheComparedCases()
    {
        var comparison = EvalComparison.Compare(await PlantedRuns.BaselineAsync(), await PlantedRuns.CandidateAsync());

        // Case n takes 100 + n ms in the baseline and 80 + n ms in the candidate.
        Assert.That((comparison.Baseline.Summary.LatencyP50, comparison.Candidate.Summary.LatencyP50), Is.EqualTo((TimeSpan.FromMilliseconds(110), TimeSpan.FromMilliseconds(90))));
        Assert.That((comparison.LatencyP50Delta, comparison.LatencyP95Delta), Is.EqualTo((TimeSpan.FromMilliseconds(-20), TimeSpan.FromMilliseconds(-20))));

        // 50 input tokens a case in the baseline, 70 in the candidate, whose failed call on n1 reported none.
        Assert.That((comparison.Baseline.Summary.InputTokens, comparison.Candidate.Summary.InputTokens), Is.EqualTo((1000L, 19L * 70)));
        Assert.That((comparison.InputTokensDelta, comparison.OutputTokensDelta), Is.EqualTo((330L, -1L)));
        Assert.That(comparison.CostDelta, Is.EqualTo(0.33m), "1,330 - 1,000 input tokens at 1,000 a million; output tokens are free here");
    }

    [Test]
    public async Task Compare_BreaksTheChangeDownPerTag()
    {
        var comparison = EvalComparison.Compare(await PlantedRuns.BaselineAsync(), await PlantedRuns.CandidateAsync());

        Assert.That(comparison.ByTag.Keys, Is.EqualTo(new[] { "high", "low" }));

        // low = n1..n10: the baseline passes n1..n9, the candidate n2..n10: one each way.
        Assert.That(comparison.ByTag["low"], Is.EqualTo(new TagComparison(Cases: 10, BaselinePassed: 9, CandidatePassed: 9, Improved: 1, Regressed: 1, PValue: 1)));

        // high = n11..n20: the baseline passes none, the candidate n11..n18: 8 improved, p = 2/256.
        var high = comparison.ByTag["high"];
        Assert.That((high.Cases, high.Improved, high.Regressed, high.PValue), Is.EqualTo((10, 8, 0, 2 / 256.0)));
        Assert.That((high.BaselineAccuracy, high.CandidateAccuracy, high.AccuracyDelta), Is.EqualTo((0.0, 0.8, 0.8)));
    }

    [Test]
    public async Task Compare_RunsOnDifferentDatasets_IsRefused_SayingHowTheyDiffer()
    {
        var baseline = await PlantedRuns.BaselineAsync();
        var candidate = await PlantedRuns.CandidateAsync(PlantedRuns.Parity(22));

        var error = Assert.Throws<EvalComparisonException>(() => EvalComparison.Compare(baseline, candidate));

        Assert.That(error!.Message, Does.StartWith("The runs were evaluated on different datasets: the baseline 'parity@1' on 'parity' (").And.Contain(", 20 cases), the candidate 'parity@2' on 'parity' (").And.Contain(", 22 cases)"));
        Assert.That(error.Message, Does.Contain("20 case(s) in common; 2 only in the candidate ('n21', 'n22')."));
        Assert.That(error.Message, Does.EndWith("Run both on the same eval set, or set EvalComparisonOptions.CompareCommonCases to compare the cases they share."));
    }

    [Test]
    public async Task CompareCommonCases_ComparesTheSharedCasesOnly_AndReportsTheOthers()
    {
        // The candidate's set drops n20, adds n21 and n22, and expects something else of n19.
        var cases = PlantedRuns.Parity(22).Cases.Where(c => c.Id != "n20").Select(c => c.Id == "n19" ? new EvalCase<int, string>(c.Id, c.Input, "prime", [.. c.Tags]) : c);
        var baseline = await PlantedRuns.BaselineAsync();
        var candidate = await PlantedRuns.CandidateAsync(EvalSet.Create("parity-v2", cases));

        var comparison = EvalComparison.Compare(baseline, candidate, new EvalComparisonOptions { CompareCommonCases = true });

        Assert.That(comparison.SameDataset, Is.False);
        Assert.That((comparison.OnlyInBaseline, comparison.OnlyInCandidate, comparison.ChangedCases), Is.EqualTo((new[] { "n20" }, new[] { "n21", "n22" }, new[] { "n19" })));
        Assert.That(comparison.Cases, Is.EqualTo(18));
        Assert.That(comparison.Outcomes, Is.EqualTo(new PairedOutcomes(8, 1, 9, 0)));
        Assert.That((comparison.Baseline.Summary.Cases, comparison.Baseline.TotalCases, comparison.Candidate.TotalCases), Is.EqualTo((18, 20, 21)));
        Assert.That(comparison.Conclusion, Does.Contain("on 18 common cases"));
        Assert.That(comparison.Warnings.Single(), Does.StartWith("The runs are on different datasets; only the cases they share are compared. 18 case(s) in common; 1 only in the baseline ('n20'); 2 only in the candidate ('n21', 'n22'); 1 with the same id but a different input or expected output ('n19')."));
    }

    [Test]
    public async Task Compare_WithNoCaseInCommon_IsRefused()
    {
        var baseline = await PlantedRuns.BaselineAsync(EvalSet.Create("a", [new EvalCase<int, string>("x", 1, "odd")]));
        var candidate = await PlantedRuns.CandidateAsync(EvalSet.Create("b", [new EvalCase<int, string>("y", 2, "even")]));

        Assert.That(
            () => EvalComparison.Compare(baseline, candidate, new EvalComparisonOptions { CompareCommonCases = true }),
            Throws.TypeOf<EvalComparisonException>().With.Message.EqualTo("The baseline 'parity@1' and the candidate 'parity@2' share no case to compare: 0 case(s) in common; 1 only in the baseline ('x'); 1 only in the candidate ('y'). Cases are paired by id, and must have the same input and expected output."));
    }

    [Test]
    public async Task Compare_AReportWithADuplicateId_IsRefused()
    {
        var baseline = await PlantedRuns.BaselineAsync();
        var duplicated = baseline with { Cases = [.. baseline.Cases, baseline.Cases[0]] };

        Assert.That(
            () => EvalComparison.Compare(baseline, duplicated),
            Throws.TypeOf<EvalComparisonException>().With.Message.EqualTo("The candidate 'parity@1' has two cases with the id 'n1'. Cases are paired by id, so ids must be unique within a report."));
    }

    [Test]
    public async Task Compare_RunsScoredDifferently_Warns()
    {
        var baseline = await PlantedRuns.BaselineAsync();
        var candidate = (await PlantedRuns.CandidateAsync()) with { Scorer = "normalized-text" };

        var comparison = EvalComparison.Compare(baseline, candidate);

        Assert.That(comparison.Warnings.Single(), Is.EqualTo("The runs were scored differently ('exact' in the baseline, 'normalized-text' in the candidate): a change may come from the scorer, not the task."));
    }

    [Test]
    public async Task Comparison_IsWrittenToJson_AndReadBack_Unchanged()
    {
        var comparison = EvalComparison.Compare(await PlantedRuns.BaselineAsync(), await PlantedRuns.CandidateAsync());

        var json = JsonSerializer.Serialize(comparison, WebJson);
        var read = JsonSerializer.Deserialize<EvalComparison>(json, WebJson)!;

        Assert.That(JsonSerializer.Serialize(read, WebJson), Is.EqualTo(json));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.That(root.GetProperty("verdict").GetString(), Is.EqualTo("CandidateBetter"), "enums by name");
        Assert.That(root.GetProperty("mcNemar").GetProperty("pValue").GetDouble(), Is.EqualTo(0.021484375));
        Assert.That(root.GetProperty("outcomes").GetProperty("candidateOnly").GetInt32(), Is.EqualTo(9));
        Assert.That(root.GetProperty("regressed")[0].GetProperty("candidateOutcome").GetString(), Is.EqualTo("Error"));
        Assert.That(root.GetProperty("baseline").GetProperty("prompts")[0].GetProperty("version").GetString(), Is.EqualTo("1"));
        Assert.That(read.Improved[0].CandidateActual!.Value.GetString(), Is.EqualTo("even"));
    }
}
