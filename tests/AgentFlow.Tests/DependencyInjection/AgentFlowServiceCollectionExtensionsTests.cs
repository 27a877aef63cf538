using Microsoft.Extensions.DependencyInjection;

namespace AgentFlow.Tests.DependencyInjection;

/// <summary>What <c>services.AddAgentFlow()</c> and its builder register.</summary>
public sealed class AgentFlowServiceCollectionExtensionsTests
{
    [Test]
    public void AddAgentFlow_RegistersFlowRunnerAndConfiguredOptionsAsSingletons()
    {
        var services = new ServiceCollection();

        services.AddAgentFlow(o =>
        {
            o.RecordNodes = false;
            o.EnableSensitiveData = true;
        });
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.That(services.Single(d => d.ServiceType == typeof(FlowRunner)).Lifetime, Is.EqualTo(ServiceLifetime.Singleton));
        Assert.That(services.Single(d => d.ServiceType == typeof(AgentFlowOptions)).Lifetime, Is.EqualTo(ServiceLifetime.Singleton));
        var runner = provider.GetRequiredService<FlowRunner>();
        Assert.That(provider.GetRequiredService<FlowRunner>(), Is.SameAs(runner));
        var options = provider.GetRequiredService<AgentFlowOptions>();
        Assert.That(options.RecordNodes, Is.False);
        Assert.That(options.EnableSensitiveData, Is.True);
    }

    [Test]
    public void AddAgentFlow_WithoutConfigure_UsesDefaultOptions()
    {
        var services = new ServiceCollection();

        services.AddAgentFlow();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<AgentFlowOptions>();
        Assert.That(options.RecordNodes, Is.True);
        Assert.That(options.EnableSensitiveData, Is.False);
    }

    [Test]
    public void AddAgentFlow_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();

        services.AddAgentFlow();
        services.AddAgentFlow();

        Assert.That(services.Count(d => d.ServiceType == typeof(FlowRunner)), Is.EqualTo(1));
        Assert.That(services.Count(d => d.ServiceType == typeof(AgentFlowOptions)), Is.EqualTo(1));
    }

    [Test]
    public void AddAgentFlow_CalledTwiceWithConfigure_AppliesEveryConfigurationInsteadOfDroppingTheLater()
    {
        var services = new ServiceCollection();

        services.AddAgentFlow(o => o.RecordNodes = false);
        services.AddAgentFlow(o => o.EnableSensitiveData = true);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<AgentFlowOptions>();
        Assert.That(options.RecordNodes, Is.False);
        Assert.That(options.EnableSensitiveData, Is.True);
    }

    [Test]
    public void AddAgentFlow_ReturnsABuilderOverTheSameServiceCollection()
    {
        var services = new ServiceCollection();

        var builder = services.AddAgentFlow();

        Assert.That(builder.Services, Is.SameAs(services));
    }

    [Test]
    public void AddAgentFlow_WithNullServices_ThrowsArgumentNullException()
    {
        Assert.That(() => AgentFlowServiceCollectionExtensions.AddAgentFlow(null!), Throws.ArgumentNullException);
    }

    [TestCase(ServiceLifetime.Transient)]
    [TestCase(ServiceLifetime.Scoped)]
    [TestCase(ServiceLifetime.Singleton)]
    public void AddTaskHandler_RegistersTheHandlerWithTheGivenLifetime(ServiceLifetime lifetime)
    {
        var services = new ServiceCollection();

        services.AddAgentFlow().AddTaskHandler<LengthHandler>(lifetime);

        var descriptor = services.Single(d => d.ServiceType == typeof(LengthHandler));
        Assert.That(descriptor.Lifetime, Is.EqualTo(lifetime));
        Assert.That(descriptor.ImplementationType, Is.EqualTo(typeof(LengthHandler)));
    }

    [Test]
    public void AddTaskHandler_ByDefault_RegistersATransientHandler()
    {
        var services = new ServiceCollection();

        services.AddAgentFlow().AddTaskHandler<LengthHandler>();

        Assert.That(services.Single(d => d.ServiceType == typeof(LengthHandler)).Lifetime, Is.EqualTo(ServiceLifetime.Transient));
    }

    [Test]
    public async Task AddFlow_RegistersAFlowBuiltOnceFromTheServices()
    {
        var services = new ServiceCollection();
        var builds = 0;
        services.AddSingleton(new Greeting("hello"));
        services.AddAgentFlow().AddFlow(sp =>
        {
            builds++;
            var greeting = sp.GetRequiredService<Greeting>();
            return Flow.Define<string>("greet").Then("say", name => $"{greeting.Text} {name}").Build();
        });
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var flow = provider.GetRequiredService<FlowTask<string, string>>();
        var again = provider.GetRequiredService<FlowTask<string, string>>();
        var result = await provider.GetRequiredService<FlowRunner>().RunAsync(flow, "ada");

        Assert.That(again, Is.SameAs(flow));
        Assert.That(builds, Is.EqualTo(1));
        Assert.That(flow.Name, Is.EqualTo("greet"));
        Assert.That(result.Output, Is.EqualTo("hello ada"));
    }

    [Test]
    public void AddFlow_WithNullFactory_ThrowsArgumentNullException()
    {
        var builder = new ServiceCollection().AddAgentFlow();

        Assert.That(() => builder.AddFlow<string, string>(null!), Throws.ArgumentNullException);
    }

    public sealed record Greeting(string Text);

    public sealed class LengthHandler : IFlowTaskHandler<string, int>
    {
        public ValueTask<int> ExecuteAsync(string input, FlowContext context, CancellationToken cancellationToken = default) => new(input.Length);
    }
}
