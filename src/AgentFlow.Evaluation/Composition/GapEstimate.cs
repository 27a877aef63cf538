using System.Globalization;

namespace AgentFlow.Evaluation;

/// <summary>
/// The composability gap of a group of cases: among the cases whose listed sub-tasks and routes were all right, the
/// share whose final output was wrong, with a percentile bootstrap 95% interval. Undefined when no case had all its
/// sub-tasks right: then <see cref="Value"/> and <see cref="Interval"/> are <see langword="null"/>.
/// </summary>
public sealed record GapEstimate
{
    /// <summary>Gets how many cases had every sub-task right and the final output wrong (the numerator).</summary>
    public required int GapCases { get; init; }

    /// <summary>Gets how many cases had every sub-task right (the denominator).</summary>
    public required int SubTasksRightCases { get; init; }

    /// <summary>Gets <see cref="GapCases"/> / <see cref="SubTasksRightCases"/>, or <see langword="null"/> when no case had every sub-task right.</summary>
    public double? Value => SubTasksRightCases == 0 ? null : GapCases / (double)SubTasksRightCases;

    /// <summary>Gets a value indicating whether the gap is defined: some case had every sub-task right.</summary>
    public bool IsDefined => SubTasksRightCases > 0;

    /// <summary>
    /// Gets the percentile bootstrap 95% interval: the cases of the 2x2 table resampled with replacement
    /// <see cref="Resamples"/> times, the gap of each resample computed, and the 2.5th and 97.5th nearest-rank
    /// percentiles of those taken. <see langword="null"/> when the gap is undefined.
    /// </summary>
    public ConfidenceInterval? Interval { get; init; }

    /// <summary>Gets how many resamples were drawn.</summary>
    public required int Resamples { get; init; }

    /// <summary>Gets how many resamples had no case with every sub-task right, so no gap, and were left out of the percentiles.</summary>
    public required int UndefinedResamples { get; init; }

    /// <summary>Gets the seed of the resampling: the same cases, outcomes and seed always give the same interval.</summary>
    public required int Seed { get; init; }

    /// <inheritdoc />
    public override string ToString()
        => Value is { } value
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{value * 100:0.0}% ({GapCases}/{SubTasksRightCases}{(Interval is { } i ? $", 95% CI {i.Lower * 100:0.0}% to {i.Upper * 100:0.0}%" : string.Empty)})")
            : "undefined: no case had all its sub-tasks right";
}
