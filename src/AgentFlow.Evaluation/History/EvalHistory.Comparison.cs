namespace AgentFlow.Evaluation;

/// <summary>Comparing saved runs.</summary>
public sealed partial class EvalHistory
{
    /// <summary>Compares two saved runs case by case (see <see cref="EvalComparison.Compare"/>); the comparison carries their ids.</summary>
    /// <param name="baselineRunId">The id of the run to compare against.</param>
    /// <param name="candidateRunId">The id of the run to judge.</param>
    /// <param name="options">How cases are paired and the significance level; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the loading.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="EvalHistoryException">A run is not in the history, or cannot be read.</exception>
    /// <exception cref="EvalComparisonException">The runs are on different datasets and <see cref="EvalComparisonOptions.CompareCommonCases"/> is off, or share no case.</exception>
    public async Task<EvalComparison> CompareAsync(long baselineRunId, long candidateRunId, EvalComparisonOptions? options = null, CancellationToken cancellationToken = default)
    {
        var baseline = await LoadAsync(baselineRunId, cancellationToken).ConfigureAwait(false);
        var candidate = await LoadAsync(candidateRunId, cancellationToken).ConfigureAwait(false);
        return ComparisonBuilder.Compare(baseline, baselineRunId, candidate, candidateRunId, options ?? new EvalComparisonOptions());
    }

    /// <summary>
    /// Compares a report with the latest saved run that started before it: by default, of the same task on the same
    /// dataset (the same <see cref="EvalReport.DatasetHash"/>), whatever its prompts, models or labels. Whether the report
    /// itself was saved already makes no difference.
    /// </summary>
    /// <param name="candidate">The report to judge, such as the evaluation just run.</param>
    /// <param name="baselineFilter">
    /// Which saved runs may be the baseline, such as those labelled <c>branch</c> = <c>main</c>; by default those of the
    /// candidate's task and dataset. Only runs that started before the candidate are considered, unless the filter sets
    /// its own <see cref="EvalRunFilter.Before"/>.
    /// </param>
    /// <param name="options">How cases are paired and the significance level; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The comparison, or <see langword="null"/> when no saved run matches (the first run of a task).</returns>
    /// <exception cref="EvalHistoryException">The file is not an eval history, or the baseline cannot be read.</exception>
    /// <exception cref="EvalComparisonException">The baseline found is on different cases and <see cref="EvalComparisonOptions.CompareCommonCases"/> is off, or shares no case.</exception>
    public async Task<EvalComparison?> CompareWithLatestAsync(EvalReport candidate, EvalRunFilter? baselineFilter = null, EvalComparisonOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var filter = baselineFilter ?? new EvalRunFilter { TaskName = candidate.TaskName, DatasetHash = candidate.DatasetHash };
        var latest = await LatestAsync(filter with { Before = filter.Before ?? candidate.StartedAt }, cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            return null;
        }

        var baseline = await LoadAsync(latest.RunId, cancellationToken).ConfigureAwait(false);
        return ComparisonBuilder.Compare(baseline, latest.RunId, candidate, null, options ?? new EvalComparisonOptions());
    }
}
