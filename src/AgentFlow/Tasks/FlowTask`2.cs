using System.Diagnostics;
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

    /// <summary>
    /// Runs this task through a Polly <paramref name="pipeline"/>: retries, timeouts, a circuit breaker, or whatever it
    /// holds. Each attempt is this task, at its own path, with its own node record. For a leaf task the pipeline sees
    /// what the task's code threw (an <see cref="HttpRequestException"/>, say), not AgentFlow's
    /// <see cref="FlowTaskException"/>; for a flow it sees the typed error of the node inside that failed.
    /// </summary>
    /// <param name="pipeline">The pipeline. Build it with the run's clock (<c>ResiliencePipelineBuilder.TimeProvider</c>) where tests move time.</param>
    /// <returns>A task with the same name, kind, input and output.</returns>
    /// <remarks>
    /// Retrying re-runs the task's side effects: use it on tasks that are safe to repeat. A failure the pipeline gives
    /// up on fails the node as before; one the pipeline raises itself (a <c>TimeoutRejectedException</c>, an open
    /// circuit) fails it with a <see cref="FlowTaskException"/> naming its path. Model calls have their own pipeline
    /// (<see cref="ModelResilienceOptions"/>); this one is for the task as a whole.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="pipeline"/> is null.</exception>
    public FlowTask<TIn, TOut> WithResilience(Polly.ResiliencePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new ResilientTask<TIn, TOut>(this, pipeline);
    }

    /// <summary>Gets a value indicating whether this node adds no record of its own: it runs another node in its place (a resilience wrapper).</summary>
    private protected virtual bool Transparent => false;

    /// <summary>Gets a value indicating whether this node wraps what its own code throws in a <see cref="FlowTaskException"/> (leaves do; containers let their children's typed errors through).</summary>
    private protected virtual bool WrapsFailures => false;

    /// <summary>
    /// Runs this node inside a run: cancellation check, observation (timeline, events, debug logs) when switched on,
    /// the node's own work, and the wrapping of a leaf's failure with its path. A node that completes synchronously
    /// costs no allocation here; one that awaits costs one state machine, whatever is switched on.
    /// </summary>
    internal ValueTask<TOut> ExecuteAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        var observed = run.Observed;
        if (cancellationToken.IsCancellationRequested)
        {
            if (observed)
            {
                run.NodeCancelledBeforeStart(this, parent);
            }

            return ValueTask.FromCanceled<TOut>(cancellationToken);
        }

        if ((!observed && !WrapsFailures) || Transparent)
        {
            return ExecuteCoreAsync(input, parent, run, cancellationToken);
        }

        var caller = run.Tracing ? Activity.Current : null;
        var started = observed ? run.NodeStarted(this, parent) : default;
        ValueTask<TOut> pending;
        try
        {
            pending = ExecuteCoreAsync(input, parent, run, cancellationToken);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<TOut>(Failed(ex, parent, run, observed, started, cancellationToken));
        }
        finally
        {
            // The node's span is current while its work starts, so what it calls nests under it; this method is not
            // async, so the caller's current span is put back by hand before returning to it.
            if (started.Activity is not null)
            {
                Activity.Current = caller;
            }
        }

        if (!pending.IsCompletedSuccessfully)
        {
            return AwaitAsync(pending, parent, run, observed, started, cancellationToken);
        }

        if (observed)
        {
            if (run.RecordOutputs)
            {
                // Reading the result consumes a pooled ValueTask: hand the caller the value, never the consumed task.
                var output = pending.Result;
                run.NodeOutput(started, output);
                run.NodeEnded(this, parent, started, NodeStatus.Succeeded, error: null);
                return new ValueTask<TOut>(output);
            }

            run.NodeEnded(this, parent, started, NodeStatus.Succeeded, error: null);
        }

        return pending;
    }

    /// <summary>The node's own work. Failures of a leaf's code are wrapped by <see cref="ExecuteAsync"/>, not here.</summary>
    private protected abstract ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TOut> AwaitAsync(
        ValueTask<TOut> pending, NodeFrame? parent, RunContext run, bool observed, StartedNode started, CancellationToken cancellationToken)
    {
        TOut output;
        try
        {
            output = await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var failure = Failed(ex, parent, run, observed, started, cancellationToken);
            if (ReferenceEquals(failure, ex))
            {
                throw;
            }

            throw failure;
        }

        if (observed)
        {
            if (run.RecordOutputs)
            {
                run.NodeOutput(started, output);
            }

            run.NodeEnded(this, parent, started, NodeStatus.Succeeded, error: null);
        }

        return output;
    }

    /// <summary>Wraps a leaf's failure with its path (never the run's own cancellation) and ends the node's record.</summary>
    private Exception Failed(Exception exception, NodeFrame? parent, RunContext run, bool observed, StartedNode started, CancellationToken cancellationToken)
    {
        var failure = WrapsFailures ? FlowTaskException.Wrap(exception, parent, Name, cancellationToken) : exception;
        if (observed)
        {
            var cancelled = failure is OperationCanceledException && cancellationToken.IsCancellationRequested;
            run.NodeEnded(this, parent, started, cancelled ? NodeStatus.Cancelled : NodeStatus.Failed, cancelled ? null : failure);
        }

        return failure;
    }
}
