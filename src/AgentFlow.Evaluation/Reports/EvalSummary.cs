namespace AgentFlow.Evaluation;

/// <summary>The numbers of a group of cases: all of an evaluation's, or those with one tag.</summary>
public sealed record EvalSummary
{
    /// <summary>Gets how many cases there are.</summary>
    public required int Cases { get; init; }

    /// <summary>Gets how many passed.</summary>
    public required int Passed { get; init; }

    /// <summary>Gets how many ran and did not pass.</summary>
    public required int Failed { get; init; }

    /// <summary>Gets how many are errors: the task failed or timed out, or the scorer could not score.</summary>
    public required int Errors { get; init; }

    /// <summary>Gets <see cref="Passed"/> / <see cref="Cases"/>: errors count as not passed.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Gets the 95% Wilson score interval of <see cref="Accuracy"/>.</summary>
    public required ConfidenceInterval AccuracyInterval { get; init; }

    /// <summary>Gets the mean of the cases' score values, errors and unscored cases counting 0.</summary>
    public required double MeanScore { get; init; }

    /// <summary>Gets the median latency (nearest-rank 50th percentile) of the cases' runs.</summary>
    public required TimeSpan LatencyP50 { get; init; }

    /// <summary>Gets the nearest-rank 95th percentile latency of the cases' runs.</summary>
    public required TimeSpan LatencyP95 { get; init; }

    /// <summary>Gets the input tokens of the task's model calls, summed over the cases.</summary>
    public required long InputTokens { get; init; }

    /// <summary>Gets the output tokens of the task's model calls, summed over the cases.</summary>
    public required long OutputTokens { get; init; }

    /// <summary>Gets a value indicating whether some of the tokens were estimated with a tokenizer.</summary>
    public required bool TokensEstimated { get; init; }

    /// <summary>Gets the cost of the task's priced model calls; <see langword="null"/> when none was priced.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Gets how many of the task's model calls had no price, so are missing from <see cref="Cost"/>.</summary>
    public required int UnpricedModelCalls { get; init; }

    /// <summary>Gets the input tokens of the scorer's model calls (an LLM judge's).</summary>
    public required long ScoringInputTokens { get; init; }

    /// <summary>Gets the output tokens of the scorer's model calls.</summary>
    public required long ScoringOutputTokens { get; init; }

    /// <summary>Gets the cost of the scorer's priced model calls; <see langword="null"/> when none was priced.</summary>
    public decimal? ScoringCost { get; init; }
}
