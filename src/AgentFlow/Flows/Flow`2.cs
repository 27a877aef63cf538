namespace AgentFlow;

/// <summary>
/// A named sequence of steps, built and validated by <see cref="FlowBuilder{TIn, TCurrent}.Build"/>. A flow is a task:
/// it can be a step of another flow, a branch case, a loop body, and it can be run on its own.
/// </summary>
/// <typeparam name="TIn">The input of the first step.</typeparam>
/// <typeparam name="TOut">The output of the last step.</typeparam>
public sealed class Flow<TIn, TOut> : FlowTask<TIn, TOut>
{
    private readonly Chain<TIn, TOut> _chain;

    internal Flow(string name, IReadOnlyList<FlowNode> steps, Chain<TIn, TOut> chain)
        : base(name, NodeKind.Flow)
    {
        Steps = steps;
        _chain = chain;
    }

    /// <summary>Gets the steps of the flow, in order.</summary>
    public IReadOnlyList<FlowNode> Steps { get; }

    internal override NodeDescription DescribeCore(string path)
        => new(Name, Kind, path, typeof(TIn), typeof(TOut), [.. Steps.Select(s => s.DescribeCore(path + "/" + s.Name))]);

    internal override void Validate(DefinitionValidator validator, string path)
    {
        validator.RequireUniqueNames(path, Steps, "steps");
        foreach (var step in Steps)
        {
            validator.Visit(step, path + "/" + step.Name);
        }
    }

    private protected override ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
        => _chain.RunAsync(input, new NodeFrame(parent, Name), run, cancellationToken);
}
