namespace AgentFlow;

/// <summary>
/// Limits of one run. A run that goes over one fails with a <see cref="BudgetExceededException"/> naming the node that
/// went over; nothing stops silently.
/// </summary>
public sealed class RunBudget
{
    private long? _maxTokens;
    private decimal? _maxCost;
    private int? _maxModelCalls;
    private TimeSpan? _maxDuration;

    /// <summary>Gets or sets the most input and output tokens the run's model calls may use together.</summary>
    /// <value>Defaults to <see langword="null"/>: no limit. Must be positive.</value>
    public long? MaxTokens
    {
        get => _maxTokens;
        set => _maxTokens = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "RunBudget.MaxTokens must be positive.");
    }

    /// <summary>Gets or sets the most the run's model calls may cost, priced with <see cref="RunOptions.Prices"/>.</summary>
    /// <value>Defaults to <see langword="null"/>: no limit. Must be positive; needs a price for every model the run calls.</value>
    public decimal? MaxCost
    {
        get => _maxCost;
        set => _maxCost = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "RunBudget.MaxCost must be positive.");
    }

    /// <summary>Gets or sets the most model calls the run may make, repairs and corrections included.</summary>
    /// <value>Defaults to <see langword="null"/>: no limit. Must be positive.</value>
    public int? MaxModelCalls
    {
        get => _maxModelCalls;
        set => _maxModelCalls = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "RunBudget.MaxModelCalls must be positive.");
    }

    /// <summary>Gets or sets the longest the run may take, measured from its start.</summary>
    /// <value>Defaults to <see langword="null"/>: no limit. Must be positive.</value>
    public TimeSpan? MaxDuration
    {
        get => _maxDuration;
        set => _maxDuration = value is null || value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "RunBudget.MaxDuration must be positive.");
    }
}
