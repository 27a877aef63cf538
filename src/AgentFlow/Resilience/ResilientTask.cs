using System.Runtime.ExceptionServices;
using Polly;

namespace AgentFlow;

/// <summary>
/// A task run through a Polly pipeline: each attempt is the task itself, at the same path, with a node record of its
/// own. The pipeline sees what the task's code threw, not AgentFlow's wrapper, so it can handle
/// <c>HttpRequestException</c> and the like; when it gives up, the node fails as it would have without it.
/// </summary>
internal sealed class ResilientTask<TIn, TOut> : FlowTask<TIn, TOut>
{
    private readonly FlowTask<TIn, TOut> _inner;
    private readonly ResiliencePipeline _pipeline;

    public ResilientTask(FlowTask<TIn, TOut> inner, ResiliencePipeline pipeline)
        : base(inner.Name, inner.Kind)
    {
        _inner = inner;
        _pipeline = pipeline;
    }

    internal override NodeDescription DescribeCore(string path) => _inner.DescribeCore(path).WithDetail("resilience pipeline");

    internal override void Validate(DefinitionValidator validator, string path) => _inner.Validate(validator, path);

    internal override void CollectNodes(List<(string Path, FlowNode Node)> nodes, string path)
    {
        // The wrapped task is found in place of the task it wraps, so running it alone goes through the pipeline too.
        var at = nodes.Count;
        _inner.CollectNodes(nodes, path);
        nodes[at] = (path, this);
    }

    // Transparent: each attempt of the inner task records itself; this wrapper adds no node of its own.
    private protected override bool Transparent => true;

    private protected override async ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        var started = run.Time.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        var attempt = new Attempt(this, input, parent, run);
        Outcome<TOut> outcome;
        try
        {
            outcome = await _pipeline.ExecuteOutcomeAsync(static (ctx, state) => state.RunAsync(ctx.CancellationToken), context, attempt).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Exception is null)
        {
            return outcome.Result!;
        }

        if (ReferenceEquals(outcome.Exception, attempt.Unwrapped))
        {
            // The task's own failure, named as the node named it; its attempt recorded it.
            ExceptionDispatchInfo.Throw(attempt.Wrapper!);
        }

        if (outcome.Exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            ExceptionDispatchInfo.Throw(outcome.Exception);
        }

        // Something the pipeline itself raised, such as a timeout or an open circuit: the node fails here, and says so
        // in the record, since no attempt recorded it.
        var failure = FlowTaskException.Wrap(outcome.Exception, parent, Name, cancellationToken);
        run.NodeFailedAround(this, parent, started, failure);
        throw failure;
    }

    /// <summary>One execution's state: runs the inner task and hands the pipeline the original failure.</summary>
    private sealed class Attempt(ResilientTask<TIn, TOut> owner, TIn input, NodeFrame? parent, RunContext run)
    {
        public Exception? Unwrapped { get; private set; }

        public FlowTaskException? Wrapper { get; private set; }

        public async ValueTask<Outcome<TOut>> RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                return Outcome.FromResult(await owner._inner.ExecuteAsync(input, parent, run, cancellationToken).ConfigureAwait(false));
            }
            catch (FlowTaskException ex) when (ex.InnerException is { } original && ex.NodePath == NodeFrame.PathOf(parent, owner.Name))
            {
                Wrapper = ex;
                Unwrapped = original;
                return Outcome.FromException<TOut>(original);
            }
            catch (Exception ex)
            {
                return Outcome.FromException<TOut>(ex);
            }
        }
    }
}
