using AgentFlow;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AgentFlow's parts in a service collection; returned by <c>services.AddAgentFlow()</c>.</summary>
public sealed class AgentFlowBuilder
{
    internal AgentFlowBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers a task handler used by <see cref="FlowTask.FromService{TIn, TOut, THandler}(string)"/>.</summary>
    /// <typeparam name="THandler">The handler class.</typeparam>
    /// <param name="lifetime">Its lifetime; a new instance per use by default. Scoped handlers live for one run.</param>
    /// <returns>This builder.</returns>
    public AgentFlowBuilder AddTaskHandler<THandler>(ServiceLifetime lifetime = ServiceLifetime.Transient)
        where THandler : class
    {
        Services.Add(new ServiceDescriptor(typeof(THandler), typeof(THandler), lifetime));
        return this;
    }

    /// <summary>Registers a flow as a singleton, built once from the services, so it can be injected where it runs.</summary>
    /// <typeparam name="TIn">The flow's input type.</typeparam>
    /// <typeparam name="TOut">The flow's output type.</typeparam>
    /// <param name="factory">Builds the flow.</param>
    /// <returns>This builder.</returns>
    public AgentFlowBuilder AddFlow<TIn, TOut>(Func<IServiceProvider, FlowTask<TIn, TOut>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddSingleton(factory);
        return this;
    }
}
