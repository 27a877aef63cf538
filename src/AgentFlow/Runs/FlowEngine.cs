using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AgentFlow;

/// <summary>Starts runs: creates the run context, runs the root node, ends the run record and the event stream.</summary>
internal static class FlowEngine
{
    /// <summary>The options of runs started without any; only read, never handed out.</summary>
    private static readonly RunOptions Defaults = new();

    public static async Task<FlowResult<TOut>> RunAsync<TIn, TOut>(
        FlowTask<TIn, TOut> task, TIn input, RunOptions? options, ChannelWriter<RunEvent>? events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        options ??= Defaults;
        var run = new RunContext(task.Name, options, events);

        // A wall-time budget cancels the nodes through their token; it is told apart from the caller's cancellation
        // below and reported as a budget failure, not as a cancellation.
        using var deadline = options.Budget?.MaxDuration is { } maxDuration ? new CancellationTokenSource(maxDuration, run.Time) : null;
        using var linked = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var activity = run.Tracing ? AgentFlowTelemetry.Source.StartActivity($"agentflow.run {task.Name}") : null;
        activity?.SetTag("agentflow.run.id", run.RunId).SetTag("agentflow.flow.name", task.Name);
        Log.RunStarted(run.Logger, task.Name, run.RunId);
        if (run.Streaming)
        {
            run.Emit(new RunStartedEvent(run.RunId, run.StartedAt, task.Name));
        }

        try
        {
            var output = await task.ExecuteAsync(input, parent: null, run, linked?.Token ?? cancellationToken).ConfigureAwait(false);
            var record = run.Complete(RunStatus.Succeeded, error: null);
            Measure(activity, record);
            Log.RunCompleted(run.Logger, task.Name, run.RunId, record.Duration.TotalMilliseconds);
            if (run.Streaming)
            {
                run.Emit(new RunCompletedEvent(run.RunId, run.Time.GetUtcNow(), record, output));
            }

            return new FlowResult<TOut>(output, record);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            // The caller cancelled: that wins over whatever the cancellation made a node throw (a socket or an HTTP
            // stack often reacts with another exception), so the outcome does not depend on the flow's shape.
            var record = run.Complete(RunStatus.Cancelled, ex is OperationCanceledException ? null : ex);
            Measure(activity, record);
            Log.RunCancelled(run.Logger, task.Name, run.RunId);
            if (run.Streaming)
            {
                run.Emit(new RunCancelledEvent(run.RunId, run.Time.GetUtcNow(), record));
            }

            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new OperationCanceledException($"Run {run.RunId} of '{task.Name}' was cancelled; a node failed as it stopped (see the inner exception).", ex, cancellationToken);
        }
        catch (Exception ex)
        {
            // Nodes fail with FlowRunException; anything else escaped a node's own handling and is still reported
            // as a failure of the run's root, with a record, rather than escaping raw.
            var failure = deadline is { IsCancellationRequested: true } && ex is not BudgetExceededException
                ? new BudgetExceededException(task.RootPath, nameof(RunBudget.MaxDuration), $"{options.Budget!.MaxDuration}", "more: the run was stopped")
                : ex as FlowRunException ?? new FlowTaskException(task.RootPath, ex);
            var record = run.Complete(RunStatus.Failed, failure);
            Measure(activity, record);
            failure.Record = record;
            Log.RunFailed(run.Logger, failure, task.Name, run.RunId, failure.NodePath);
            if (run.Streaming)
            {
                run.Emit(new RunFailedEvent(run.RunId, run.Time.GetUtcNow(), record, failure));
            }

            if (ReferenceEquals(failure, ex))
            {
                throw;
            }

            throw failure;
        }
    }

    private static void Measure(System.Diagnostics.Activity? activity, RunRecord record)
    {
        if (activity is not null)
        {
            activity.SetTag("agentflow.run.status", record.Status.ToString());
            if (record.Status == RunStatus.Failed)
            {
                activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error, record.Error?.GetType().Name);
                if (record.Error is FlowRunException failure)
                {
                    activity.SetTag("agentflow.error.node_path", failure.NodePath);
                }
            }
        }

        if (AgentFlowTelemetry.RunDuration.Enabled)
        {
            AgentFlowTelemetry.RunDuration.Record(
                record.Duration.TotalSeconds,
                new KeyValuePair<string, object?>("agentflow.flow.name", record.FlowName),
                new KeyValuePair<string, object?>("agentflow.run.status", record.Status.ToString()));
        }
    }

    public static async IAsyncEnumerable<RunEvent> StreamAsync<TIn, TOut>(
        FlowTask<TIn, TOut> task, TIn input, RunOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var channel = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = RunThenCompleteAsync(task, input, options, channel.Writer, stop.Token);
        var finished = false;
        try
        {
            await foreach (var runEvent in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return runEvent;
            }

            finished = true;
            await running.ConfigureAwait(false);
        }
        finally
        {
            if (!finished)
            {
                // The consumer left early: stop the run and wait for it, so nothing keeps running unobserved.
                await stop.CancelAsync().ConfigureAwait(false);
                await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static async Task RunThenCompleteAsync<TIn, TOut>(
        FlowTask<TIn, TOut> task, TIn input, RunOptions? options, ChannelWriter<RunEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(task, input, options, events, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            events.TryComplete();
        }
    }
}
