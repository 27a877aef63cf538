using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>How <see cref="Evaluator"/> runs a task over an eval set, and what it carries into the report.</summary>
public sealed class EvaluationOptions
{
    /// <summary>The most cases that may run at once.</summary>
    public const int MaxAllowedParallelism = 64;

    private static readonly TimeSpan MaxCaseTimeout = TimeSpan.FromDays(1);

    private int _maxParallelism = 4;
    private TimeSpan? _caseTimeout = TimeSpan.FromMinutes(5);
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>Gets or sets how many cases run at once.</summary>
    /// <value>Defaults to 4. Allowed range: 1 to 64 (<see cref="MaxAllowedParallelism"/>).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to 64.</exception>
    public int MaxParallelism
    {
        get => _maxParallelism;
        set
        {
            if (value is < 1 or > MaxAllowedParallelism)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"EvaluationOptions.MaxParallelism must be between 1 and {MaxAllowedParallelism}.");
            }

            _maxParallelism = value;
        }
    }

    /// <summary>
    /// Gets or sets how long one case's run may take. A run still going then is cancelled through its token and its
    /// case recorded as a <see cref="CaseErrorKind.TimedOut"/> error; the evaluation goes on. Scoring is not counted.
    /// </summary>
    /// <value>Defaults to 5 minutes; <see langword="null"/> for no limit. Allowed range: above zero, up to one day.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero, negative, or longer than a day.</exception>
    /// <remarks>
    /// The run is cancelled cooperatively: AgentFlow's nodes and model calls stop at once, but code that ignores its
    /// cancellation token holds its slot until it returns (its case is still recorded as timed out).
    /// </remarks>
    public TimeSpan? CaseTimeout
    {
        get => _caseTimeout;
        set
        {
            if (value is { } timeout && (timeout <= TimeSpan.Zero || timeout > MaxCaseTimeout))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "EvaluationOptions.CaseTimeout must be above zero and at most one day, or null for no limit.");
            }

            _caseTimeout = value;
        }
    }

    /// <summary>
    /// Gets or sets a function that makes the run options of each case from its id: the chat client, services, prices,
    /// budget and resilience the task runs with. It is called once per run: once for the case's task, and again for any
    /// run a scorer starts (an LLM judge's, see <see cref="ScoringContext.CreateRunOptions"/>).
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: default <see cref="AgentFlow.RunOptions"/>, with no chat client.</value>
    /// <remarks>Return a new instance each time when the options carry per-run state, such as a <see cref="AgentFlow.RunOptions.RunId"/>.</remarks>
    public Func<string, RunOptions>? RunOptions { get; set; }

    /// <summary>Gets or sets the evaluation's name, recorded in the report.</summary>
    /// <value>Defaults to <see langword="null"/>: the task's name.</value>
    public string? Name { get; set; }

    /// <summary>
    /// Gets labels carried into the report as they are, such as <c>model</c> = <c>gpt-4o-mini</c> or <c>prompt</c> =
    /// <c>triage@3</c>: what tells this evaluation apart from another of the same task on the same set.
    /// </summary>
    public IDictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the clock for the report's timestamp, the cases' latencies and the case timeout.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Gets or sets how the task's outputs are written as JSON into the report.</summary>
    /// <value>Defaults to <see langword="null"/>: the set's <see cref="EvalSet{TIn, TExpected}.SerializerOptions"/>, which also write the inputs and expected outputs.</value>
    public JsonSerializerOptions? SerializerOptions { get; set; }
}
