namespace AgentFlow;

/// <summary>Defaults for runs started through <see cref="FlowRunner"/>.</summary>
public sealed class AgentFlowOptions
{
    /// <summary>Gets or sets a value indicating whether every node's start, end, duration and status is recorded.</summary>
    /// <value>Defaults to <see langword="true"/>. See <see cref="RunOptions.RecordNodes"/>.</value>
    public bool RecordNodes { get; set; } = true;

    /// <summary>Gets or sets the price of each model, for the cost of runs (see <see cref="RunOptions.Prices"/>).</summary>
    /// <value>Defaults to <see langword="null"/>: calls are not priced.</value>
    public IReadOnlyDictionary<string, ModelPrice>? Prices { get; set; }

    /// <summary>Gets or sets the budget every run gets unless it sets its own (see <see cref="RunOptions.Budget"/>).</summary>
    /// <value>Defaults to <see langword="null"/>: no limits.</value>
    public RunBudget? Budget { get; set; }

    /// <summary>Gets or sets how model calls are retried, timed out and guarded by a circuit breaker (see <see cref="RunOptions.Resilience"/>).</summary>
    /// <value>Defaults to <see langword="null"/>: <see cref="ModelResilienceOptions.Default"/>.</value>
    public ModelResilienceOptions? Resilience { get; set; }

    /// <summary>Gets or sets a value indicating whether prompts and model replies may be logged, at Trace level only.</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    /// <remarks>Prompts and replies may hold personal data or secrets: enable this only where such logs are protected.</remarks>
    public bool EnableSensitiveData { get; set; }
}
