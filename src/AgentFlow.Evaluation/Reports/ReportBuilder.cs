using System.Collections.ObjectModel;

namespace AgentFlow.Evaluation;

/// <summary>Computes a report's summaries and gathers the prompts and models its cases used.</summary>
internal static class ReportBuilder
{
    /// <summary>The report of an evaluation whose cases have run: its identity, what the runs used, and the summaries.</summary>
    public static EvalReport Report<TIn, TExpected>(
        string taskName, EvalSet<TIn, TExpected> set, string scorer, EvaluationOptions options, DateTimeOffset startedAt, TimeSpan duration, CaseResult[] results)
    {
        var taskCalls = results.SelectMany(r => r.Run?.LlmCalls ?? []).ToArray();
        var scoringCalls = results.SelectMany(r => r.Score?.ModelCalls ?? []).ToArray();
        return new EvalReport
        {
            Name = options.Name ?? taskName,
            TaskName = taskName,
            Scorer = scorer,
            DatasetName = set.Name,
            DatasetHash = set.ContentHash,
            Labels = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new SortedDictionary<string, string>(options.Labels, StringComparer.Ordinal)),
            StartedAt = startedAt,
            Duration = duration,
            MaxParallelism = options.MaxParallelism,
            CaseTimeout = options.CaseTimeout,
            Prompts = Prompts(taskCalls),
            Models = Models(taskCalls),
            ScoringPrompts = Prompts(scoringCalls),
            ScoringModels = Models(scoringCalls),
            Cases = results,
            Summary = Summarize(results),
            ByTag = ByTag(results),
        };
    }

    public static EvalSummary Summarize(IReadOnlyList<CaseResult> cases)
    {
        var latencies = cases.Select(c => c.Latency).Order().ToArray();
        var passed = cases.Count(c => c.Outcome == CaseOutcome.Passed);
        return new EvalSummary
        {
            Cases = cases.Count,
            Passed = passed,
            Failed = cases.Count(c => c.Outcome == CaseOutcome.Failed),
            Errors = cases.Count(c => c.Outcome == CaseOutcome.Error),
            Accuracy = cases.Count == 0 ? 0 : passed / (double)cases.Count,
            AccuracyInterval = Statistics.Wilson(passed, cases.Count),
            MeanScore = cases.Count == 0 ? 0 : cases.Sum(c => c.Score?.Value ?? 0) / cases.Count,
            LatencyP50 = Statistics.Percentile(latencies, 0.50),
            LatencyP95 = Statistics.Percentile(latencies, 0.95),
            InputTokens = cases.Sum(c => c.InputTokens),
            OutputTokens = cases.Sum(c => c.OutputTokens),
            TokensEstimated = cases.Any(c => c.TokensEstimated),
            Cost = Sum(cases.Select(c => c.Cost)),
            UnpricedModelCalls = cases.Sum(c => c.UnpricedModelCalls),
            ScoringInputTokens = cases.Sum(c => c.ScoringInputTokens),
            ScoringOutputTokens = cases.Sum(c => c.ScoringOutputTokens),
            ScoringCost = Sum(cases.Select(c => c.ScoringCost)),
        };
    }

    public static IReadOnlyDictionary<string, EvalSummary> ByTag(IReadOnlyList<CaseResult> cases)
    {
        var byTag = new SortedDictionary<string, EvalSummary>(StringComparer.Ordinal);
        foreach (var tag in cases.SelectMany(c => c.Tags).Distinct(StringComparer.Ordinal))
        {
            byTag[tag] = Summarize([.. cases.Where(c => c.Tags.Contains(tag, StringComparer.Ordinal))]);
        }

        return new ReadOnlyDictionary<string, EvalSummary>(byTag);
    }

    public static IReadOnlyList<PromptVersion> Prompts(IEnumerable<LlmCallRecord> calls)
        => [.. calls.Where(c => c.PromptName is not null)
            .Select(c => new PromptVersion(c.PromptName!, c.PromptVersion, c.PromptHash, c.ExamplesHash))
            .Distinct()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Version, StringComparer.Ordinal)
            .ThenBy(p => p.ContentHash, StringComparer.Ordinal)];

    public static IReadOnlyList<string> Models(IEnumerable<LlmCallRecord> calls)
        => [.. calls.SelectMany(c => c.Requests.Select(r => r.ModelId).Append(c.ModelId))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    public static decimal? Sum(IEnumerable<decimal?> costs)
    {
        decimal? total = null;
        foreach (var cost in costs)
        {
            if (cost is { } value)
            {
                total = (total ?? 0) + value;
            }
        }

        return total;
    }
}
