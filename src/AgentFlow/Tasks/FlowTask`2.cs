using System.Runtime.CompilerServices;

namespace AgentFlow;

/// <summary>
/// A typed unit of work, <typeparamref name="TIn"/> to <typeparamref name="TOut"/>, with a stable name:
/// a code task, a service task, or any composed flow. Every task can be run on its own.
/// </summary>
/// <typeparam name="TIn">The type of the task's input.</typeparam>
/// <typeparam name="TOut">The type of the task's output.</typeparam>
/// <remarks>
/// Create tasks with <see cref="FlowTask"/> and compose them with <see cref="Flow"/>. Instances are immutable and
/// thread-safe; one task may run in many concurrent runs.
/// </remarks>
public abstract class FlowTask<TIn, TOut> : FlowNode
{
    private protected FlowTask(string name, NodeKind kind)
        : base(name, kind)
    {
    }

    /// <summary>Runs this task (and everything below it) once, with default options.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Cancels the run; the resulting <see cref="OperationCanceledException"/> is not wrapped.</param>
    /// <returns>The output and the run record.</returns>
    /// <exception cref="FlowRunException">A node failed; the exception names its path and carries the run record.</exception>
    public Task<FlowResult<TOut>> RunAsync(TIn input, CancellationToken cancellationToken = default)
        => FlowEngine.RunAsync(this, input, options: null, events: null, cancellationToken);

    /// <summary>Runs this task (and everything below it) once.</summary>
    /// <param name="input">The input.</param>
    /// <param name="options">The run's options: chat client, services, what to record; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the run; the resulting <see cref="OperationCanceledException"/> is not wrapped.</param>
    /// <returns>The output and the run record.</returns>
    /// <exception cref="FlowRunException">A node failed; the exception names its path and carries the run record.</exception>
    public Task<FlowResult<TOut>> RunAsync(TIn input, RunOptions? options, CancellationToken cancellationToken = default)
        => FlowEngine.RunAsync(this, input, options, events: null, cancellationToken);

    /// <summary>
    /// Runs this task once and streams its events while it runs: run and node started, completed and failed, routes
    /// chosen, loops finished. The last event is a <see cref="RunCompletedEvent"/>, a <see cref="RunFailedEvent"/> or a
    /// <see cref="RunCancelledEvent"/>; after a failure the enumeration throws the run's error, and after a cancellation
    /// an <see cref="OperationCanceledException"/>, so neither is silent.
    /// </summary>
    /// <param name="input">The input.</param>
    /// <param name="options">The run's options; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the run. Leaving the enumeration early cancels it as well.</param>
    /// <returns>The run's events, in the order they happened.</returns>
    public IAsyncEnumerable<RunEvent> StreamAsync(TIn input, RunOptions? options = null, CancellationToken cancellationToken = default)
        => FlowEngine.StreamAsync(this, input, options, cancellationToken);

    /// <summary>Runs this node inside a run: observation, cancellation, then the node's own work.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ValueTask<TOut> ExecuteAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TOut>(cancellationToken);
        }

        return run.Observed
            ? ExecuteObservedAsync(input, parent, run, cancellationToken)
            : ExecuteCoreAsync(input, parent, run, cancellationToken);
    }

    /// <summary>The node's own work. Leaves wrap their failures in <see cref="FlowTaskException"/>; containers let them through.</summary>
    private protected abstract ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken);

    private async ValueTask<TOut> ExecuteObservedAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        var started = run.NodeStarted(this, parent);
        try
        {
            var output = await ExecuteCoreAsync(input, parent, run, cancellationToken).ConfigureAwait(false);
            run.NodeEnded(started, NodeStatus.Succeeded, error: null);
            return output;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            run.NodeEnded(started, NodeStatus.Cancelled, error: null);
            throw;
        }
        catch (Exception ex)
        {
            run.NodeEnded(started, NodeStatus.Failed, ex);
            throw;
        }
    }
}
