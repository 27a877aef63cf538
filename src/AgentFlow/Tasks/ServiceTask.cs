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

    private protected override async ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        try
        {
            // Resolved inside the try: the container throws when a registered handler's own dependencies are missing.
            var handler = run.Services?.GetService(typeof(THandler)) as THandler
                ?? throw new FlowConfigurationException(
                    NodeFrame.PathOf(parent, Name),
                    run.Services is null
                        ? $"Task '{NodeFrame.PathOf(parent, Name)}' is implemented by {typeof(THandler).Name}, but the run has no services. "
                          + "Run the flow through FlowRunner (services.AddAgentFlow()) or set RunOptions.Services."
                        : $"Task '{NodeFrame.PathOf(parent, Name)}' is implemented by {typeof(THandler).Name}, which is not registered. "
                          + $"Register it with services.AddAgentFlow().AddTaskHandler<{typeof(THandler).Name}>().");
            return await handler.ExecuteAsync(input, new FlowContext(parent, Name, run), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Same rules as code tasks: the run's cancellation and this run's own typed errors are not wrapped.
            var wrapped = FlowTaskException.Wrap(ex, parent, Name, cancellationToken);
            if (ReferenceEquals(wrapped, ex))
            {
                throw;
            }

            throw wrapped;
        }
    }
}
