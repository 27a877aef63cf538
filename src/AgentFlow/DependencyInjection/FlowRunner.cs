using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentFlow;

/// <summary>
/// Runs flows with the application's services: a dependency-injection scope per run (so service tasks and scoped
/// dependencies are resolved per run), the registered <see cref="IChatClient"/>, logging and <see cref="AgentFlowOptions"/>.
/// Register it with <c>services.AddAgentFlow()</c>.
/// </summary>
/// <remarks>Thread-safe; one instance serves any number of concurrent runs.</remarks>
public sealed class FlowRunner
{
    private readonly IServiceScopeFactory _scopes;
    private readonly AgentFlowOptions _options;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="FlowRunner"/> class.</summary>
    /// <param name="scopes">Creates the scope of each run.</param>
    /// <param name="options">Defaults for runs.</param>
    /// <param name="loggerFactory">Where logs go; optional.</param>
    /// <param name="timeProvider">The clock; optional, <see cref="TimeProvider.System"/> by default.</param>
    public FlowRunner(IServiceScopeFactory scopes, AgentFlowOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _options = options;
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Runs a task or flow once in a new service scope.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="task">The task or flow.</param>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Cancels the run; the resulting <see cref="OperationCanceledException"/> is not wrapped.</param>
    /// <returns>The output and the run record.</returns>
    /// <exception cref="FlowRunException">A node failed; the exception names its path and carries the run record.</exception>
    public Task<FlowResult<TOut>> RunAsync<TIn, TOut>(FlowTask<TIn, TOut> task, TIn input, CancellationToken cancellationToken = default)
        => RunAsync(task, input, configure: null, cancellationToken);

    /// <summary>Runs a task or flow once in a new service scope, with options of its own for this run.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="task">The task or flow.</param>
    /// <param name="input">The input.</param>
    /// <param name="configure">
    /// Adjusts this run's options, which start from <see cref="AgentFlowOptions"/>: a run id, a chat client, a budget,
    /// prices. <see cref="RunOptions.Services"/> is the run's scope and should be left as it is.
    /// </param>
    /// <param name="cancellationToken">Cancels the run; the resulting <see cref="OperationCanceledException"/> is not wrapped.</param>
    /// <returns>The output and the run record.</returns>
    /// <exception cref="FlowRunException">A node failed; the exception names its path and carries the run record.</exception>
    public async Task<FlowResult<TOut>> RunAsync<TIn, TOut>(
        FlowTask<TIn, TOut> task, TIn input, Action<RunOptions>? configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await task.RunAsync(input, Options(scope.ServiceProvider, configure), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a task or flow once in a new service scope and streams its events (see <see cref="FlowTask{TIn, TOut}.StreamAsync"/>).</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="task">The task or flow.</param>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run's events.</returns>
    public async IAsyncEnumerable<RunEvent> StreamAsync<TIn, TOut>(
        FlowTask<TIn, TOut> task, TIn input, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await foreach (var runEvent in task.StreamAsync(input, Options(scope.ServiceProvider, configure: null), cancellationToken).ConfigureAwait(false))
            {
                yield return runEvent;
            }
        }
    }

    private RunOptions Options(IServiceProvider services, Action<RunOptions>? configure)
    {
        var options = new RunOptions
        {
            Services = services,
            RecordNodes = _options.RecordNodes,
            EnableSensitiveData = _options.EnableSensitiveData,
            LoggerFactory = _loggerFactory,
            TimeProvider = _timeProvider,
            Prices = _options.Prices,
            Budget = _options.Budget,
            Resilience = _options.Resilience,
        };
        configure?.Invoke(options);
        return options;
    }
}
