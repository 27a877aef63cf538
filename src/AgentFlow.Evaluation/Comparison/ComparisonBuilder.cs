using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>Pairs the cases of two reports by id and computes the comparison.</summary>
internal static class ComparisonBuilder
{
    private const int IdsInMessage = 5;

    public static EvalComparison Compare(EvalReport baseline, long? baselineRunId, EvalReport candidate, long? candidateRunId, EvalComparisonOptions options)
    {
        var baselineCases = ById(baseline, "baseline");
        var candidateCases = ById(candidate, "candidate");
        List<(CaseResult Baseline, CaseResult Candidate)> pairs = [];
        List<string> onlyInBaseline = [], changed = [];
        foreach (var result in baseline.Cases)
        {
            if (!candidateCases.TryGetValue(result.Id, out var other))
            {
                onlyInBaseline.Add(result.Id);
            }
            else if (JsonElement.DeepEquals(result.Input, other.Input) && JsonElement.DeepEquals(result.Expected, other.Expected))
            {
                pairs.Add((result, other));
            }
            else
            {
                changed.Add(result.Id);
            }
        }

        List<string> onlyInCandidate = [.. candidate.Cases.Where(c => !baselineCases.ContainsKey(c.Id)).Select(c => c.Id)];
        var sameDataset = string.Equals(baseline.DatasetHash, candidate.DatasetHash, StringComparison.Ordinal)
                          && onlyInBaseline.Count == 0 && onlyInCandidate.Count == 0 && changed.Count == 0;
        if (!sameDataset && !options.CompareCommonCases)
        {
            throw new EvalComparisonException(
                $"The runs were evaluated on different datasets: the baseline '{baseline.Name}' on '{baseline.DatasetName}' ({Short(baseline.DatasetHash)}, {baseline.Cases.Count} cases), "
                + $"the candidate '{candidate.Name}' on '{candidate.DatasetName}' ({Short(candidate.DatasetHash)}, {candidate.Cases.Count} cases). "
                + Differences(pairs.Count, onlyInBaseline, onlyInCandidate, changed)
                + " Run both on the same eval set, or set EvalComparisonOptions.CompareCommonCases to compare the cases they share.");
        }

        if (pairs.Count == 0)
        {
            throw new EvalComparisonException(
                $"The baseline '{baseline.Name}' and the candidate '{candidate.Name}' share no case to compare: "
                + Differences(0, onlyInBaseline, onlyInCandidate, changed)
                + " Cases are paired by id, and must have the same input and expected output.");
        }

        var outcomes = Table(pairs);
        var mcNemar = McNemarTest.Exact(outcomes.BaselineOnly, outcomes.CandidateOnly);
        var delta = (outcomes.CandidateOnly - outcomes.BaselineOnly) / (double)pairs.Count;
        var interval = PairedStatistics.NewcombeDifference(outcomes);
        var verdict = mcNemar.PValue >= options.SignificanceLevel ? ComparisonVerdict.NoSignificantDifference
            : outcomes.CandidateOnly > outcomes.BaselineOnly ? ComparisonVerdict.CandidateBetter
            : ComparisonVerdict.CandidateWorse;
        var baselineRun = Side(baseline, baselineRunId, [.. pairs.Select(p => p.Baseline)]);
        var candidateRun = Side(candidate, candidateRunId, [.. pairs.Select(p => p.Candidate)]);
        return new EvalComparison
        {
            Baseline = baselineRun,
            Candidate = candidateRun,
            SameDataset = sameDataset,
            Cases = pairs.Count,
            OnlyInBaseline = onlyInBaseline,
            OnlyInCandidate = onlyInCandidate,
            ChangedCases = changed,
            Outcomes = outcomes,
            AccuracyDelta = delta,
            AccuracyDeltaInterval = interval,
            McNemar = mcNemar,
            SignificanceLevel = options.SignificanceLevel,
            Verdict = verdict,
            Conclusion = Conclusion(verdict, mcNemar, baselineRun.Summary, candidateRun.Summary, delta, interval, sameDataset),
            Improved = [.. pairs.Where(p => !p.Baseline.Passed && p.Candidate.Passed).Select(Flip)],
            Regressed = [.. pairs.Where(p => p.Baseline.Passed && !p.Candidate.Passed).Select(Flip)],
            LatencyP50Delta = candidateRun.Summary.LatencyP50 - baselineRun.Summary.LatencyP50,
            LatencyP95Delta = candidateRun.Summary.LatencyP95 - baselineRun.Summary.LatencyP95,
            InputTokensDelta = candidateRun.Summary.InputTokens - baselineRun.Summary.InputTokens,
            OutputTokensDelta = candidateRun.Summary.OutputTokens - baselineRun.Summary.OutputTokens,
            CostDelta = candidateRun.Summary.Cost - baselineRun.Summary.Cost,
            ByTag = ByTag(pairs),
            Warnings = Warnings(baseline, candidate, sameDataset, pairs.Count, onlyInBaseline, onlyInCandidate, changed),
        };
    }

    /// <summary>The p-value as written in conclusions: three significant digits, or <c>&lt;0.001</c>.</summary>
    public static string FormatP(double p)
        => p < 0.001 ? "p<0.001" : "p=" + p.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>A difference of proportions in percentage points, with its sign.</summary>
    public static string FormatPoints(double delta)
        => (delta * 100).ToString("+0.0;-0.0;+0.0", CultureInfo.InvariantCulture);

    private static Dictionary<string, CaseResult> ById(EvalReport report, string side)
    {
        Dictionary<string, CaseResult> byId = new(StringComparer.Ordinal);
        foreach (var result in report.Cases)
        {
            if (!byId.TryAdd(result.Id, result))
            {
                throw new EvalComparisonException($"The {side} '{report.Name}' has two cases with the id '{result.Id}'. Cases are paired by id, so ids must be unique within a report.");
            }
        }

        return byId;
    }

    private static string Differences(int common, List<string> onlyInBaseline, List<string> onlyInCandidate, List<string> changed)
    {
        static string Ids(List<string> ids)
            => string.Join(", ", ids.Take(IdsInMessage).Select(id => $"'{id}'")) + (ids.Count > IdsInMessage ? $" and {ids.Count - IdsInMessage} more" : string.Empty);

        List<string> parts = [$"{common} case(s) in common"];
        if (onlyInBaseline.Count > 0)
        {
            parts.Add($"{onlyInBaseline.Count} only in the baseline ({Ids(onlyInBaseline)})");
        }

        if (onlyInCandidate.Count > 0)
        {
            parts.Add($"{onlyInCandidate.Count} only in the candidate ({Ids(onlyInCandidate)})");
        }

        if (changed.Count > 0)
        {
            parts.Add($"{changed.Count} with the same id but a different input or expected output ({Ids(changed)})");
        }

        return string.Join("; ", parts) + ".";
    }

    private static PairedOutcomes Table(List<(CaseResult Baseline, CaseResult Candidate)> pairs)
    {
        int both = 0, baselineOnly = 0, candidateOnly = 0, neither = 0;
        foreach (var (b, c) in pairs)
        {
            _ = (b.Passed, c.Passed) switch
            {
                (true, true) => both++,
                (true, false) => baselineOnly++,
                (false, true) => candidateOnly++,
                (false, false) => neither++,
            };
        }

        return new PairedOutcomes(both, baselineOnly, candidateOnly, neither);
    }

    private static ComparedRun Side(EvalReport report, long? runId, IReadOnlyList<CaseResult> compared)
        => new()
        {
            RunId = runId,
            Name = report.Name,
            TaskName = report.TaskName,
            Scorer = report.Scorer,
            DatasetName = report.DatasetName,
            DatasetHash = report.DatasetHash,
            StartedAt = report.StartedAt,
            Labels = report.Labels,
            Prompts = report.Prompts,
            Models = report.Models,
            TotalCases = report.Cases.Count,
            Summary = ReportBuilder.Summarize(compared),
        };

    private static FlippedCase Flip((CaseResult Baseline, CaseResult Candidate) pair)
    {
        var (b, c) = pair;
        return new FlippedCase
        {
            Id = b.Id,
            Tags = Tags(pair),
            Input = b.Input,
            Expected = b.Expected,
            BaselineOutcome = b.Outcome,
            CandidateOutcome = c.Outcome,
            BaselineActual = b.Actual,
            CandidateActual = c.Actual,
            BaselineScore = b.Score is { IsError: false } bs ? bs.Value : null,
            CandidateScore = c.Score is { IsError: false } cs ? cs.Value : null,
            BaselineReason = b.Error?.Message ?? b.Score?.Reason,
            CandidateReason = c.Error?.Message ?? c.Score?.Reason,
        };
    }

    private static string[] Tags((CaseResult Baseline, CaseResult Candidate) pair)
        => [.. pair.Baseline.Tags.Union(pair.Candidate.Tags, StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static ReadOnlyDictionary<string, TagComparison> ByTag(List<(CaseResult Baseline, CaseResult Candidate)> pairs)
    {
        var byTag = new SortedDictionary<string, TagComparison>(StringComparer.Ordinal);
        foreach (var group in pairs.SelectMany(p => Tags(p).Select(tag => (Tag: tag, Pair: p))).GroupBy(x => x.Tag, StringComparer.Ordinal))
        {
            var table = Table([.. group.Select(x => x.Pair)]);
            byTag[group.Key] = new TagComparison(
                table.Cases,
                table.BothPassed + table.BaselineOnly,
                table.BothPassed + table.CandidateOnly,
                table.CandidateOnly,
                table.BaselineOnly,
                PairedStatistics.McNemarExact(table.BaselineOnly, table.CandidateOnly).P);
        }

        return new ReadOnlyDictionary<string, TagComparison>(byTag);
    }

    private static string Conclusion(ComparisonVerdict verdict, McNemarTest test, EvalSummary baseline, EvalSummary candidate, double delta, ConfidenceInterval interval, bool sameDataset)
    {
        var head = verdict switch
        {
            ComparisonVerdict.CandidateBetter => "candidate better",
            ComparisonVerdict.CandidateWorse => "candidate worse",
            _ => "no significant difference",
        };
        var changes = test.Discordant == 0 ? "no case changed outcome" : $"{test.CandidateOnly} improved, {test.BaselineOnly} regressed";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{head}, {FormatP(test.PValue)}: accuracy {baseline.Accuracy * 100:0.0}% → {candidate.Accuracy * 100:0.0}% ({FormatPoints(delta)} points, 95% CI {FormatPoints(interval.Lower)} to {FormatPoints(interval.Upper)}) on {baseline.Cases} {(sameDataset ? "cases" : "common cases")}; {changes}");
    }

    private static string[] Warnings(EvalReport baseline, EvalReport candidate, bool sameDataset, int common, List<string> onlyInBaseline, List<string> onlyInCandidate, List<string> changed)
    {
        List<string> warnings = [];
        if (!string.Equals(baseline.Scorer, candidate.Scorer, StringComparison.Ordinal))
        {
            warnings.Add($"The runs were scored differently ('{baseline.Scorer}' in the baseline, '{candidate.Scorer}' in the candidate): a change may come from the scorer, not the task.");
        }
        else if (!baseline.ScoringPrompts.SequenceEqual(candidate.ScoringPrompts))
        {
            warnings.Add($"The scorer's prompts differ ({Prompts(baseline.ScoringPrompts)} in the baseline, {Prompts(candidate.ScoringPrompts)} in the candidate): a change may come from the judge, not the task.");
        }

        if (!sameDataset)
        {
            warnings.Add($"The runs are on different datasets; only the cases they share are compared. {Differences(common, onlyInBaseline, onlyInCandidate, changed)}");
        }

        return [.. warnings];
    }

    private static string Prompts(IReadOnlyList<PromptVersion> prompts) => prompts.Count == 0 ? "none" : string.Join(", ", prompts);

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
