using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AgentFlow;

/// <summary>Options of one run. Runs started through <see cref="FlowRunner"/> get them from dependency injection.</summary>
public sealed class RunOptions
{
    /// <summary>Gets or sets the chat client used by LLM decisions that name none of their own.</summary>
    /// <value>Defaults to <see langword="null"/>: the <see cref="IChatClient"/> registered in <see cref="Services"/>, if any.</value>
    public IChatClient? ChatClient { get; set; }

    /// <summary>Gets or sets the services that service tasks and keyed chat clients are resolved from.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public IServiceProvider? Services { get; set; }

    /// <summary>Gets or sets a value indicating whether every node's start, end, duration and status is recorded.</summary>
    /// <value>
    /// Defaults to <see langword="true"/>. Route decisions, loop counts, fallbacks and errors are always recorded; turn
    /// this off on hot paths where the per-node timeline is not needed.
    /// </value>
    public bool RecordNodes { get; set; } = true;

    /// <summary>Gets or sets the run id.</summary>
    /// <value>Defaults to <see langword="null"/>: a new GUID in "N" format.</value>
    public string? RunId { get; set; }

    /// <summary>Gets or sets the logger factory; logs go to the category <c>AgentFlow</c>.</summary>
    /// <value>Defaults to <see langword="null"/>: no logging.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether prompts and model replies may be logged (at Trace level only).
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    /// <remarks>Prompts and replies may hold personal data or secrets: enable this only where such logs are protected.</remarks>
    public bool EnableSensitiveData { get; set; }

    /// <summary>
    /// Gets or sets the price of each model, keyed by model id. A call is priced with the entry whose key equals the
    /// model id the provider reported (or the one requested), or else the longest key the id starts with, so
    /// <c>gpt-4o-mini</c> prices <c>gpt-4o-mini-2024-07-18</c>.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: calls are not priced.</value>
    public IReadOnlyDictionary<string, ModelPrice>? Prices { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether each node's output is kept in <see cref="NodeRecord.Output"/>, so that a
    /// test or an evaluation can check what every sub-task returned (see the composability analysis).
    /// </summary>
    /// <value>
    /// Defaults to <see langword="false"/>. Needs <see cref="RecordNodes"/>. Outputs live as long as the run record,
    /// and a value-type output is boxed.
    /// </value>
    public bool RecordOutputs { get; set; }

    /// <summary>Gets or sets the run's limits: tokens, cost, model calls and wall time.</summary>
    /// <value>Defaults to <see langword="null"/>: no limits.</value>
    public RunBudget? Budget { get; set; }

    /// <summary>Gets or sets how model calls are retried, timed out and guarded by a circuit breaker, for nodes that set none.</summary>
    /// <value>Defaults to <see langword="null"/>: <see cref="ModelResilienceOptions.Default"/>.</value>
    public ModelResilienceOptions? Resilience { get; set; }

    /// <summary>Gets or sets the time provider for timestamps, durations, retry delays and timeouts.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
