using Microsoft.Extensions.DependencyInjection;

namespace AgentFlow.Tests.DependencyInjection;

/// <summary>AddAgentFlow never drops a configuration silently.</summary>
public sealed class AddAgentFlowOptionsTests
{
    [Test]
    public void AddAgentFlow_WhenTheOptionsAreRegisteredByAFactory_ThrowsInsteadOfConfiguringAnUnusedInstance()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_ => new AgentFlowOptions());

        Assert.That(
            () => services.AddAgentFlow(o => o.RecordNodes = false),
            Throws.InvalidOperationException.With.Message.Contain("AgentFlowOptions is already registered by a factory"));
    }
}
