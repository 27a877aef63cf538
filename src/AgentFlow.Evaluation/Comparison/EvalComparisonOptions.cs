namespace AgentFlow.Evaluation;

/// <summary>How <see cref="EvalComparison.Compare"/> pairs the cases of two runs and when it calls a difference significant.</summary>
public sealed class EvalComparisonOptions
{
    private double _significanceLevel = 0.05;

    /// <summary>
    /// Gets or sets a value indicating whether two runs on different datasets are compared on the cases they share:
    /// those with the same id and the same input and expected output. The others are listed in
    /// <see cref="EvalComparison.OnlyInBaseline"/>, <see cref="EvalComparison.OnlyInCandidate"/> and
    /// <see cref="EvalComparison.ChangedCases"/>, and left out of every number.
    /// </summary>
    /// <value>
    /// Defaults to <see langword="false"/>: runs on different datasets (by <see cref="EvalReport.DatasetHash"/> or by
    /// their cases) are refused with an <see cref="EvalComparisonException"/> that says how they differ.
    /// </value>
    public bool CompareCommonCases { get; set; }

    /// <summary>Gets or sets the p-value under which the McNemar test calls a difference significant.</summary>
    /// <value>Defaults to 0.05. Allowed range: above 0, up to 0.5.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not above 0 and at most 0.5.</exception>
    public double SignificanceLevel
    {
        get => _significanceLevel;
        set
        {
            if (double.IsNaN(value) || value is <= 0 or > 0.5)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "EvalComparisonOptions.SignificanceLevel must be above 0 and at most 0.5, such as 0.05.");
            }

            _significanceLevel = value;
        }
    }
}
