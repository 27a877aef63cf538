using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AgentFlow.Evaluation;

/// <summary>
/// The history file's tables, and the migrations that make them: <c>eval_schema</c> holds one row per migration
/// applied, so a file says which version it is. A file of a newer version is refused rather than misread.
/// </summary>
internal static class HistorySchema
{
    /// <summary>The version this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The table that holds the versions applied; its presence marks a file as an eval history.</summary>
    public const string VersionTable = "eval_schema";

    /// <summary>Migration <c>i</c> takes a file from version <c>i</c> to <c>i + 1</c>; version 0 is an empty file.</summary>
    private static readonly string[][] Migrations =
    [
        [
            """
            CREATE TABLE eval_schema (
                version    INTEGER PRIMARY KEY,
                applied_at TEXT NOT NULL
            )
            """,

            // One row per saved report. started_at and saved_at are UTC, written as yyyy-MM-ddTHH:mm:ss.fffffffZ so
            // that text order is time order. report is the report as JSON without its cases.
            """
            CREATE TABLE eval_runs (
                run_id       INTEGER PRIMARY KEY AUTOINCREMENT,
                name         TEXT NOT NULL,
                task_name    TEXT NOT NULL,
                scorer       TEXT NOT NULL,
                dataset_name TEXT NOT NULL,
                dataset_hash TEXT NOT NULL,
                started_at   TEXT NOT NULL,
                saved_at     TEXT NOT NULL,
                cases        INTEGER NOT NULL,
                passed       INTEGER NOT NULL,
                errors       INTEGER NOT NULL,
                accuracy     REAL NOT NULL,
                report       TEXT NOT NULL
            )
            """,
            "CREATE INDEX eval_runs_by_task ON eval_runs (task_name, started_at)",
            "CREATE INDEX eval_runs_by_dataset ON eval_runs (dataset_hash, started_at)",
            """
            CREATE TABLE eval_run_labels (
                run_id INTEGER NOT NULL REFERENCES eval_runs (run_id) ON DELETE CASCADE,
                key    TEXT NOT NULL,
                value  TEXT NOT NULL,
                PRIMARY KEY (run_id, key)
            ) WITHOUT ROWID
            """,
            "CREATE INDEX eval_run_labels_by_key ON eval_run_labels (key, value)",

            // role is 'task' for the task's model calls, 'scorer' for the scorer's (an LLM judge's).
            """
            CREATE TABLE eval_run_prompts (
                run_id        INTEGER NOT NULL REFERENCES eval_runs (run_id) ON DELETE CASCADE,
                role          TEXT NOT NULL,
                ordinal       INTEGER NOT NULL,
                name          TEXT NOT NULL,
                version       TEXT,
                content_hash  TEXT,
                examples_hash TEXT,
                PRIMARY KEY (run_id, role, ordinal)
            ) WITHOUT ROWID
            """,
            "CREATE INDEX eval_run_prompts_by_name ON eval_run_prompts (name, version)",
            """
            CREATE TABLE eval_run_models (
                run_id   INTEGER NOT NULL REFERENCES eval_runs (run_id) ON DELETE CASCADE,
                role     TEXT NOT NULL,
                model_id TEXT NOT NULL,
                PRIMARY KEY (run_id, role, model_id)
            ) WITHOUT ROWID
            """,
            "CREATE INDEX eval_run_models_by_model ON eval_run_models (model_id)",

            // One row per case, in the set's order. result is the case's result as JSON; has_actual tells an output
            // that was JSON null from a run that gave none.
            """
            CREATE TABLE eval_cases (
                run_id     INTEGER NOT NULL REFERENCES eval_runs (run_id) ON DELETE CASCADE,
                ordinal    INTEGER NOT NULL,
                case_id    TEXT NOT NULL,
                outcome    TEXT NOT NULL,
                has_actual INTEGER NOT NULL,
                result     TEXT NOT NULL,
                PRIMARY KEY (run_id, ordinal)
            ) WITHOUT ROWID
            """,
        ],
    ];

    /// <summary>Creates the tables in an empty file, brings an older file up to date, and refuses a file it cannot read.</summary>
    public static void Ensure(SqliteConnection connection, string path, TimeProvider time)
    {
        if (ReadVersion(connection, path) == CurrentVersion)
        {
            return;
        }

        // Both settings must come before the first table exists and outside a transaction: freed pages are given back
        // to the file system after deletes (see PRAGMA incremental_vacuum), and readers never block the writer.
        Execute(connection, null, "PRAGMA auto_vacuum = INCREMENTAL");
        Execute(connection, null, "PRAGMA journal_mode = WAL");

        // Another connection may be creating or migrating the file at the same moment: the write lock is taken first,
        // then the version read again.
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = ReadVersion(connection, path) ?? 0;
        var appliedAt = Timestamp(time.GetUtcNow());
        for (var next = version; next < CurrentVersion; next++)
        {
            foreach (var statement in Migrations[next])
            {
                Execute(connection, transaction, statement);
            }

            using var applied = connection.CreateCommand();
            applied.Transaction = transaction;
            applied.CommandText = "INSERT INTO eval_schema (version, applied_at) VALUES ($version, $appliedAt)";
            applied.Parameters.AddWithValue("$version", next + 1);
            applied.Parameters.AddWithValue("$appliedAt", appliedAt);
            applied.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Writes a time as UTC text whose order is time order.</summary>
    public static string Timestamp(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads a time written by <see cref="Timestamp"/>.</summary>
    public static DateTimeOffset ParseTimestamp(string text)
        => new(DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    public static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The file's version: null for an empty file; refuses a newer version and another application's database.</summary>
    private static int? ReadVersion(SqliteConnection connection, string path)
    {
        List<string> tables = [];
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (!tables.Contains(VersionTable, StringComparer.Ordinal))
        {
            if (tables.Count == 0)
            {
                return null;
            }

            throw new EvalHistoryException(
                path,
                $"The file '{path}' is a SQLite database but not an AgentFlow eval history: it has no '{VersionTable}' table, and has "
                + $"other tables ({string.Join(", ", tables.Take(5))}{(tables.Count > 5 ? ", ..." : string.Empty)}). Give EvalHistory a file of its own.");
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT max(version) FROM eval_schema";
            var version = command.ExecuteScalar() is long found ? (int)found : 0;
            if (version > CurrentVersion)
            {
                throw new EvalHistoryException(
                    path,
                    $"The eval history '{path}' has schema version {version}, written by a newer AgentFlow.Evaluation; this one reads "
                    + $"version {CurrentVersion} and will not change the file. Upgrade AgentFlow.Evaluation, or use another file.");
            }

            if (version < 1)
            {
                throw new EvalHistoryException(path, $"The eval history '{path}' has an empty '{VersionTable}' table, so its version is unknown. Use another file.");
            }

            return version;
        }
    }
}
