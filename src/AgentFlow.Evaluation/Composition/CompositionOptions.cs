namespace AgentFlow.Evaluation;

/// <summary>How <see cref="CompositionAnalyzer"/> runs a flow over a composition set, and how it computes the gap's interval.</summary>
public sealed class CompositionOptions
{
    /// <summary>The fewest resamples <see cref="BootstrapResamples"/> allows.</summary>
    public const int MinResamples = 100;

    /// <summary>The most resamples <see cref="BootstrapResamples"/> allows.</summary>
    public const int MaxResamples = 1_000_000;

    private int _resamples = 10_000;

    /// <summary>
    /// Gets how the cases run, as for <see cref="Evaluator"/>: parallelism, the case timeout, each case's run options
    /// (chat client, prices, budget, resilience), the analysis's name and labels, the clock, the JSON of outputs.
    /// </summary>
    /// <remarks>
    /// Whatever <see cref="EvaluationOptions.RunOptions"/> returns, the analysis turns on
    /// <see cref="RunOptions.RecordNodes"/> and <see cref="RunOptions.RecordOutputs"/> for the case's run: sub-tasks
    /// are scored from the outputs the run record keeps.
    /// </remarks>
    public EvaluationOptions Evaluation { get; } = new();

    /// <summary>Gets or sets how many bootstrap resamples give the gap's 95% interval.</summary>
    /// <value>Defaults to 10,000. Allowed range: 100 to 1,000,000.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 100 to 1,000,000.</exception>
    public int BootstrapResamples
    {
        get => _resamples;
        set
        {
            if (value is < MinResamples or > MaxResamples)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"CompositionOptions.BootstrapResamples must be between {MinResamples} and {MaxResamples}.");
            }

            _resamples = value;
        }
    }

    /// <summary>
    /// Gets or sets the seed of the bootstrap's resampling. The same cases, outcomes and seed always give the same
    /// interval, on any machine; another seed shows how much its ends move with the resampling alone.
    /// </summary>
    /// <value>Defaults to 0.</value>
    public int BootstrapSeed { get; set; }

    /// <summary>Makes the options the runs go with: a copy of <see cref="Evaluation"/> whose run options keep node outputs.</summary>
    internal EvaluationOptions ForRuns(string? name)
    {
        var runOptions = Evaluation.RunOptions;
        var copy = new EvaluationOptions
        {
            MaxParallelism = Evaluation.MaxParallelism,
            CaseTimeout = Evaluation.CaseTimeout,
            Name = name,
            TimeProvider = Evaluation.TimeProvider,
            SerializerOptions = Evaluation.SerializerOptions,
            RunOptions = caseId =>
            {
                var options = runOptions is null ? new RunOptions() : runOptions(caseId)
                    ?? throw new InvalidOperationException($"EvaluationOptions.RunOptions returned null for case '{caseId}'. Return the RunOptions to run the case with.");
                options.RecordNodes = true;
                options.RecordOutputs = true;
                return options;
            },
        };
        foreach (var (key, value) in Evaluation.Labels)
        {
            copy.Labels[key] = value;
        }

        return copy;
    }
}
