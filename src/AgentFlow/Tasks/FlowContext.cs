using Microsoft.Extensions.DependencyInjection;

namespace AgentFlow;

/// <summary>
/// What a task may know about where it runs: the run, its node path and the run's services.
/// </summary>
/// <remarks>A context is created for each task invocation that asks for one; it is not shared between tasks.</remarks>
public sealed class FlowContext
{
    private readonly NodeFrame? _parent;
    private readonly string _name;
    private readonly RunContext _run;

    internal FlowContext(NodeFrame? parent, string name, RunContext run)
    {
        _parent = parent;
        _name = name;
        _run = run;
    }

    /// <summary>Gets the id of the run this task belongs to.</summary>
    public string RunId => _run.RunId;

    /// <summary>Gets the run-time path of this task, with loop iterations and item indices (<c>support/refine#2/draft</c>).</summary>
    public string NodePath => NodeFrame.PathOf(_parent, _name);

    /// <summary>Gets the definition path of this task, without run-time indices (<c>support/refine/draft</c>).</summary>
    public string DefinitionPath => NodeFrame.DefinitionPathOf(_parent, _name);

    /// <summary>Gets the run's services, or <see langword="null"/> when the run was started without any.</summary>
    public IServiceProvider? Services => _run.Services;

    /// <summary>Gets the time provider of the run.</summary>
    public TimeProvider TimeProvider => _run.Time;

    /// <summary>Gets a required service from the run's services.</summary>
    /// <typeparam name="T">The service type.</typeparam>
    /// <returns>The service.</returns>
    /// <exception cref="FlowConfigurationException">The run has no services, or none of type <typeparamref name="T"/>.</exception>
    public T GetRequiredService<T>()
        where T : notnull
    {
        if (_run.Services?.GetService(typeof(T)) is T service)
        {
            return service;
        }

        throw new FlowConfigurationException(
            NodePath,
            _run.Services is null
                ? $"Task '{NodePath}' needs a {typeof(T).Name} but the run has no services. Run it through FlowRunner (services.AddAgentFlow()) or set RunOptions.Services."
                : $"Task '{NodePath}' needs a {typeof(T).Name} but none is registered. Register it in the service collection.");
    }
}
