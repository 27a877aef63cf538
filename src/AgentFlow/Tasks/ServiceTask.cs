namespace AgentFlow;

/// <summary>A task whose work is done by an <see cref="IFlowTaskHandler{TIn, TOut}"/> resolved from the run's services.</summary>
internal sealed class ServiceTask<TIn, TOut, THandler> : FlowTask<TIn, TOut>
    where THandler : class, IFlowTaskHandler<TIn, TOut>
{
    public ServiceTask(string name)
        : base(name, NodeKind.Service)
    {
    }

    internal override NodeDescription DescribeCore(string path)
        => NodeDescription.Leaf(this, path, typeof(TIn), typeof(TOut), detail: typeof(THandler).Name);

    private protected override bool WrapsFailures => true;

    private protected override ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        // Resolved here, inside the node's failure handling: the container throws when a registered handler's own
        // dependencies are missing, and that is a failure of this task.
        var handler = run.Services?.GetService(typeof(THandler)) as THandler
            ?? throw new FlowConfigurationException(
                NodeFrame.PathOf(parent, Name),
                run.Services is null
                    ? $"Task '{NodeFrame.PathOf(parent, Name)}' is implemented by {typeof(THandler).Name}, but the run has no services. "
                      + "Run the flow through FlowRunner (services.AddAgentFlow()) or set RunOptions.Services."
                    : $"Task '{NodeFrame.PathOf(parent, Name)}' is implemented by {typeof(THandler).Name}, which is not registered. "
                      + $"Register it with services.AddAgentFlow().AddTaskHandler<{typeof(THandler).Name}>().");
        return handler.ExecuteAsync(input, new FlowContext(parent, Name, run), cancellationToken);
    }
}
