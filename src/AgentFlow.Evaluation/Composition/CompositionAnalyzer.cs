using System.Collections.ObjectModel;

namespace AgentFlow.Evaluation;

/// <summary>
/// Measures a composed flow on a composition set: runs it on every case with its run record and node outputs kept,
/// scores every listed sub-task and route decision and the final output, classifies each case (passed, task failed,
/// wrong route, sub-task incorrect, composability gap), and computes the accuracy, the 2x2 tables and the
/// composability gap with its bootstrap interval, overall and per category, and the numbers of each listed node.
/// </summary>
/// <remarks>
/// The runs go through <see cref="Evaluator"/>: bounded parallelism, a timeout per case, the caller's run options, a
/// failure or a timeout recorded as the case's error rather than ending the analysis. The expectations are checked
/// against the flow before any case runs (<see cref="CompositionExpectationException"/>).
/// </remarks>
public static class CompositionAnalyzer
{
    /// <summary>Runs <paramref name="flow"/> on every case of <paramref name="set"/>, scores and classifies the cases, and reports.</summary>
    /// <typeparam name="TIn">The flow's input type.</typeparam>
    /// <typeparam name="TExpected">The type of the expected final outputs.</typeparam>
    /// <typeparam name="TOut">The flow's output type.</typeparam>
    /// <param name="flow">The flow; the sub-task and route paths of the set are paths of its nodes.</param>
    /// <param name="set">The cases.</param>
    /// <param name="scorer">Scores each final output against its expected output.</param>
    /// <param name="options">How the cases run, and the bootstrap's resamples and seed; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the analysis: running cases are cancelled, and the resulting <see cref="OperationCanceledException"/> is not wrapped.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="CompositionExpectationException">The set's expectations do not fit the flow; nothing ran.</exception>
    /// <exception cref="InvalidOperationException"><see cref="EvaluationOptions.RunOptions"/> returned null.</exception>
    public static async Task<CompositionAnalysis> RunAsync<TIn, TExpected, TOut>(
        FlowTask<TIn, TOut> flow,
        CompositionSet<TIn, TExpected> set,
        IScorer<TExpected, TOut> scorer,
        CompositionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(scorer);
        options ??= new CompositionOptions();
        return await RunCoreAsync(flow, set, scorer, options, options.Evaluation.Name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Analyses two flows on the same cases, one after the other, and compares them: for example one that answers a
    /// question directly against one that decomposes it into sub-questions first.
    /// </summary>
    /// <typeparam name="TIn">The flows' input type.</typeparam>
    /// <typeparam name="TExpected">The type of the expected final outputs.</typeparam>
    /// <typeparam name="TOut">The flows' output type.</typeparam>
    /// <param name="set">The cases. Both flows must have the nodes its expectations name, at the same paths.</param>
    /// <param name="scorer">Scores each final output.</param>
    /// <param name="baselineName">The name of the baseline's analysis.</param>
    /// <param name="baseline">The flow compared against.</param>
    /// <param name="candidateName">The name of the candidate's analysis.</param>
    /// <param name="candidate">The flow compared.</param>
    /// <param name="options">How the cases run (its <see cref="EvaluationOptions.Name"/> is replaced by each name), and the bootstrap; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the analyses.</param>
    /// <returns>The comparison, with both analyses.</returns>
    /// <exception cref="ArgumentException">The names are empty or equal.</exception>
    /// <exception cref="CompositionExpectationException">The set's expectations do not fit one of the flows; it names which.</exception>
    public static async Task<CompositionComparison> CompareAsync<TIn, TExpected, TOut>(
        CompositionSet<TIn, TExpected> set,
        IScorer<TExpected, TOut> scorer,
        string baselineName,
        FlowTask<TIn, TOut> baseline,
        string candidateName,
        FlowTask<TIn, TOut> candidate,
        CompositionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentException.ThrowIfNullOrWhiteSpace(baselineName);
        ArgumentException.ThrowIfNullOrWhiteSpace(candidateName);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        if (baselineName == candidateName)
        {
            throw new ArgumentException($"Both flows are named '{baselineName}': give each its own name, so the comparison can tell them apart.", nameof(candidateName));
        }

        options ??= new CompositionOptions();

        // Both are checked before either runs, so a set that does not fit the candidate wastes no baseline run.
        ExpectationChecker.Check(baseline, set);
        ExpectationChecker.Check(candidate, set);
        var first = await RunCoreAsync(baseline, set, scorer, options, baselineName, cancellationToken).ConfigureAwait(false);
        var second = await RunCoreAsync(candidate, set, scorer, options, candidateName, cancellationToken).ConfigureAwait(false);
        return CompositionComparison.Of(first, second);
    }

    private static async Task<CompositionAnalysis> RunCoreAsync<TIn, TExpected, TOut>(
        FlowTask<TIn, TOut> flow, CompositionSet<TIn, TExpected> set, IScorer<TExpected, TOut> scorer, CompositionOptions options, string? name, CancellationToken cancellationToken)
    {
        ExpectationChecker.Check(flow, set);
        var evaluation = options.ForRuns(name);
        var time = evaluation.TimeProvider;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var report = await Evaluator.RunAsync(flow, set.ToEvalSet(), scorer, evaluation, cancellationToken).ConfigureAwait(false);

        var analyzer = new CaseAnalyzer<TIn, TExpected>(set.SerializerOptions, evaluation.SerializerOptions ?? set.SerializerOptions, evaluation.RunOptions!);
        var cases = new CompositionCaseResult[set.Cases.Count];
        await Parallel.ForEachAsync(
                Enumerable.Range(0, set.Cases.Count),
                new ParallelOptions { MaxDegreeOfParallelism = evaluation.MaxParallelism, CancellationToken = cancellationToken },
                async (index, token) => cases[index] = await analyzer.AnalyzeAsync(set.Cases[index], report.Cases[index], token).ConfigureAwait(false))
            .ConfigureAwait(false);

        return new CompositionAnalysis
        {
            Name = report.Name,
            FlowName = flow.Name,
            Scorer = scorer.Name,
            SubTaskScorers = new ReadOnlyDictionary<string, string>(new SortedDictionary<string, string>(
                set.SubTasks.ToDictionary(s => s.Path, s => s.ScorerName, StringComparer.Ordinal), StringComparer.Ordinal)),
            DatasetName = set.Name,
            DatasetHash = set.ContentHash,
            Labels = report.Labels,
            StartedAt = startedAt,
            Duration = time.GetElapsedTime(started),
            Cases = cases,
            Summary = CompositionStatistics.Summarize(cases, options.BootstrapResamples, options.BootstrapSeed),
            ByCategory = CompositionStatistics.ByCategory(cases, options.BootstrapResamples, options.BootstrapSeed),
            Nodes = CompositionStatistics.Nodes(cases),
            Report = report,
        };
    }
}
