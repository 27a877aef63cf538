using System.Runtime.ExceptionServices;

namespace AgentFlow;

/// <summary>Runs indexed units concurrently with a bound, fail-fast or settle-all: the join logic of parallels and maps.</summary>
internal static class Concurrency
{
    /// <summary>Runs <paramref name="count"/> units, at most <paramref name="maxParallel"/> at once.</summary>
    /// <remarks>
    /// One worker runs on the calling thread and the others on the thread pool, so units run concurrently even when
    /// their code is synchronous; each worker takes the next unit in index order, so which worker runs which unit,
    /// and the exact order in which units start, are not fixed. Units never started because a
    /// failure or the run's cancellation stopped the others are reported to <paramref name="skipped"/>. The run's own
    /// cancellation wins over branch failures and surfaces unwrapped.
    /// </remarks>
    public static async ValueTask RunAllAsync(
        int count,
        int maxParallel,
        ParallelFailureMode mode,
        Func<int, CancellationToken, ValueTask> unit,
        Func<string> nodePath,
        Action<int>? skipped,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var gate = new Lock();
        List<(int Index, FlowRunException Error)>? failures = null;
        var next = -1;

        async Task WorkAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= count)
                {
                    return;
                }

                try
                {
                    await unit(index, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Cancelled by the run or by a failing sibling; both are reported below.
                }
                catch (Exception ex)
                {
                    // Nodes fail with FlowRunException; anything else escaped a node's own handling and still fails
                    // this parallel with its path rather than skipping the siblings' cancellation.
                    var failure = ex as FlowRunException ?? new FlowTaskException(nodePath(), ex);
                    lock (gate)
                    {
                        (failures ??= []).Add((index, failure));
                    }

                    if (mode == ParallelFailureMode.FailFast)
                    {
                        await stop.CancelAsync().ConfigureAwait(false);
                    }
                }
            }
        }

        // The thread-pool workers are started first, so that a unit that blocks on the calling thread cannot hold
        // back the others.
        var workers = new Task[Math.Min(count, maxParallel)];
        for (var i = 1; i < workers.Length; i++)
        {
            workers[i] = Task.Run(WorkAsync, CancellationToken.None);
        }

        if (workers.Length > 0)
        {
            workers[0] = WorkAsync();
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        if (skipped is not null)
        {
            // A unit not started is finished, not pending: it is reported as cancelled before it started.
            for (var index = Math.Max(Volatile.Read(ref next) + 1, 0); index < count; index++)
            {
                skipped(index);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (failures is null)
        {
            return;
        }

        if (mode == ParallelFailureMode.FailFast)
        {
            ExceptionDispatchInfo.Throw(failures[0].Error);
        }

        throw new ParallelBranchesException(nodePath(), [.. failures.OrderBy(f => f.Index).Select(f => f.Error)]);
    }
}
