namespace AgentFlow;

/// <summary>The result of a successful run: its output and its record.</summary>
/// <typeparam name="TOut">The output type.</typeparam>
public sealed class FlowResult<TOut>
{
    internal FlowResult(TOut output, RunRecord record)
    {
        Output = output;
        Record = record;
    }

    /// <summary>Gets the run's output.</summary>
    public TOut Output { get; }

    /// <summary>Gets the run's record: timeline, route decisions, loop counts.</summary>
    public RunRecord Record { get; }
}
