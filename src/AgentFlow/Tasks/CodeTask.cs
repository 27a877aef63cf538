using System.Runtime.ExceptionServices;

namespace AgentFlow;

/// <summary>A task that runs a delegate; every delegate shape is normalised to one invoker when the task is created.</summary>
internal sealed class CodeTask<TIn, TOut> : FlowTask<TIn, TOut>
{
    private readonly Invoker _invoke;

    public CodeTask(string name, Invoker invoke)
        : base(name, NodeKind.Code)
    {
        _invoke = invoke;
    }

    internal delegate ValueTask<TOut> Invoker(TIn input, NodeFrame? parent, string name, RunContext run, CancellationToken cancellationToken);

    internal override NodeDescription DescribeCore(string path) => NodeDescription.Leaf(this, path, typeof(TIn), typeof(TOut));

    private protected override ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        ValueTask<TOut> pending;
        try
        {
            pending = _invoke(input, parent, Name, run, cancellationToken);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<TOut>(FlowTaskException.Wrap(ex, parent, Name, cancellationToken));
        }

        return pending.IsCompletedSuccessfully ? pending : AwaitAsync(pending, parent, cancellationToken);
    }

    private async ValueTask<TOut> AwaitAsync(ValueTask<TOut> pending, NodeFrame? parent, CancellationToken cancellationToken)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var wrapped = FlowTaskException.Wrap(ex, parent, Name, cancellationToken);
            if (ReferenceEquals(wrapped, ex))
            {
                ExceptionDispatchInfo.Throw(ex);
            }

            throw wrapped;
        }
    }
}
