using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace AgentFlow.Evaluation;

/// <summary>
/// A history of evaluation runs in an embedded SQLite file: each saved <see cref="EvalReport"/> keyed by its task,
/// prompt versions (with their hashes), model ids, dataset hash and labels, to list, load, compare and prune later.
/// </summary>
/// <remarks>
/// <para>
/// The file and its tables are created on first use. Each call opens its own connection and closes it before
/// returning, so no file handle is held between calls. The file is in write-ahead-log mode and every write is one
/// transaction that takes the write lock at once, so several threads or processes may save into the same file: a
/// writer waits for another up to <see cref="EvalHistoryOptions.BusyTimeout"/>, and readers never wait.
/// </para>
/// <para>Instances are thread-safe. Every value reaches SQL as a parameter.</para>
/// </remarks>
public sealed partial class EvalHistory
{
    private readonly string _connectionString;
    private volatile bool _schemaReady;

    /// <summary>Initializes a new instance of the <see cref="EvalHistory"/> class over a file, created on first use with its folder.</summary>
    /// <param name="path">The SQLite file, such as <c>evals/history.db</c>; a relative path is from the current directory.</param>
    /// <param name="options">How runs are kept and how long a writer waits for another; defaults when null.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or white space.</exception>
    public EvalHistory(string path, EvalHistoryOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = System.IO.Path.GetFullPath(path);
        Options = options ?? new EvalHistoryOptions();
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = false,
        }.ToString();
    }

    /// <summary>Gets the full path of the history's file.</summary>
    public string FilePath { get; }

    /// <summary>Gets the options the history was made with.</summary>
    public EvalHistoryOptions Options { get; }

    /// <summary>
    /// Saves a report: what identifies it, its summaries and every case's result (as the JSON snapshots the report
    /// holds). The run records of the cases (<see cref="CaseResult.Run"/>) are not saved. With
    /// <see cref="EvalHistoryOptions.MaxRunsPerTask"/> set, older runs of the same task beyond that number are deleted
    /// in the same transaction.
    /// </summary>
    /// <param name="report">The report to save.</param>
    /// <param name="cancellationToken">Cancels the save before it commits.</param>
    /// <returns>The run's id, for <see cref="LoadAsync"/>, <see cref="DeleteAsync"/> and <see cref="CompareAsync"/>.</returns>
    /// <exception cref="EvalHistoryException">The file is not an eval history, or is of a newer version.</exception>
    public async Task<long> SaveAsync(EvalReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var header = JsonSerializer.Serialize(report with { Cases = [] }, HistoryJson.Options);
        var cases = report.Cases.Select(c => (c.Id, Outcome: c.Outcome.ToString(), HasActual: c.Actual is not null, Json: JsonSerializer.Serialize(c, HistoryJson.Options))).ToList();
        var keep = Options.MaxRunsPerTask;
        var savedAt = HistorySchema.Timestamp(Options.TimeProvider.GetUtcNow());

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        long runId;
        var pruned = 0;
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            using (var insert = Command(connection, transaction, """
                INSERT INTO eval_runs (name, task_name, scorer, dataset_name, dataset_hash, started_at, saved_at, cases, passed, errors, accuracy, report)
                VALUES ($name, $task, $scorer, $datasetName, $datasetHash, $startedAt, $savedAt, $cases, $passed, $errors, $accuracy, $report)
                RETURNING run_id
                """))
            {
                insert.Parameters.AddWithValue("$name", report.Name);
                insert.Parameters.AddWithValue("$task", report.TaskName);
                insert.Parameters.AddWithValue("$scorer", report.Scorer);
                insert.Parameters.AddWithValue("$datasetName", report.DatasetName);
                insert.Parameters.AddWithValue("$datasetHash", report.DatasetHash);
                insert.Parameters.AddWithValue("$startedAt", HistorySchema.Timestamp(report.StartedAt));
                insert.Parameters.AddWithValue("$savedAt", savedAt);
                insert.Parameters.AddWithValue("$cases", report.Summary.Cases);
                insert.Parameters.AddWithValue("$passed", report.Summary.Passed);
                insert.Parameters.AddWithValue("$errors", report.Summary.Errors);
                insert.Parameters.AddWithValue("$accuracy", report.Summary.Accuracy);
                insert.Parameters.AddWithValue("$report", header);
                runId = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            await InsertKeysAsync(connection, transaction, runId, report, cancellationToken).ConfigureAwait(false);
            using (var insert = Command(connection, transaction, """
                INSERT INTO eval_cases (run_id, ordinal, case_id, outcome, has_actual, result)
                VALUES ($run, $ordinal, $id, $outcome, $hasActual, $result)
                """))
            {
                var run = insert.Parameters.AddWithValue("$run", runId);
                var ordinal = insert.Parameters.Add("$ordinal", SqliteType.Integer);
                var id = insert.Parameters.Add("$id", SqliteType.Text);
                var outcome = insert.Parameters.Add("$outcome", SqliteType.Text);
                var hasActual = insert.Parameters.Add("$hasActual", SqliteType.Integer);
                var result = insert.Parameters.Add("$result", SqliteType.Text);
                for (var i = 0; i < cases.Count; i++)
                {
                    (ordinal.Value, id.Value, outcome.Value, hasActual.Value, result.Value) = (i, cases[i].Id, cases[i].Outcome, cases[i].HasActual ? 1 : 0, cases[i].Json);
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            if (keep is { } limit)
            {
                pruned = await DeleteBeyondAsync(connection, transaction, limit, report.TaskName, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
        }

        if (pruned > 0)
        {
            HistorySchema.Execute(connection, null, "PRAGMA incremental_vacuum");
        }

        return runId;
    }

    private static async Task InsertKeysAsync(SqliteConnection connection, SqliteTransaction transaction, long runId, EvalReport report, CancellationToken cancellationToken)
    {
        using (var insert = Command(connection, transaction, "INSERT INTO eval_run_labels (run_id, key, value) VALUES ($run, $key, $value)"))
        {
            insert.Parameters.AddWithValue("$run", runId);
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var value = insert.Parameters.Add("$value", SqliteType.Text);
            foreach (var label in report.Labels)
            {
                (key.Value, value.Value) = (label.Key, label.Value);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        using (var insert = Command(connection, transaction, """
            INSERT INTO eval_run_prompts (run_id, role, ordinal, name, version, content_hash, examples_hash)
            VALUES ($run, $role, $ordinal, $name, $version, $hash, $examples)
            """))
        {
            insert.Parameters.AddWithValue("$run", runId);
            var role = insert.Parameters.Add("$role", SqliteType.Text);
            var ordinal = insert.Parameters.Add("$ordinal", SqliteType.Integer);
            var name = insert.Parameters.Add("$name", SqliteType.Text);
            var version = insert.Parameters.Add("$version", SqliteType.Text);
            var hash = insert.Parameters.Add("$hash", SqliteType.Text);
            var examples = insert.Parameters.Add("$examples", SqliteType.Text);
            foreach (var (prompts, roleName) in new[] { (report.Prompts, TaskRole), (report.ScoringPrompts, ScorerRole) })
            {
                for (var i = 0; i < prompts.Count; i++)
                {
                    var prompt = prompts[i];
                    (role.Value, ordinal.Value, name.Value) = (roleName, i, prompt.Name);
                    (version.Value, hash.Value, examples.Value) = (prompt.Version ?? (object)DBNull.Value, prompt.ContentHash ?? (object)DBNull.Value, prompt.ExamplesHash ?? (object)DBNull.Value);
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        using (var insert = Command(connection, transaction, "INSERT OR IGNORE INTO eval_run_models (run_id, role, model_id) VALUES ($run, $role, $model)"))
        {
            insert.Parameters.AddWithValue("$run", runId);
            var role = insert.Parameters.Add("$role", SqliteType.Text);
            var model = insert.Parameters.Add("$model", SqliteType.Text);
            foreach (var (models, roleName) in new[] { (report.Models, TaskRole), (report.ScoringModels, ScorerRole) })
            {
                foreach (var id in models)
                {
                    (role.Value, model.Value) = (roleName, id);
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private const string TaskRole = "task";
    private const string ScorerRole = "scorer";

    /// <summary>Opens a connection, waiting for other writers up to the busy timeout, with the file's tables in place.</summary>
    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(_connectionString) { DefaultTimeout = (int)Math.Ceiling(Options.BusyTimeout.TotalSeconds) };
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // A PRAGMA takes no parameters; the number comes from the validated option, never from data.
            HistorySchema.Execute(connection, null, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)Options.BusyTimeout.TotalMilliseconds}"));
            if (!_schemaReady)
            {
                HistorySchema.Ensure(connection, FilePath, Options.TimeProvider);
                _schemaReady = true;
            }

            return connection;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteNotADatabase)
        {
            connection.Dispose();
            throw new EvalHistoryException(FilePath, $"The file '{FilePath}' is not a SQLite database, so not an eval history. Give EvalHistory a new path, or the path of a history file.", ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteCannotOpen)
        {
            connection.Dispose();
            throw new EvalHistoryException(FilePath, $"The eval history '{FilePath}' cannot be opened ({ex.Message}). Check that the path names a file, not a folder, in a folder that can be written.", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>SQLITE_NOTADB: the file is not a database.</summary>
    private const int SqliteNotADatabase = 26;

    /// <summary>SQLITE_CANTOPEN: the file cannot be opened or created.</summary>
    private const int SqliteCannotOpen = 14;

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
