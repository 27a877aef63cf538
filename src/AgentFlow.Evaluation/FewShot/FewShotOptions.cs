namespace AgentFlow.Evaluation;

/// <summary>How <see cref="FewShotDiagnostics"/> runs a prompt task on its examples and on a held-out set, and when it flags the task.</summary>
public sealed class FewShotOptions
{
    private double _minExampleAccuracy = 0.9;
    private double _maxGap = 0.15;

    /// <summary>Gets or sets how the task is run on its own examples.</summary>
    /// <value>Defaults to <see cref="FewShotExampleMode.LeaveOneOut"/>.</value>
    public FewShotExampleMode ExampleMode { get; set; } = FewShotExampleMode.LeaveOneOut;

    /// <summary>Gets or sets the accuracy on its own examples below which the task is flagged <see cref="FewShotFindings.PromptUnclear"/>.</summary>
    /// <value>Defaults to 0.9. Allowed range: 0 to 1 (0 never flags).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a number from 0 to 1.</exception>
    public double MinExampleAccuracy
    {
        get => _minExampleAccuracy;
        set => _minExampleAccuracy = Fraction(value, nameof(MinExampleAccuracy));
    }

    /// <summary>
    /// Gets or sets the gap, accuracy on its own examples minus accuracy on the held-out set, above which the task is
    /// flagged <see cref="FewShotFindings.Overfitting"/>.
    /// </summary>
    /// <value>Defaults to 0.15 (15 percentage points). Allowed range: 0 to 1 (1 never flags).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a number from 0 to 1.</exception>
    public double MaxGap
    {
        get => _maxGap;
        set => _maxGap = Fraction(value, nameof(MaxGap));
    }

    /// <summary>
    /// Gets or sets how both evaluations run: parallelism, case timeout, the run options (chat client, prices, resilience)
    /// of each case, name, labels and clock. The same options run the examples and the held-out set.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: default <see cref="EvaluationOptions"/>, which give the runs no chat client.</value>
    public EvaluationOptions? Evaluation { get; set; }

    private static double Fraction(double value, string name)
    {
        if (double.IsNaN(value) || value is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"FewShotOptions.{name} must be a number from 0 to 1.");
        }

        return value;
    }
}
