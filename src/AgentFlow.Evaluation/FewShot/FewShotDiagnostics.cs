using System.Collections.ObjectModel;
using System.Security.Cryptography;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>
/// Checks a few-shot prompt task the way its examples deserve: does the model get its own examples right (if not, the
/// prompt is unclear), and does it do about as well on held-out cases (if not, it overfits its examples)? Both are
/// evaluations run with <see cref="Evaluator"/>; the report has both accuracies with their Wilson intervals, the gap and
/// the flags.
/// </summary>
/// <remarks>
/// By default each example is asked with the other examples in the prompt but not itself
/// (<see cref="FewShotExampleMode.LeaveOneOut"/>): with its own answer in the prompt a model can copy it, so the check
/// would measure copying rather than understanding, and the gap to the held-out set would be inflated by it. Leaving the
/// example out costs the same number of model calls (one per example). <see cref="FewShotExampleMode.InPrompt"/> asks
/// the task as it is.
/// </remarks>
public static class FewShotDiagnostics
{
    /// <summary>Runs <paramref name="task"/> on its own examples and on <paramref name="heldOut"/>, and reports both accuracies, the gap and the flags.</summary>
    /// <typeparam name="TIn">The task's input type.</typeparam>
    /// <typeparam name="TOut">The task's output type, also the type of the expected outputs.</typeparam>
    /// <param name="task">The prompt task, with its few-shot examples.</param>
    /// <param name="heldOut">Cases the examples do not include, such as a sample of real inputs with their right outputs.</param>
    /// <param name="scorer">Scores each output, on the examples (against the example's output) and on the held-out set.</param>
    /// <param name="options">The example mode, the thresholds of the flags, and the evaluations' options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels both evaluations; the <see cref="OperationCanceledException"/> is not wrapped.</param>
    /// <returns>The diagnostics.</returns>
    /// <exception cref="ArgumentException">The task has no examples.</exception>
    /// <exception cref="EvalSetLoadException">An example's input fails its DataAnnotations, so it cannot be a case.</exception>
    public static Task<FewShotReport> RunAsync<TIn, TOut>(
        PromptTask<TIn, TOut> task,
        EvalSet<TIn, TOut> heldOut,
        IScorer<TOut, TOut> scorer,
        FewShotOptions? options = null,
        CancellationToken cancellationToken = default)
        => RunAsync(task, heldOut, scorer, static output => output, options, cancellationToken);

    /// <summary>
    /// Runs <paramref name="task"/> on its own examples and on <paramref name="heldOut"/>, whose expected outputs are of
    /// another type than the task's output (such as the team of a triage), and reports both accuracies, the gap and the flags.
    /// </summary>
    /// <typeparam name="TIn">The task's input type.</typeparam>
    /// <typeparam name="TExpected">The type of the held-out set's expected outputs.</typeparam>
    /// <typeparam name="TOut">The task's output type.</typeparam>
    /// <param name="task">The prompt task, with its few-shot examples.</param>
    /// <param name="heldOut">Cases the examples do not include.</param>
    /// <param name="scorer">Scores each output against its expected output.</param>
    /// <param name="expected">Makes an example's expected output from its output, such as <c>triage =&gt; triage.Team</c>.</param>
    /// <param name="options">The example mode, the thresholds of the flags, and the evaluations' options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels both evaluations; the <see cref="OperationCanceledException"/> is not wrapped.</param>
    /// <returns>The diagnostics.</returns>
    /// <exception cref="ArgumentException">The task has no examples.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="expected"/> returned null for an example.</exception>
    /// <exception cref="EvalSetLoadException">An example's input or expected output fails its DataAnnotations, so it cannot be a case.</exception>
    public static async Task<FewShotReport> RunAsync<TIn, TExpected, TOut>(
        PromptTask<TIn, TOut> task,
        EvalSet<TIn, TExpected> heldOut,
        IScorer<TExpected, TOut> scorer,
        Func<TOut, TExpected> expected,
        FewShotOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(expected);
        if (task.Examples.Count == 0)
        {
            throw new ArgumentException(
                $"Prompt task '{task.Name}' (prompt '{task.Prompt.Name}@{task.Prompt.Version}') has no few-shot examples, so there is nothing to diagnose. "
                + "Give it examples with WithExamples, or measure it with Evaluator.RunAsync.",
                nameof(task));
        }

        options ??= new FewShotOptions();
        var evaluation = options.Evaluation ?? new EvaluationOptions();
        var examples = EvalSet.Create(
            $"{task.Name}-examples",
            task.Examples.Select((example, i) => new EvalCase<TIn, TExpected>($"example-{i + 1}", example.Input, expected(example.Output))),
            heldOut.SerializerOptions);
        var own = options.ExampleMode == FewShotExampleMode.InPrompt
            ? await Evaluator.RunAsync(task, examples, scorer, evaluation, cancellationToken).ConfigureAwait(false)
            : await LeaveOneOutAsync(task, examples, scorer, evaluation, cancellationToken).ConfigureAwait(false);
        var held = await Evaluator.RunAsync(task, heldOut, scorer, evaluation, cancellationToken).ConfigureAwait(false);
        return new FewShotReport
        {
            TaskName = task.Name,
            Prompt = new PromptVersion(task.Prompt.Name, task.Prompt.Version, task.Prompt.ContentHash, task.ExamplesHash),
            ExampleMode = options.ExampleMode,
            Examples = own,
            HeldOut = held,
            MinExampleAccuracy = options.MinExampleAccuracy,
            MaxGap = options.MaxGap,
            HeldOutCasesInExamples = Overlap(examples, heldOut),
        };
    }

    /// <summary>
    /// Runs each example on the task without that example, as an evaluation of one case, and gathers the cases into one
    /// report of the whole examples set, as <see cref="Evaluator.RunAsync"/> would have made it.
    /// </summary>
    private static async Task<EvalReport> LeaveOneOutAsync<TIn, TExpected, TOut>(
        PromptTask<TIn, TOut> task, EvalSet<TIn, TExpected> examples, IScorer<TExpected, TOut> scorer, EvaluationOptions options, CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var results = new CaseResult[examples.Cases.Count];
        await Parallel.ForEachAsync(
                Enumerable.Range(0, results.Length),
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    var without = task.WithExamples(task.Examples.Where((_, other) => other != index));
                    var one = EvalSet.Create(examples.Name, [examples.Cases[index]], examples.SerializerOptions);
                    var report = await Evaluator.RunAsync(without, one, scorer, options, token).ConfigureAwait(false);
                    results[index] = report.Cases[0];
                })
            .ConfigureAwait(false);

        return ReportBuilder.Report(task.Name, examples, scorer.Name, options, startedAt, time.GetElapsedTime(started), results);
    }

    /// <summary>The ids of the held-out cases whose input, as canonical JSON, is the input of an example.</summary>
    private static string[] Overlap<TIn, TExpected>(EvalSet<TIn, TExpected> examples, EvalSet<TIn, TExpected> heldOut)
    {
        var inputs = examples.Cases.Select(c => Key(c.Input, heldOut.SerializerOptions)).ToHashSet(StringComparer.Ordinal);
        return [.. heldOut.Cases.Where(c => inputs.Contains(Key(c.Input, heldOut.SerializerOptions))).Select(c => c.Id)];
    }

    private static string Key<T>(T value, JsonSerializerOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            CanonicalJson.Write(writer, JsonSerializer.SerializeToNode(value, options));
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }
}
