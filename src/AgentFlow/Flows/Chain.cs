using System.Runtime.CompilerServices;

namespace AgentFlow;

/// <summary>
/// The typed steps of a flow as a linked chain, so that values pass from step to step without boxing and a step that
/// completes synchronously costs no allocation.
/// </summary>
internal abstract class Chain<TIn, TOut>
{
    public abstract ValueTask<TOut> RunAsync(TIn input, NodeFrame frame, RunContext run, CancellationToken cancellationToken);
}

/// <summary>The first step of a chain.</summary>
internal sealed class FirstLink<TIn, TOut>(FlowTask<TIn, TOut> step) : Chain<TIn, TOut>
{
    public override ValueTask<TOut> RunAsync(TIn input, NodeFrame frame, RunContext run, CancellationToken cancellationToken)
        => step.ExecuteAsync(input, frame, run, cancellationToken);
}

/// <summary>A chain followed by one more step.</summary>
internal sealed class Link<TIn, TMid, TOut>(Chain<TIn, TMid> previous, FlowTask<TMid, TOut> step) : Chain<TIn, TOut>
{
    public override ValueTask<TOut> RunAsync(TIn input, NodeFrame frame, RunContext run, CancellationToken cancellationToken)
    {
        var pending = previous.RunAsync(input, frame, run, cancellationToken);
        return pending.IsCompletedSuccessfully
            ? step.ExecuteAsync(pending.Result, frame, run, cancellationToken)
            : ContinueAsync(pending, frame, run, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TOut> ContinueAsync(ValueTask<TMid> pending, NodeFrame frame, RunContext run, CancellationToken cancellationToken)
    {
        var middle = await pending.ConfigureAwait(false);
        return await step.ExecuteAsync(middle, frame, run, cancellationToken).ConfigureAwait(false);
    }
}
