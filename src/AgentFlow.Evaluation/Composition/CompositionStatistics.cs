using System.Collections.ObjectModel;

namespace AgentFlow.Evaluation;

/// <summary>Computes the numbers of a composition analysis: per group of cases, and per listed node.</summary>
internal static class CompositionStatistics
{
    public static CompositionSummary Summarize(IReadOnlyList<CompositionCaseResult> cases, int resamples, int seed)
    {
        var counted = cases.Where(c => c.SubTasksRight is not null && c.FinalRight is not null).ToList();
        var table = new CompositionTable
        {
            Cases = counted.Count,
            BothRight = counted.Count(c => c.SubTasksRight == true && c.FinalRight == true),
            SubTasksRightFinalWrong = counted.Count(c => c.SubTasksRight == true && c.FinalRight == false),
            SubTasksWrongFinalRight = counted.Count(c => c.SubTasksRight == false && c.FinalRight == true),
            BothWrong = counted.Count(c => c.SubTasksRight == false && c.FinalRight == false),
        };
        var passed = Count(cases, CompositionOutcome.Passed);
        return new CompositionSummary
        {
            Cases = cases.Count,
            Passed = passed,
            TaskFailed = Count(cases, CompositionOutcome.TaskFailed),
            ScoringFailed = Count(cases, CompositionOutcome.ScoringFailed),
            WrongRoute = Count(cases, CompositionOutcome.WrongRoute),
            SubTaskIncorrect = Count(cases, CompositionOutcome.SubTaskIncorrect),
            CompositionGap = Count(cases, CompositionOutcome.CompositionGap),
            Accuracy = cases.Count == 0 ? 0 : passed / (double)cases.Count,
            AccuracyInterval = Statistics.Wilson(passed, cases.Count),
            Table = table,
            Gap = Bootstrap.Gap(table, resamples, seed),
        };
    }

    public static IReadOnlyDictionary<string, CompositionSummary> ByCategory(IReadOnlyList<CompositionCaseResult> cases, int resamples, int seed)
    {
        var byCategory = new SortedDictionary<string, CompositionSummary>(StringComparer.Ordinal);
        foreach (var group in cases.Where(c => c.Category is not null).GroupBy(c => c.Category!, StringComparer.Ordinal))
        {
            byCategory[group.Key] = Summarize([.. group], resamples, seed);
        }

        return new ReadOnlyDictionary<string, CompositionSummary>(byCategory);
    }

    /// <summary>
    /// The numbers of every listed sub-task and route, over the cases whose runs completed, in the order they usually
    /// ran (their mean position in the runs' timelines); the runs that failed count only in <see cref="NodeStatistics.TaskFailures"/>.
    /// </summary>
    public static IReadOnlyList<NodeStatistics> Nodes(IReadOnlyList<CompositionCaseResult> cases)
    {
        var listed = cases.SelectMany(c => c.Steps.Select(s => (s.Path, s.Kind))).Distinct().ToList();
        var completed = cases.Where(c => c.Outcome != CompositionOutcome.TaskFailed).ToList();
        var failures = cases.Where(c => c.Outcome == CompositionOutcome.TaskFailed).Select(c => c.Final.Error?.NodePath).OfType<string>().ToList();
        return [.. listed
            .Select((node, first) =>
            {
                var steps = completed.SelectMany(c => c.Steps.Where(s => s.Path == node.Path && s.Kind == node.Kind).Select(s => (Case: c, Step: s))).ToList();
                var positions = steps.Select(s => s.Step.Order).Where(double.IsFinite).ToList();
                var statistics = new NodeStatistics
                {
                    Path = node.Path,
                    Kind = node.Kind,
                    Cases = steps.Count(s => s.Step.Right || s.Step.Wrong),
                    Right = steps.Count(s => s.Step.Right),
                    FirstWrong = steps.Count(s => s.Step.Wrong && ReferenceEquals(s.Case.Steps.FirstOrDefault(x => x.Wrong), s.Step)),
                    ScoringFailed = steps.Count(s => s.Step.Status == StepStatus.ScoringFailed),
                    TaskFailures = failures.Count(path => FailedAt(path, node.Path, node.Kind)),
                };
                return (Statistics: statistics, Position: positions.Count == 0 ? double.PositiveInfinity : positions.Average(), First: first);
            })
            .OrderBy(n => n.Position)
            .ThenBy(n => n.First)
            .Select(n => n.Statistics)];
    }

    private static int Count(IReadOnlyList<CompositionCaseResult> cases, CompositionOutcome outcome) => cases.Count(c => c.Outcome == outcome);

    private static bool FailedAt(string failurePath, string path, StepKind kind)
    {
        if (kind == StepKind.Route)
        {
            return failurePath == path || CompositionPaths.DefinitionPath(failurePath) == CompositionPaths.DefinitionPath(path);
        }

        return CompositionPaths.IsAtOrBelow(failurePath, path)
               || (!CompositionPaths.HasIndex(path) && CompositionPaths.IsAtOrBelow(CompositionPaths.DefinitionPath(failurePath), path));
    }
}
