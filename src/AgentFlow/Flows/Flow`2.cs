using System.Runtime.CompilerServices;

namespace AgentFlow;

/// <summary>
/// A named sequence of steps, built and validated by <see cref="FlowBuilder{TIn, TCurrent}.Build"/>. A flow is a task:
/// it can be a step of another flow, a branch case, a loop body, and it can be run on its own.
/// </summary>
/// <typeparam name="TIn">The input of the first step.</typeparam>
/// <typeparam name="TOut">The output of the last step.</typeparam>
public sealed class Flow<TIn, TOut> : FlowTask<TIn, TOut>
{
    private readonly FlowStep[] _steps;

    internal Flow(string name, FlowStep[] steps)
        : base(name, NodeKind.Flow)
    {
        _steps = steps;
        Steps = [.. steps.Select(s => s.Node)];
    }

    /// <summary>Gets the steps of the flow, in order.</summary>
    public IReadOnlyList<FlowNode> Steps { get; }

    internal override NodeDescription DescribeCore(string path)
        => new(Name, Kind, path, typeof(TIn), typeof(TOut), [.. Steps.Select(s => s.DescribeCore(path + "/" + s.Name))]);

    internal override void CollectNodes(List<(string Path, FlowNode Node)> nodes, string path)
    {
        base.CollectNodes(nodes, path);
        foreach (var step in Steps)
        {
            step.CollectNodes(nodes, path + "/" + step.Name);
        }
    }

    internal override void Validate(DefinitionValidator validator, string path)
    {
        validator.RequireUniqueNames(path, Steps, "steps");
        foreach (var step in Steps)
        {
            validator.Visit(step, path + "/" + step.Name);
        }
    }

    private protected override ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        // Steps that complete synchronously run here without a state machine; the first that awaits hands over to
        // the async loop.
        var frame = new NodeFrame(parent, Name);
        object? value = input;
        for (var i = 0; i < _steps.Length; i++)
        {
            var pending = _steps[i].RunAsync(value, frame, run, cancellationToken);
            if (!pending.IsCompletedSuccessfully)
            {
                return ContinueAsync(pending, i + 1, frame, run, cancellationToken);
            }

            value = pending.Result;
        }

        return new ValueTask<TOut>((TOut)value!);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TOut> ContinueAsync(ValueTask<object?> pending, int next, NodeFrame frame, RunContext run, CancellationToken cancellationToken)
    {
        var value = await pending.ConfigureAwait(false);
        for (var i = next; i < _steps.Length; i++)
        {
            value = await _steps[i].RunAsync(value, frame, run, cancellationToken).ConfigureAwait(false);
        }

        return (TOut)value!;
    }
}
