using System.Runtime.CompilerServices;

namespace AgentFlow;

/// <summary>
/// One step of a flow, run by the flow's loop with its value passed as <see cref="object"/>. The builder's generic
/// signatures guarantee that each step's input is the previous step's output, so the casts here cannot fail.
/// </summary>
/// <remarks>
/// A loop over steps, rather than a chain of awaits, keeps one suspended state machine per flow whatever its length,
/// and lets the pooled state machines of consecutive steps be reused. Value types are boxed between steps.
/// </remarks>
internal abstract class FlowStep
{
    public abstract FlowNode Node { get; }

    public abstract ValueTask<object?> RunAsync(object? value, NodeFrame frame, RunContext run, CancellationToken cancellationToken);
}

/// <summary>A step from <typeparamref name="TIn"/> to <typeparamref name="TOut"/>.</summary>
internal sealed class FlowStep<TIn, TOut>(FlowTask<TIn, TOut> task) : FlowStep
{
    public override FlowNode Node => task;

    public override ValueTask<object?> RunAsync(object? value, NodeFrame frame, RunContext run, CancellationToken cancellationToken)
    {
        var pending = task.ExecuteAsync((TIn)value!, frame, run, cancellationToken);
        return pending.IsCompletedSuccessfully ? new ValueTask<object?>(pending.Result) : AwaitAsync(pending);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<object?> AwaitAsync(ValueTask<TOut> pending) => await pending.ConfigureAwait(false);
}
