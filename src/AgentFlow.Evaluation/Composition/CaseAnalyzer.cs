using System.Globalization;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>
/// Scores one case's listed sub-tasks and route decisions from its run record, and classifies the case. Shared by the
/// analysis's workers; thread-safe.
/// </summary>
internal sealed class CaseAnalyzer<TIn, TExpected>(
    JsonSerializerOptions setSerializerOptions, JsonSerializerOptions outputSerializerOptions, Func<string, RunOptions> runOptions)
{
    public async Task<CompositionCaseResult> AnalyzeAsync(CompositionCase<TIn, TExpected> @case, CaseResult final, CancellationToken cancellationToken)
    {
        var completed = final.Error is null or { Kind: CaseErrorKind.ScorerFailed };
        var record = final.Run;
        List<StepResult> steps = [];
        foreach (var expectation in @case.SubTasks)
        {
            steps.Add(await SubTaskAsync(@case, expectation, record, completed, cancellationToken).ConfigureAwait(false));
        }

        steps.AddRange(@case.Routes.Select(route => Route(route, record, completed)));

        // Listing order breaks ties: OrderBy is stable.
        var ordered = steps.OrderBy(s => s.Order).ToArray();
        var firstWrong = ordered.FirstOrDefault(s => s.Wrong);
        bool? subTasksRight = ordered.Any(s => s.Wrong) ? false : !completed || ordered.Any(s => s.Status == StepStatus.ScoringFailed) ? null : true;
        bool? finalRight = final.Outcome == CaseOutcome.Error ? null : final.Passed;
        var (outcome, explanation) = Classify(final, ordered, firstWrong);
        return new CompositionCaseResult
        {
            Id = @case.Id,
            Category = @case.Category,
            Tags = @case.Tags,
            Outcome = outcome,
            SubTasksRight = subTasksRight,
            FinalRight = finalRight,
            Steps = ordered,
            FirstWrongPath = firstWrong?.Path,
            Explanation = explanation,
            Final = final,
        };
    }

    /// <summary>
    /// The case's class: the first that holds of task failed, final output unscorable, passed, wrong route, sub-task
    /// incorrect, a sub-task unscorable, and composability gap.
    /// </summary>
    internal static (CompositionOutcome Outcome, string Explanation) Classify(CaseResult final, IReadOnlyList<StepResult> steps, StepResult? firstWrong)
    {
        switch (final.Error?.Kind)
        {
            case CaseErrorKind.TaskFailed or CaseErrorKind.TimedOut:
                return (CompositionOutcome.TaskFailed, $"The run did not complete{At(final.Error.NodePath)}: {final.Error.Message}");
            case CaseErrorKind.ScorerFailed:
                return (CompositionOutcome.ScoringFailed, $"The final output could not be scored: {final.Error.Message}");
        }

        if (final.Passed)
        {
            return (CompositionOutcome.Passed, firstWrong is null
                ? "The final output passed."
                : $"The final output passed, although {Describe(firstWrong)}.");
        }

        var finalWrong = $"The final output is wrong{Reason(final.Score)}";
        if (steps.FirstOrDefault(s => s.Kind == StepKind.Route && s.Wrong) is { } route)
        {
            return (CompositionOutcome.WrongRoute, $"{Capitalised(Describe(route))}. {finalWrong}.");
        }

        if (steps.FirstOrDefault(s => s.Kind == StepKind.SubTask && s.Wrong) is { } subTask)
        {
            return (CompositionOutcome.SubTaskIncorrect, $"{Capitalised(Describe(subTask))}. {finalWrong}.");
        }

        if (steps.FirstOrDefault(s => s.Status == StepStatus.ScoringFailed) is { } unscored)
        {
            return (CompositionOutcome.ScoringFailed, $"{finalWrong}, and the sub-task {unscored.Path} could not be scored: {unscored.Detail}");
        }

        return (CompositionOutcome.CompositionGap, $"Every listed sub-task and route was right ({steps.Count}), but the final output is wrong{Reason(final.Score)}.");
    }

    private async Task<StepResult> SubTaskAsync(
        CompositionCase<TIn, TExpected> @case, SubTaskExpectation expectation, RunRecord? record, bool completed, CancellationToken cancellationToken)
    {
        var subTask = expectation.SubTask;
        var step = new StepResult
        {
            Path = expectation.Path,
            Kind = StepKind.SubTask,
            Status = StepStatus.NotReached,
            Expected = Snapshot(expectation.Expected, subTask.ExpectedType, setSerializerOptions),
            Scorer = subTask.ScorerName,
        };

        var (execution, index) = Last(record, expectation.Path);
        if (execution is null)
        {
            return step with
            {
                Status = completed ? StepStatus.NotRun : StepStatus.NotReached,
                Detail = completed ? "it did not run" : "the run failed before it ran",
            };
        }

        if (execution.Status != NodeStatus.Succeeded)
        {
            return step with
            {
                Status = completed ? StepStatus.NotRun : StepStatus.NotReached,
                RunPath = execution.Path,
                Order = index,
                Detail = execution.Error is { } error ? $"it {execution.Status.ToString().ToLowerInvariant()}: {error.Message}" : $"it was {execution.Status.ToString().ToLowerInvariant()}",
            };
        }

        var output = execution.Output;
        step = step with
        {
            RunPath = execution.Path,
            Order = index,
            Actual = Snapshot(output, output?.GetType() ?? typeof(object), outputSerializerOptions),
        };
        if (!subTask.Accepts(output))
        {
            return step with
            {
                Status = StepStatus.ScoringFailed,
                Detail = $"its output ({(output is null ? "null" : TypeNames.Of(output.GetType()))}) is not something the scorer '{subTask.ScorerName}' scores ({TypeNames.Of(subTask.OutputType)})",
            };
        }

        Score score;
        try
        {
            var context = new ScoringContext(@case.Id, @case.Input, @case.Tags, () => runOptions(@case.Id));
            score = await subTask.ScoreAsync(expectation.Expected, output, context, cancellationToken).ConfigureAwait(false)
                    ?? Score.FromError($"The scorer '{subTask.ScorerName}' returned no score (null).");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A scorer that throws makes its step unscored, not the end of the analysis.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            score = Score.FromError($"The scorer '{subTask.ScorerName}' threw {ex.GetType().Name}: {ex.Message}");
        }

        return step with
        {
            Status = score.IsError ? StepStatus.ScoringFailed : score.Passed ? StepStatus.Right : StepStatus.Wrong,
            Score = score,
            Detail = score.IsError ? score.Error : score.Reason,
        };
    }

    private static StepResult Route(RouteExpectation expectation, RunRecord? record, bool completed)
    {
        var step = new StepResult
        {
            Path = expectation.Path,
            Kind = StepKind.Route,
            Status = StepStatus.NotReached,
            Expected = JsonSerializer.SerializeToElement(expectation.Label),
        };

        var decision = record?.RoutesAt(expectation.Path) is { Count: > 0 } decisions ? decisions[^1] : null;
        if (decision is null)
        {
            return step with
            {
                Status = completed ? StepStatus.NotRun : StepStatus.NotReached,
                Detail = completed ? "no decision was made there" : "the run failed before a decision was made there",
            };
        }

        return step with
        {
            Status = string.Equals(decision.Label, expectation.Label, StringComparison.Ordinal) ? StepStatus.Right : StepStatus.Wrong,
            RunPath = decision.Path,
            Actual = JsonSerializer.SerializeToElement(decision.Label),
            Order = OrderOf(record!, decision),
            Detail = Decision(decision),
        };
    }

    /// <summary>The last execution of the node at a path, and its index in the run's node timeline (start order).</summary>
    private static (NodeRecord? Execution, int Index) Last(RunRecord? record, string path)
    {
        if (record is null)
        {
            return (null, -1);
        }

        var indexed = CompositionPaths.HasIndex(path);
        var nodes = record.Nodes;
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            if (nodes[i].Path == path || (!indexed && nodes[i].DefinitionPath == path))
            {
                return (nodes[i], i);
            }
        }

        return (null, -1);
    }

    /// <summary>
    /// Where a decision happened in the run: a branch decides when it starts, before its case; a loop decides its exit
    /// after each iteration's body, so after the body's last node.
    /// </summary>
    private static double OrderOf(RunRecord record, RouteDecision decision)
    {
        var nodes = record.Nodes;
        var after = double.PositiveInfinity;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Path == decision.Path)
            {
                return i;
            }

            if (nodes[i].Path.StartsWith(decision.Path + "/", StringComparison.Ordinal))
            {
                after = i + 0.5;
            }
        }

        return after;
    }

    private static string Decision(RouteDecision decision)
    {
        var details = new List<string> { $"chose {decision.Label} by {decision.Source}" };
        if (decision.Confidence is { } confidence)
        {
            details.Add(string.Create(CultureInfo.InvariantCulture, $"confidence {confidence:0.00}"));
        }

        if (decision.Rationale is { Length: > 0 } rationale)
        {
            details.Add($"rationale: \"{rationale.ReplaceLineEndings(" ")}\"");
        }

        return string.Join(", ", details);
    }

    private static string Describe(StepResult step) => (step.Kind, step.Status) switch
    {
        (StepKind.Route, StepStatus.NotRun) => $"no decision was made at {step.Path}, where {Text(step.Expected)} was expected",
        (StepKind.Route, _) => $"the route at {step.Path} chose {Text(step.Actual)}, {Text(step.Expected)} was expected",
        (_, StepStatus.NotRun) => $"the sub-task {step.Path} did not give a result ({step.Detail})",
        _ => $"the sub-task {step.Path} was wrong ({(step.Detail is { Length: > 0 } detail ? detail : $"expected {CompositionText.Json(step.Expected)}, got {CompositionText.Json(step.Actual)}")})",
    };

    private static string Text(JsonElement? json)
        => json is { ValueKind: JsonValueKind.String } text ? text.GetString()! : CompositionText.Json(json);

    private static string At(string? path) => path is null ? string.Empty : $" at {path}";

    private static string Reason(Score? score) => score?.Reason is { Length: > 0 } reason ? $" ({reason})" : string.Empty;

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static JsonElement Snapshot(object? value, Type type, JsonSerializerOptions serializerOptions)
    {
        try
        {
            return JsonSerializer.SerializeToElement(value, type, serializerOptions);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return JsonSerializer.SerializeToElement($"(not serialisable as JSON: {ex.Message})");
        }
    }
}
