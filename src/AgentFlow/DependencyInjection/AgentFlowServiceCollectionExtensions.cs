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
    /// <param name="configure">Sets the defaults of runs.</param>
    /// <returns>A builder to register task handlers and flows.</returns>
    public static AgentFlowBuilder AddAgentFlow(this IServiceCollection services, Action<AgentFlowOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new AgentFlowOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton<FlowRunner>();
        return new AgentFlowBuilder(services);
    }
}
