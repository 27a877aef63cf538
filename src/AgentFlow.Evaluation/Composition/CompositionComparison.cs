using System.Globalization;

namespace AgentFlow.Evaluation;

/// <summary>
/// Two composition analyses of the same cases side by side, such as a flow that answers directly against one that
/// decomposes the question first: accuracy, gap and classes of each, the differences, and the cases whose class changed.
/// </summary>
public sealed class CompositionComparison
{
    private CompositionComparison(CompositionAnalysis baseline, CompositionAnalysis candidate)
    {
        Baseline = baseline;
        Candidate = candidate;
        var byId = candidate.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        Changes = [.. baseline.Cases
            .Select(b => (Baseline: b, Candidate: byId[b.Id]))
            .Where(p => p.Baseline.Outcome != p.Candidate.Outcome)
            .Select(p => new CaseChange(p.Baseline.Id, p.Baseline.Category, p.Baseline.Outcome, p.Candidate.Outcome))];
    }

    /// <summary>Gets the analysis compared against, such as the current flow.</summary>
    public CompositionAnalysis Baseline { get; }

    /// <summary>Gets the analysis compared, such as the new flow.</summary>
    public CompositionAnalysis Candidate { get; }

    /// <summary>Gets the candidate's accuracy minus the baseline's.</summary>
    public double AccuracyDelta => Candidate.Summary.Accuracy - Baseline.Summary.Accuracy;

    /// <summary>Gets the candidate's gap minus the baseline's; <see langword="null"/> when either is undefined.</summary>
    public double? GapDelta => Candidate.Summary.Gap.Value - Baseline.Summary.Gap.Value;

    /// <summary>Gets the cases whose class differs, in the set's order.</summary>
    public IReadOnlyList<CaseChange> Changes { get; }

    /// <summary>Gets how many cases failed in the baseline and passed in the candidate.</summary>
    public int Fixed => Changes.Count(c => c.Candidate == CompositionOutcome.Passed);

    /// <summary>Gets how many cases passed in the baseline and failed in the candidate.</summary>
    public int Broken => Changes.Count(c => c.Baseline == CompositionOutcome.Passed);

    /// <summary>
    /// Gets the exact McNemar test of the paired pass/fail outcomes: of the cases that passed in one flow only, how
    /// unlikely so uneven a split would be if both flows were equally accurate (two-sided, binomial with p = 1/2).
    /// </summary>
    public McNemarTest McNemar => McNemarTest.Exact(baselineOnly: Broken, candidateOnly: Fixed);

    /// <summary>Compares two analyses of the same composition set.</summary>
    /// <param name="baseline">The analysis compared against.</param>
    /// <param name="candidate">The analysis compared.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException">The analyses are of different sets (their dataset hashes differ), or share a name.</exception>
    public static CompositionComparison Of(CompositionAnalysis baseline, CompositionAnalysis candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        if (baseline.DatasetHash != candidate.DatasetHash)
        {
            throw new ArgumentException(
                $"'{baseline.Name}' and '{candidate.Name}' were analysed on different sets ('{baseline.DatasetName}' {baseline.DatasetHash[..12]}, "
                + $"'{candidate.DatasetName}' {candidate.DatasetHash[..12]}): compare analyses of the same cases and expectations.",
                nameof(candidate));
        }

        if (baseline.Name == candidate.Name)
        {
            throw new ArgumentException(
                $"Both analyses are named '{baseline.Name}': give each its own name with CompositionOptions.Evaluation.Name, so the comparison can tell them apart.",
                nameof(candidate));
        }

        return new CompositionComparison(baseline, candidate);
    }

    /// <inheritdoc />
    public override string ToString()
        => string.Create(
            CultureInfo.InvariantCulture,
            $"{Baseline.Name} vs {Candidate.Name} on {Baseline.DatasetName}: accuracy {Baseline.Summary.Accuracy * 100:0.0}% -> {Candidate.Summary.Accuracy * 100:0.0}%, gap {Percent(Baseline.Summary.Gap.Value)} -> {Percent(Candidate.Summary.Gap.Value)}, {Fixed} fixed, {Broken} broken");

    private static string Percent(double? value) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v * 100:0.0}%") : "undefined";
}
