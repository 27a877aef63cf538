namespace AgentFlow;

/// <summary>
/// A task implemented as a class and resolved from dependency injection for each run
/// (see <see cref="FlowTask.FromService{TIn, TOut, THandler}(string)"/>).
/// </summary>
/// <typeparam name="TIn">The type of the task's input.</typeparam>
/// <typeparam name="TOut">The type of the task's output.</typeparam>
public interface IFlowTaskHandler<in TIn, TOut>
{
    /// <summary>Runs the task once.</summary>
    /// <param name="input">The task's input.</param>
    /// <param name="context">Where the task runs: run id, node path and services.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled or a failing sibling branch stops it.</param>
    /// <returns>The task's output.</returns>
    ValueTask<TOut> ExecuteAsync(TIn input, FlowContext context, CancellationToken cancellationToken = default);
}
