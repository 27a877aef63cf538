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

    private protected override bool WrapsFailures => true;

    private protected override ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
        => _invoke(input, parent, Name, run, cancellationToken);
}
