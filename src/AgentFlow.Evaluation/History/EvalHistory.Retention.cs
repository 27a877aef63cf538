using Microsoft.Data.Sqlite;

namespace AgentFlow.Evaluation;

/// <summary>Deleting runs, so the file does not grow forever.</summary>
public sealed partial class EvalHistory
{
    /// <summary>Deletes a run and its cases. Its id is not given to another run.</summary>
    /// <param name="runId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the delete before it commits.</param>
    /// <returns><see langword="true"/> when the run was there and is deleted; <see langword="false"/> when there was no such run.</returns>
    /// <exception cref="EvalHistoryException">The file is not an eval history, or is of a newer version.</exception>
    public async Task<bool> DeleteAsync(long runId, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        int deleted;
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            using var command = Command(connection, transaction, "DELETE FROM eval_runs WHERE run_id = $run");
            command.Parameters.AddWithValue("$run", runId);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
        }

        if (deleted > 0)
        {
            HistorySchema.Execute(connection, null, "PRAGMA incremental_vacuum");
        }

        return deleted > 0;
    }

    /// <summary>
    /// Keeps the <paramref name="keepPerTask"/> most recently saved runs of each task and deletes the others, with their
    /// cases; the freed space goes back to the file system.
    /// </summary>
    /// <param name="keepPerTask">How many runs of each task to keep, 1 or more.</param>
    /// <param name="cancellationToken">Cancels the delete before it commits.</param>
    /// <returns>How many runs were deleted.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="keepPerTask"/> is zero or negative.</exception>
    /// <exception cref="EvalHistoryException">The file is not an eval history, or is of a newer version.</exception>
    public async Task<int> PruneAsync(int keepPerTask, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keepPerTask, 1);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        int deleted;
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            deleted = await DeleteBeyondAsync(connection, transaction, keepPerTask, null, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
        }

        if (deleted > 0)
        {
            HistorySchema.Execute(connection, null, "PRAGMA incremental_vacuum");
        }

        return deleted;
    }

    /// <summary>Deletes the runs of one task (or of every task) beyond the most recently saved <paramref name="keep"/>.</summary>
    private static async Task<int> DeleteBeyondAsync(SqliteConnection connection, SqliteTransaction transaction, int keep, string? taskName, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, """
            DELETE FROM eval_runs WHERE run_id IN (
                SELECT run_id FROM (
                    SELECT run_id, row_number() OVER (PARTITION BY task_name ORDER BY run_id DESC) AS newest
                    FROM eval_runs
                    WHERE $task IS NULL OR task_name = $task)
                WHERE newest > $keep)
            """);
        command.Parameters.AddWithValue("$task", taskName ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("$keep", keep);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
