using System.Collections.ObjectModel;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>
/// Runs a task or flow over an eval set and scores every output: cases in parallel up to a bound, each with a timeout
/// and the caller's run options (chat client, resilience, prices, budget), a failure or a timeout recorded as the case's
/// error rather than ending the evaluation.
/// </summary>
public static class Evaluator
{
    /// <summary>Runs <paramref name="task"/> on every case of <paramref name="set"/>, scores the outputs, and reports.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TExpected">The type of the expected outputs.</typeparam>
    /// <typeparam name="TOut">The task's output type.</typeparam>
    /// <param name="task">The task or flow to evaluate.</param>
    /// <param name="set">The cases.</param>
    /// <param name="scorer">Scores each output against its expected output.</param>
    /// <param name="options">Parallelism, timeout, run options, name and labels; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the evaluation: running cases are cancelled, no new one starts, and the resulting <see cref="OperationCanceledException"/> is not wrapped.</param>
    /// <returns>The report: every case's result, the summary overall and per tag.</returns>
    /// <exception cref="InvalidOperationException"><see cref="EvaluationOptions.RunOptions"/> returned null.</exception>
    public static async Task<EvalReport> RunAsync<TIn, TExpected, TOut>(
        FlowTask<TIn, TOut> task,
        EvalSet<TIn, TExpected> set,
        IScorer<TExpected, TOut> scorer,
        EvaluationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(scorer);
        options ??= new EvaluationOptions();
        var time = options.TimeProvider;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var run = new CaseRunner<TIn, TExpected, TOut>(task, scorer, options, set.SerializerOptions);
        var results = new CaseResult[set.Cases.Count];
        await Parallel.ForEachAsync(
                Enumerable.Range(0, set.Cases.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken },
                async (index, token) => results[index] = await run.RunAsync(set.Cases[index], token).ConfigureAwait(false))
            .ConfigureAwait(false);

        return ReportBuilder.Report(task.Name, set, scorer.Name, options, startedAt, time.GetElapsedTime(started), results);
    }

    /// <summary>Runs and scores one case at a time; shared by the evaluation's workers.</summary>
    private sealed class CaseRunner<TIn, TExpected, TOut>(
        FlowTask<TIn, TOut> task, IScorer<TExpected, TOut> scorer, EvaluationOptions options, JsonSerializerOptions setSerializerOptions)
    {
        private readonly JsonSerializerOptions _outputSerializerOptions = options.SerializerOptions ?? setSerializerOptions;

        public async Task<CaseResult> RunAsync(EvalCase<TIn, TExpected> @case, CancellationToken cancellationToken)
        {
            var time = options.TimeProvider;
            using var timeout = options.CaseTimeout is { } limit ? new CancellationTokenSource(limit, time) : null;
            using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var runOptions = NewRunOptions(@case.Id);
            var started = time.GetTimestamp();
            RunRecord? record = null;
            var output = default(TOut);
            var completed = false;
            CaseError? error = null;
            try
            {
                // Streaming gives the run's record on every ending, a cancellation (a timeout) included.
                await foreach (var runEvent in task.StreamAsync(@case.Input, runOptions, linked?.Token ?? cancellationToken).ConfigureAwait(false))
                {
                    switch (runEvent)
                    {
                        case RunCompletedEvent done:
                            (record, output, completed) = (done.Record, (TOut)done.Output!, true);
                            break;
                        case RunFailedEvent failed:
                            record = failed.Record;
                            break;
                        case RunCancelledEvent cancelled:
                            record = cancelled.Record;
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex) when (timeout is { IsCancellationRequested: true })
            {
                error = TimedOut(record, ex);
            }
            catch (FlowRunException ex)
            {
                record ??= ex.Record;
                error = new CaseError(CaseErrorKind.TaskFailed, ex.Message, ex.GetType().Name, (ex as FlowTaskException)?.InnerException?.GetType().Name, ex.NodePath);
            }
#pragma warning disable CA1031 // Whatever a case throws is that case's error, not the end of the evaluation.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error = new CaseError(CaseErrorKind.TaskFailed, ex.Message, ex.GetType().Name, ex.InnerException?.GetType().Name, task.Name);
            }

            var latency = time.GetElapsedTime(started);
            if (error is null && timeout is { IsCancellationRequested: true })
            {
                // The run went on past its limit (its code ignored the cancellation): still a timeout, whatever it returned.
                error = TimedOut(record, null);
            }

            Score? score = null;
            if (error is null && completed)
            {
                score = await ScoreAsync(@case, output!, cancellationToken).ConfigureAwait(false);
                if (score.IsError)
                {
                    error = new CaseError(CaseErrorKind.ScorerFailed, score.Error!);
                }
            }

            var outcome = error is not null ? CaseOutcome.Error : score!.Passed ? CaseOutcome.Passed : CaseOutcome.Failed;
            var usage = record?.Usage;
            var calls = record?.LlmCalls ?? [];
            var scoring = score?.ModelCalls ?? [];
            return new CaseResult
            {
                Id = @case.Id,
                Tags = @case.Tags,
                Input = Snapshot(@case.Input, setSerializerOptions),
                Expected = Snapshot(@case.Expected, setSerializerOptions),
                Actual = completed ? Snapshot(output, _outputSerializerOptions) : null,
                Outcome = outcome,
                Score = score,
                Error = error,
                Latency = latency,
                InputTokens = usage?.InputTokenCount ?? 0,
                OutputTokens = usage?.OutputTokenCount ?? 0,
                TokensEstimated = calls.Any(c => c.UsageEstimated),
                Cost = record?.Cost,
                UnpricedModelCalls = calls.Count(c => c.Cost is null),
                ScoringInputTokens = scoring.Sum(c => c.Usage?.InputTokenCount ?? 0),
                ScoringOutputTokens = scoring.Sum(c => c.Usage?.OutputTokenCount ?? 0),
                ScoringCost = ReportBuilder.Sum(scoring.Select(c => c.Cost)),
                Run = record,
            };
        }

        private async Task<Score> ScoreAsync(EvalCase<TIn, TExpected> @case, TOut output, CancellationToken cancellationToken)
        {
            var context = new ScoringContext(@case.Id, @case.Input, @case.Tags, () => NewRunOptions(@case.Id));
            try
            {
                return await scorer.ScoreAsync(@case.Expected, output, context, cancellationToken).ConfigureAwait(false)
                       ?? Score.FromError($"The scorer '{scorer.Name}' returned no score (null).");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A scorer that throws makes its case an error, not the end of the evaluation.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return Score.FromError($"The scorer '{scorer.Name}' threw {ex.GetType().Name}: {ex.Message}");
            }
        }

        private RunOptions NewRunOptions(string caseId)
            => options.RunOptions is { } make
                ? make(caseId) ?? throw new InvalidOperationException($"EvaluationOptions.RunOptions returned null for case '{caseId}'. Return the RunOptions to run the case with.")
                : new RunOptions();

        private CaseError TimedOut(RunRecord? record, Exception? exception)
        {
            // The deepest node that was cancelled is where the time went; without a node timeline, the task itself.
            var node = record?.Nodes.Where(n => n.Status == NodeStatus.Cancelled).MaxBy(n => n.Path.Count(c => c == '/'))?.Path ?? task.Name;
            return new CaseError(
                CaseErrorKind.TimedOut,
                $"The case's run took longer than its timeout of {options.CaseTimeout} (EvaluationOptions.CaseTimeout); it was cancelled at '{node}'.",
                exception?.GetType().Name,
                null,
                node);
        }

        private static JsonElement Snapshot<T>(T value, JsonSerializerOptions serializerOptions)
        {
            try
            {
                return JsonSerializer.SerializeToElement(value, serializerOptions);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
            {
                return JsonSerializer.SerializeToElement($"(not serialisable as JSON: {ex.Message})");
            }
        }
    }
}
