namespace AgentFlow.Evaluation;

/// <summary>
/// Two runs compared case by case: a baseline (the current prompt or model) and a candidate (the new one), on the same
/// cases. Gives each run's accuracy and the difference with its 95% interval, the 2×2 table of paired outcomes, the
/// exact McNemar test, the cases that flipped either way, the changes in latency, tokens and cost, and per-tag numbers.
/// Immutable, and serialisable to JSON as it is; <see cref="ToMarkdown"/> renders it, and <see cref="EvalComparisonWriter"/>
/// writes it as Markdown, JSON, an HTML page and JUnit XML.
/// </summary>
public sealed record EvalComparison
{
    /// <summary>Gets the baseline run and its numbers on the compared cases.</summary>
    public required ComparedRun Baseline { get; init; }

    /// <summary>Gets the candidate run and its numbers on the compared cases.</summary>
    public required ComparedRun Candidate { get; init; }

    /// <summary>Gets a value indicating whether both runs are on the same dataset (the same <see cref="EvalReport.DatasetHash"/> and cases).</summary>
    public required bool SameDataset { get; init; }

    /// <summary>Gets how many cases were compared: those of the dataset, or those both runs share.</summary>
    public required int Cases { get; init; }

    /// <summary>Gets the ids of the cases only the baseline has, left out; empty on the same dataset.</summary>
    public required IReadOnlyList<string> OnlyInBaseline { get; init; }

    /// <summary>Gets the ids of the cases only the candidate has, left out; empty on the same dataset.</summary>
    public required IReadOnlyList<string> OnlyInCandidate { get; init; }

    /// <summary>Gets the ids of the cases both runs have but with a different input or expected output, left out.</summary>
    public required IReadOnlyList<string> ChangedCases { get; init; }

    /// <summary>Gets the 2×2 table of the compared cases' outcomes.</summary>
    public required PairedOutcomes Outcomes { get; init; }

    /// <summary>Gets the candidate's accuracy less the baseline's on the compared cases, from −1 to 1: (c − b) / n.</summary>
    public required double AccuracyDelta { get; init; }

    /// <summary>Gets the 95% interval of <see cref="AccuracyDelta"/>, by Newcombe's square-and-add method for paired proportions.</summary>
    public required ConfidenceInterval AccuracyDeltaInterval { get; init; }

    /// <summary>Gets the exact McNemar test of the discordant cases.</summary>
    public required McNemarTest McNemar { get; init; }

    /// <summary>Gets the significance level the verdict used (<see cref="EvalComparisonOptions.SignificanceLevel"/>).</summary>
    public required double SignificanceLevel { get; init; }

    /// <summary>Gets what the comparison concludes.</summary>
    public required ComparisonVerdict Verdict { get; init; }

    /// <summary>
    /// Gets the conclusion in one line, such as <c>candidate better, p=0.0215: accuracy 60.0% → 80.0% (+20.0 points,
    /// 95% CI +3.9 to +33.6) on 40 cases; 9 improved, 1 regressed</c>, or <c>no significant difference, p=0.41: ...</c>.
    /// </summary>
    public required string Conclusion { get; init; }

    /// <summary>Gets the cases that did not pass in the baseline and passed in the candidate, in the baseline's order.</summary>
    public required IReadOnlyList<FlippedCase> Improved { get; init; }

    /// <summary>Gets the cases that passed in the baseline and did not pass in the candidate, in the baseline's order.</summary>
    public required IReadOnlyList<FlippedCase> Regressed { get; init; }

    /// <summary>Gets the candidate's median latency less the baseline's, on the compared cases.</summary>
    public required TimeSpan LatencyP50Delta { get; init; }

    /// <summary>Gets the candidate's 95th percentile latency less the baseline's, on the compared cases.</summary>
    public required TimeSpan LatencyP95Delta { get; init; }

    /// <summary>Gets the candidate's input tokens less the baseline's, on the compared cases.</summary>
    public required long InputTokensDelta { get; init; }

    /// <summary>Gets the candidate's output tokens less the baseline's, on the compared cases.</summary>
    public required long OutputTokensDelta { get; init; }

    /// <summary>Gets the candidate's cost less the baseline's; <see langword="null"/> unless both runs were priced.</summary>
    public decimal? CostDelta { get; init; }

    /// <summary>Gets the comparison of the cases with each tag, sorted by tag; a case with several tags counts in each.</summary>
    public required IReadOnlyDictionary<string, TagComparison> ByTag { get; init; }

    /// <summary>Gets what could make the numbers mislead: different scorers or judge rubrics, cases left out.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Compares a candidate run with a baseline run on the same cases.</summary>
    /// <param name="baseline">The run to compare against: the current prompt, model or flow.</param>
    /// <param name="candidate">The run to judge: the new prompt, model or flow.</param>
    /// <param name="options">How cases are paired and the significance level; defaults when null.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="EvalComparisonException">
    /// The runs are on different datasets and <see cref="EvalComparisonOptions.CompareCommonCases"/> is off, they share no
    /// case, or a report has two cases with the same id.
    /// </exception>
    public static EvalComparison Compare(EvalReport baseline, EvalReport candidate, EvalComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        return ComparisonBuilder.Compare(baseline, null, candidate, null, options ?? new EvalComparisonOptions());
    }

    /// <summary>Renders the comparison as Markdown: the conclusion, a table of both runs and the changes, the paired outcomes, per-tag numbers and the flipped cases.</summary>
    /// <returns>The Markdown text, with <c>\n</c> line ends.</returns>
    public string ToMarkdown() => ComparisonMarkdown.Render(this);

    /// <inheritdoc />
    public override string ToString() => Conclusion;
}
