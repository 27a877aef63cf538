namespace AgentFlow;

/// <summary>
/// How each model call is protected: retries with exponential backoff and jitter on transient failures (HTTP 408, 429
/// honouring <c>Retry-After</c>, 5xx, timeouts, connection errors), a timeout per attempt and one in total, and a
/// circuit breaker per model that stops calling a model that keeps failing, so that a fallback model can take over.
/// </summary>
/// <remarks>
/// <para>
/// Set it for all runs with <see cref="AgentFlowOptions.Resilience"/>, for one run with <see cref="RunOptions.Resilience"/>,
/// or for one node with <see cref="ModelCallOptions.Resilience"/>; the most specific wins, and without any the
/// defaults below apply. The record is immutable: derive a variant with <c>with</c>, such as
/// <c>ModelResilienceOptions.Default with { MaxRetries = 5 }</c>.
/// </para>
/// <para>
/// Retries are transport retries: the same request sent again. They are counted in
/// <see cref="LlmCallRecord.Retries"/>, apart from the repairs of a reply that does not validate. Failures that are
/// not transient (a bad request, an authentication error, a budget exceeded) are not retried. The circuit breaker is
/// shared by every run that calls the same <c>IChatClient</c> instance with the same model id, equal options and the
/// same <see cref="TimeProvider"/>: keep the options and clock for the life of the client (a new clock or a new
/// <see cref="IsTransient"/> lambda per run gives each run a breaker of its own, which never sees enough calls to open).
/// </para>
/// </remarks>
public sealed record ModelResilienceOptions
{
    private readonly int _maxRetries = 3;
    private readonly TimeSpan _baseDelay = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _maxDelay = TimeSpan.FromSeconds(30);
    private readonly TimeSpan _maxRetryAfter = TimeSpan.FromSeconds(60);
    private readonly TimeSpan? _attemptTimeout = TimeSpan.FromSeconds(100);
    private readonly TimeSpan? _totalTimeout = TimeSpan.FromMinutes(5);
    private readonly double _breakerFailureRatio = 0.5;
    private readonly int _breakerMinimumThroughput = 10;
    private readonly TimeSpan _breakerSamplingDuration = TimeSpan.FromSeconds(30);
    private readonly TimeSpan _breakDuration = TimeSpan.FromSeconds(30);

    /// <summary>Gets the options used where none are set: every property at its default.</summary>
    public static ModelResilienceOptions Default { get; } = new();

    /// <summary>Gets options that call each model once, with no retry, no timeout and no circuit breaker.</summary>
    public static ModelResilienceOptions None { get; } = new() { MaxRetries = 0, AttemptTimeout = null, TotalTimeout = null, CircuitBreaker = false };

    /// <summary>Gets how many times a call that failed transiently is sent again.</summary>
    /// <value>Defaults to 3. Allowed range: 0 to 10.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 10.</exception>
    public int MaxRetries
    {
        get => _maxRetries;
        init => _maxRetries = InRange(value, 0, 10, nameof(MaxRetries));
    }

    /// <summary>Gets the delay before the first retry; it doubles for each further retry, with jitter.</summary>
    /// <value>Defaults to 1 second. Allowed range: 0 to 1 minute.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 1 minute.</exception>
    public TimeSpan BaseDelay
    {
        get => _baseDelay;
        init => _baseDelay = InRange(value, TimeSpan.Zero, TimeSpan.FromMinutes(1), nameof(BaseDelay));
    }

    /// <summary>Gets the longest delay between two attempts that backoff may reach.</summary>
    /// <value>Defaults to 30 seconds. Allowed range: 0 to 10 minutes.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 10 minutes.</exception>
    public TimeSpan MaxDelay
    {
        get => _maxDelay;
        init => _maxDelay = InRange(value, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(MaxDelay));
    }

    /// <summary>Gets a value indicating whether backoff delays are randomised, so that many clients do not retry in step.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool UseJitter { get; init; } = true;

    /// <summary>
    /// Gets the longest <c>Retry-After</c> (or <c>retry-after-ms</c>) a provider may ask for and still be waited for.
    /// A failure that asks for longer is not retried: it goes to the next fallback model, if any, or fails the node.
    /// </summary>
    /// <value>Defaults to 60 seconds. Allowed range: 0 to 10 minutes.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 10 minutes.</exception>
    public TimeSpan MaxRetryAfter
    {
        get => _maxRetryAfter;
        init => _maxRetryAfter = InRange(value, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(MaxRetryAfter));
    }

    /// <summary>Gets the time one attempt may take before it is cancelled and counted as a transient failure.</summary>
    /// <value>Defaults to 100 seconds; <see langword="null"/> for none. Allowed range: 10 milliseconds to 1 hour.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 10 milliseconds to 1 hour.</exception>
    public TimeSpan? AttemptTimeout
    {
        get => _attemptTimeout;
        init => _attemptTimeout = value is { } timeout ? InRange(timeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), nameof(AttemptTimeout)) : null;
    }

    /// <summary>Gets the time one model call may take with all its retries and their delays, per model of the fallback chain.</summary>
    /// <value>Defaults to 5 minutes; <see langword="null"/> for none. Allowed range: 10 milliseconds to 1 hour.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 10 milliseconds to 1 hour.</exception>
    public TimeSpan? TotalTimeout
    {
        get => _totalTimeout;
        init => _totalTimeout = value is { } timeout ? InRange(timeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), nameof(TotalTimeout)) : null;
    }

    /// <summary>Gets a value indicating whether a circuit breaker guards each model.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool CircuitBreaker { get; init; } = true;

    /// <summary>Gets the share of failed attempts, within <see cref="BreakerSamplingDuration"/>, that opens the circuit.</summary>
    /// <value>Defaults to 0.5. Allowed range: above 0, up to 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not above 0 and up to 1.</exception>
    public double BreakerFailureRatio
    {
        get => _breakerFailureRatio;
        init => _breakerFailureRatio = value is > 0 and <= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "ModelResilienceOptions.BreakerFailureRatio must be above 0 and at most 1.");
    }

    /// <summary>Gets how many attempts must be seen within <see cref="BreakerSamplingDuration"/> before the circuit may open.</summary>
    /// <value>Defaults to 10. Allowed range: 2 to 1000.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 2 to 1000.</exception>
    public int BreakerMinimumThroughput
    {
        get => _breakerMinimumThroughput;
        init => _breakerMinimumThroughput = InRange(value, 2, 1000, nameof(BreakerMinimumThroughput));
    }

    /// <summary>Gets the window over which the failure ratio is measured.</summary>
    /// <value>Defaults to 30 seconds. Allowed range: 0.5 seconds to 1 day.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0.5 seconds to 1 day.</exception>
    public TimeSpan BreakerSamplingDuration
    {
        get => _breakerSamplingDuration;
        init => _breakerSamplingDuration = InRange(value, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1), nameof(BreakerSamplingDuration));
    }

    /// <summary>Gets how long an open circuit refuses calls before one trial call is let through.</summary>
    /// <value>Defaults to 30 seconds. Allowed range: 0.5 seconds to 1 day.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0.5 seconds to 1 day.</exception>
    public TimeSpan BreakDuration
    {
        get => _breakDuration;
        init => _breakDuration = InRange(value, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1), nameof(BreakDuration));
    }

    /// <summary>
    /// Gets an extra test for failures to treat as transient, on top of the built-in ones (for a provider whose client
    /// throws its own exception type for throttling, say).
    /// </summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public Func<Exception, bool>? IsTransient { get; init; }

    private static int InRange(int value, int min, int max, string name)
        => value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"ModelResilienceOptions.{name} must be between {min} and {max}.");

    private static TimeSpan InRange(TimeSpan value, TimeSpan min, TimeSpan max, string name)
        => value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"ModelResilienceOptions.{name} must be between {min} and {max}.");
}
