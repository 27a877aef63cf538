using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace AgentFlow.Evaluation;

/// <summary>Listing and loading runs.</summary>
public sealed partial class EvalHistory
{
    /// <summary>Lists the saved runs that match a filter, the latest first (by <see cref="EvalReport.StartedAt"/>, then by id).</summary>
    /// <param name="filter">Which runs; all of them when null.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The runs, without their cases.</returns>
    /// <exception cref="EvalHistoryException">The file is not an eval history, is of a newer version, or a run cannot be read.</exception>
    public async Task<IReadOnlyList<EvalRunInfo>> ListRunsAsync(EvalRunFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new EvalRunFilter();
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT r.run_id, r.saved_at, r.report FROM eval_runs r WHERE 1 = 1");
        void Where(string condition, string name, object value)
        {
            sql.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }

        if (filter.TaskName is { } task)
        {
            Where("r.task_name = $task", "$task", task);
        }

        if (filter.Name is { } name)
        {
            Where("r.name = $name", "$name", name);
        }

        if (filter.DatasetHash is { } hash)
        {
            Where("r.dataset_hash = $datasetHash", "$datasetHash", hash);
        }

        if (filter.Since is { } since)
        {
            Where("r.started_at >= $since", "$since", HistorySchema.Timestamp(since));
        }

        if (filter.Before is { } before)
        {
            Where("r.started_at < $before", "$before", HistorySchema.Timestamp(before));
        }

        if (filter.PromptName is not null || filter.PromptVersion is not null || filter.PromptHash is not null)
        {
            // The prompt's conditions hold for one and the same prompt of the task.
            sql.Append(" AND EXISTS (SELECT 1 FROM eval_run_prompts p WHERE p.run_id = r.run_id AND p.role = 'task'");
            if (filter.PromptName is { } promptName)
            {
                sql.Append(" AND p.name = $promptName");
                command.Parameters.AddWithValue("$promptName", promptName);
            }

            if (filter.PromptVersion is { } promptVersion)
            {
                sql.Append(" AND p.version = $promptVersion");
                command.Parameters.AddWithValue("$promptVersion", promptVersion);
            }

            if (filter.PromptHash is { } promptHash)
            {
                sql.Append(" AND p.content_hash = $promptHash");
                command.Parameters.AddWithValue("$promptHash", promptHash);
            }

            sql.Append(')');
        }

        if (filter.Model is { } model)
        {
            Where("EXISTS (SELECT 1 FROM eval_run_models m WHERE m.run_id = r.run_id AND m.role = 'task' AND m.model_id = $model)", "$model", model);
        }

        var labelIndex = 0;
        foreach (var (key, value) in filter.Labels ?? ReadOnlyDictionary<string, string>.Empty)
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND EXISTS (SELECT 1 FROM eval_run_labels l WHERE l.run_id = r.run_id AND l.key = $labelKey{labelIndex} AND l.value = $labelValue{labelIndex})");
            command.Parameters.AddWithValue($"$labelKey{labelIndex}", key);
            command.Parameters.AddWithValue($"$labelValue{labelIndex}", value);
            labelIndex++;
        }

        sql.Append(" ORDER BY r.started_at DESC, r.run_id DESC");
        if (filter.Limit is { } limit)
        {
            sql.Append(" LIMIT $limit");
            command.Parameters.AddWithValue("$limit", limit);
        }

        command.CommandText = sql.ToString();
        List<EvalRunInfo> runs = [];
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var runId = reader.GetInt64(0);
            var report = ReadHeader(runId, reader.GetString(2));
            runs.Add(new EvalRunInfo
            {
                RunId = runId,
                SavedAt = HistorySchema.ParseTimestamp(reader.GetString(1)),
                Name = report.Name,
                TaskName = report.TaskName,
                Scorer = report.Scorer,
                DatasetName = report.DatasetName,
                DatasetHash = report.DatasetHash,
                Labels = report.Labels,
                StartedAt = report.StartedAt,
                Duration = report.Duration,
                Prompts = report.Prompts,
                Models = report.Models,
                Summary = report.Summary,
            });
        }

        return runs;
    }

    /// <summary>Gets the latest saved run that matches a filter (by <see cref="EvalReport.StartedAt"/>, then by id).</summary>
    /// <param name="filter">Which runs, such as those of a task on a dataset; all of them when null.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The run, or <see langword="null"/> when none matches.</returns>
    /// <exception cref="EvalHistoryException">The file is not an eval history, is of a newer version, or the run cannot be read.</exception>
    public async Task<EvalRunInfo?> LatestAsync(EvalRunFilter? filter = null, CancellationToken cancellationToken = default)
        => (await ListRunsAsync((filter ?? new EvalRunFilter()) with { Limit = 1 }, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>
    /// Loads a saved run as the report it was: what identifies it, its summaries and every case's result, with the
    /// inputs, expected outputs, outputs, scores and errors. What was not saved is missing: the cases' run records
    /// (<see cref="CaseResult.Run"/> is <see langword="null"/>) and the scorer's model calls (<see cref="Score.ModelCalls"/>
    /// is empty; their tokens and cost are in the case's numbers).
    /// </summary>
    /// <param name="runId">The run's id, from <see cref="SaveAsync"/> or <see cref="ListRunsAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The report.</returns>
    /// <exception cref="EvalHistoryException">There is no such run, the file is not an eval history or is of a newer version, or the run cannot be read.</exception>
    public async Task<EvalReport> LoadAsync(long runId, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // One read transaction, so that a run deleted meanwhile is never seen without its cases.
        using var transaction = connection.BeginTransaction(deferred: true);
        string header;
        using (var command = Command(connection, transaction, "SELECT report FROM eval_runs WHERE run_id = $run"))
        {
            command.Parameters.AddWithValue("$run", runId);
            header = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string
                     ?? throw new EvalHistoryException(FilePath, $"The eval history '{FilePath}' has no run {runId}: it was never saved there, or was deleted. ListRunsAsync lists the runs it has.");
        }

        var report = ReadHeader(runId, header);
        List<CaseResult> cases = [];
        using (var command = Command(connection, transaction, "SELECT case_id, has_actual, result FROM eval_cases WHERE run_id = $run ORDER BY ordinal"))
        {
            command.Parameters.AddWithValue("$run", runId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var result = Read<CaseResult>(runId, reader.GetString(2), $"case '{reader.GetString(0)}'");
                if (reader.GetBoolean(1) && result.Actual is null)
                {
                    // The output was JSON null, which reads back as no output.
                    result = result with { Actual = JsonSerializer.SerializeToElement<object?>(null) };
                }

                cases.Add(result);
            }
        }

        return report with { Cases = cases };
    }

    private EvalReport ReadHeader(long runId, string json)
    {
        var report = Read<EvalReport>(runId, json, "report");
        return report with
        {
            Labels = new ReadOnlyDictionary<string, string>(new SortedDictionary<string, string>(report.Labels.ToDictionary(), StringComparer.Ordinal)),
            ByTag = new ReadOnlyDictionary<string, EvalSummary>(new SortedDictionary<string, EvalSummary>(report.ByTag.ToDictionary(), StringComparer.Ordinal)),
        };
    }

    private T Read<T>(long runId, string json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, HistoryJson.Options) ?? throw new JsonException($"The stored {what} is null.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException)
        {
            throw new EvalHistoryException(FilePath, $"Run {runId} of the eval history '{FilePath}' cannot be read: its {what} is not valid ({ex.Message}). Delete the run, or restore the file.", ex);
        }
    }
}
