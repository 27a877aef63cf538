namespace AgentFlow;

/// <summary>
/// Builds a <see cref="Flow{TIn, TOut}"/> step by step. Immutable: every <c>Then</c> returns a new builder, so a
/// partly built flow can be reused as a prefix without surprises.
/// </summary>
/// <typeparam name="TIn">The flow's input type.</typeparam>
/// <typeparam name="TCurrent">The output type of the last step added so far.</typeparam>
public sealed class FlowBuilder<TIn, TCurrent>
{
    private readonly string _name;
    private readonly FlowStep[] _steps;

    internal FlowBuilder(string name, FlowStep[] steps)
    {
        _name = name;
        _steps = steps;
    }

    /// <summary>Adds a step: any task, including a flow, a branch, a parallel join, a map or a loop.</summary>
    /// <typeparam name="TNext">The step's output type.</typeparam>
    /// <param name="step">The step.</param>
    /// <returns>A builder whose flow ends with the new step.</returns>
    public FlowBuilder<TIn, TNext> Then<TNext>(FlowTask<TCurrent, TNext> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new FlowBuilder<TIn, TNext>(_name, [.. _steps, new FlowStep<TCurrent, TNext>(step)]);
    }

    /// <summary>Adds a code step from a synchronous function.</summary>
    /// <typeparam name="TNext">The step's output type.</typeparam>
    /// <param name="name">The step's stable name.</param>
    /// <param name="func">The work.</param>
    /// <returns>A builder whose flow ends with the new step.</returns>
    public FlowBuilder<TIn, TNext> Then<TNext>(string name, Func<TCurrent, TNext> func) => Then(FlowTask.Create(name, func));

    /// <summary>Adds a code step from an asynchronous function.</summary>
    /// <typeparam name="TNext">The step's output type.</typeparam>
    /// <param name="name">The step's stable name.</param>
    /// <param name="func">The work.</param>
    /// <returns>A builder whose flow ends with the new step.</returns>
    public FlowBuilder<TIn, TNext> Then<TNext>(string name, Func<TCurrent, Task<TNext>> func) => Then(FlowTask.Create(name, func));

    /// <summary>Adds a code step from an asynchronous function that observes cancellation.</summary>
    /// <typeparam name="TNext">The step's output type.</typeparam>
    /// <param name="name">The step's stable name.</param>
    /// <param name="func">The work.</param>
    /// <returns>A builder whose flow ends with the new step.</returns>
    public FlowBuilder<TIn, TNext> Then<TNext>(string name, Func<TCurrent, CancellationToken, Task<TNext>> func) => Then(FlowTask.Create(name, func));

    /// <summary>Builds and validates the flow.</summary>
    /// <returns>The flow.</returns>
    /// <exception cref="FlowDefinitionException">The flow has no steps, or a rule is broken anywhere below it.</exception>
    public Flow<TIn, TCurrent> Build()
    {
        if (_steps.Length == 0)
        {
            throw new FlowDefinitionException(_name, $"Flow '{_name}' has no steps. Add at least one with .Then(...) before .Build().");
        }

        var flow = new Flow<TIn, TCurrent>(_name, _steps);
        DefinitionValidator.ThrowIfInvalid(flow);
        return flow;
    }
}
