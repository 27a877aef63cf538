using System.Runtime.ExceptionServices;

namespace AgentFlow;

/// <summary>Runs indexed units concurrently with a bound, fail-fast or settle-all: the join logic of parallels and maps.</summary>
internal static class Concurrency
{
    /// <summary>Runs <paramref name="count"/> units, at most <paramref name="maxParallel"/> at once.</summary>
    /// <remarks>
    /// Units start in index order on the calling thread and overlap from their first await. The run's own cancellation
    /// wins over branch failures and surfaces unwrapped.
    /// </remarks>
    public static async ValueTask RunAllAsync(
        int count,
        int maxParallel,
        ParallelFailureMode mode,
        Func<int, CancellationToken, ValueTask> unit,
        Func<string> nodePath,
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

        var workers = new Task[Math.Min(count, maxParallel)];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = WorkAsync();
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
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
