using AgentFlow;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds AgentFlow to a service collection.</summary>
public static class AgentFlowServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="FlowRunner"/> and <see cref="AgentFlowOptions"/>. LLM decisions use the registered
    /// <see cref="Microsoft.Extensions.AI.IChatClient"/> (see <c>services.AddChatClient(...)</c>) unless they name another.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the defaults of runs; when called again, applied to the options already registered.</param>
    /// <returns>A builder to register task handlers and flows.</returns>
    public static AgentFlowBuilder AddAgentFlow(this IServiceCollection services, Action<AgentFlowOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Called again (by a library and by the app, say), configure the options already registered: a later
        // configuration must not be dropped silently.
        var registered = services.LastOrDefault(d => !d.IsKeyedService && d.ServiceType == typeof(AgentFlowOptions));
        AgentFlowOptions options;
        if (registered is null)
        {
            options = new AgentFlowOptions();
            services.AddSingleton(options);
        }
        else
        {
            options = registered.ImplementationInstance as AgentFlowOptions
                ?? throw new InvalidOperationException(
                    "AgentFlowOptions is already registered by a factory or a type, so AddAgentFlow cannot configure it. "
                    + "Configure the options where they are registered, or register an instance instead.");
        }

        configure?.Invoke(options);
        services.TryAddSingleton<FlowRunner>();
        return new AgentFlowBuilder(services);
    }
}
