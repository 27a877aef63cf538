using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AgentFlow.Evaluation;
using NUnit.Framework.Constraints;

namespace AgentFlow.Testing.NUnit;

/// <summary>
/// Holds when a composition analysis's gap is at most a bound and its accuracy at least one, overall or in one category;
/// on a comparison, for one flow or for both. Create it with <see cref="Composability"/>.
/// </summary>
/// <remarks>
/// A failure names the flow and the set, gives the number with its count and 95% interval, the bound, the cases in each
/// class, and the worst cases (lowest final score first) with what was expected and what came out. An undefined gap (no
/// case had all its sub-tasks right) fails a gap bound: there is nothing to bound.
/// </remarks>
public sealed class ComposabilityConstraint : Constraint
{
    private const int CasesShown = 5;

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private double? _maxGap;
    private double? _minAccuracy;
    private bool _byInterval;
    private string? _flow;
    private string? _category;

    internal ComposabilityConstraint()
    {
    }

    /// <inheritdoc />
    public override string Description
    {
        get
        {
            List<string> bounds = [];
            if (_maxGap is { } gap)
            {
                bounds.Add($"a composability gap{(_byInterval ? " (95% upper bound)" : null)} of at most {Percent(gap)}");
            }

            if (_minAccuracy is { } accuracy)
            {
                bounds.Add($"an accuracy{(_byInterval ? " (95% lower bound)" : null)} of at least {Percent(accuracy)}");
            }

            return string.Join(" and ", bounds) + (_category is null ? null : $" in the category '{_category}'") + (_flow is null ? null : $" for '{_flow}'");
        }
    }

    /// <summary>Also requires the composability gap to be defined and at most <paramref name="maximum"/>.</summary>
    /// <param name="maximum">The largest gap allowed, from 0 to 1.</param>
    /// <returns>This constraint.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maximum"/> is not a number from 0 to 1.</exception>
    public ComposabilityConstraint AndGapAtMost(double maximum)
    {
        _maxGap = Bound(maximum, nameof(maximum));
        return this;
    }

    /// <summary>Also requires the accuracy of the final outputs to be at least <paramref name="minimum"/>.</summary>
    /// <param name="minimum">The least accuracy allowed, from 0 to 1.</param>
    /// <returns>This constraint.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is not a number from 0 to 1.</exception>
    public ComposabilityConstraint AndAccuracyAtLeast(double minimum)
    {
        _minAccuracy = Bound(minimum, nameof(minimum));
        return this;
    }

    /// <summary>
    /// Bounds the 95% interval's far end rather than the estimate: the gap's upper bound must be at most the maximum, the
    /// accuracy's lower bound at least the minimum. Holds only when the cases are enough to be confident of it.
    /// </summary>
    /// <returns>This constraint.</returns>
    public ComposabilityConstraint ByInterval()
    {
        _byInterval = true;
        return this;
    }

    /// <summary>On a comparison, checks only the analysis of this name (the baseline's or the candidate's); without it, both must hold.</summary>
    /// <param name="name">The analysis's name.</param>
    /// <returns>This constraint.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public ComposabilityConstraint For(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _flow = name;
        return this;
    }

    /// <summary>Checks the numbers of one category's cases rather than all.</summary>
    /// <param name="category">The category.</param>
    /// <returns>This constraint.</returns>
    /// <exception cref="ArgumentException"><paramref name="category"/> is null or empty.</exception>
    public ComposabilityConstraint InCategory(string category)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        _category = category;
        return this;
    }

    /// <inheritdoc />
    public override ConstraintResult ApplyTo<TActual>(TActual actual)
    {
        var analyses = actual switch
        {
            CompositionAnalysis analysis when _flow is null || analysis.Name == _flow => [analysis],
            CompositionAnalysis analysis => throw new ArgumentException($"Composability.For(\"{_flow}\") was given the analysis '{analysis.Name}'. Use For on a comparison, or leave it out.", nameof(actual)),
            CompositionComparison comparison when _flow is null => [comparison.Baseline, comparison.Candidate],
            CompositionComparison comparison => new[] { comparison.Baseline, comparison.Candidate }.Where(a => a.Name == _flow).ToArray() is { Length: > 0 } named
                ? named
                : throw new ArgumentException($"The comparison has no analysis named '{_flow}': it compares '{comparison.Baseline.Name}' and '{comparison.Candidate.Name}'.", nameof(actual)),
            _ => throw new ArgumentException(
                $"Composability constraints apply to a CompositionAnalysis or a CompositionComparison, not {(actual is null ? "null" : $"a {actual.GetType().Name}")}.",
                nameof(actual)),
        };

        List<string> lines = [];
        List<string> summaries = [];
        foreach (var analysis in analyses)
        {
            var (summary, problems) = Check(analysis);
            summaries.Add(summary);
            lines.AddRange(problems);
        }

        return new FlowConstraintResult(this, lines.Count == 0, string.Join("; ", summaries), lines);
    }

    private (string Summary, List<string> Lines) Check(CompositionAnalysis analysis)
    {
        var where = _category is null ? string.Empty : $" in the category '{_category}'";
        var subject = $"'{analysis.Name}' on '{analysis.DatasetName}'{where}";
        if (_category is not null && !analysis.ByCategory.ContainsKey(_category))
        {
            var known = analysis.ByCategory.Count == 0 ? "its cases have no category" : $"its categories are {string.Join(", ", analysis.ByCategory.Keys.Select(k => $"'{k}'"))}";
            return ($"no category '{_category}' in '{analysis.Name}'", [$"The analysis '{analysis.Name}' has no case in the category '{_category}': {known}."]);
        }

        var summary = _category is null ? analysis.Summary : analysis.ByCategory[_category];
        var cases = analysis.Cases.Where(c => _category is null || c.Category == _category).ToList();
        var gap = summary.Gap;
        var brief = $"gap {Gap(gap)} and accuracy {Percent(summary.Accuracy)} of '{analysis.Name}'{where}";
        List<string> lines = [];
        if (_maxGap is { } maxGap)
        {
            if (gap.Value is not { } value)
            {
                lines.Add($"The composability gap of {subject} is undefined: no case had all its listed sub-tasks and routes right, so there is nothing to hold to at most {Percent(maxGap)}.");
                lines.Add(Outcomes(summary));
            }
            else if ((_byInterval ? gap.Interval?.Upper ?? value : value) > maxGap)
            {
                var measured = _byInterval ? $"has a 95% upper bound of {Percent(gap.Interval?.Upper ?? value)}" : $"is {Percent(value)}";
                lines.Add($"The composability gap of {subject} {measured} ({gap.GapCases} of {gap.SubTasksRightCases} cases whose sub-tasks were all right had a wrong final output{Interval(gap.Interval)}), but at most {Percent(maxGap)} was expected.");
                lines.Add(Outcomes(summary));
                lines.AddRange(Worst("Cases with all sub-tasks right and the final output wrong", cases.Where(c => c.Outcome == CompositionOutcome.CompositionGap).ToList()));
            }
        }

        if (_minAccuracy is { } minAccuracy && (_byInterval ? summary.AccuracyInterval.Lower : summary.Accuracy) < minAccuracy)
        {
            var measured = _byInterval ? $"has a 95% lower bound of {Percent(summary.AccuracyInterval.Lower)}" : $"is {Percent(summary.Accuracy)}";
            lines.Add($"The accuracy of {subject} {measured} ({summary.Passed} of {summary.Cases} cases passed{Interval(summary.AccuracyInterval)}), but at least {Percent(minAccuracy)} was expected.");
            if (lines.Count == 1)
            {
                lines.Add(Outcomes(summary));
            }

            lines.AddRange(Worst("Cases not passed", cases.Where(c => c.Outcome != CompositionOutcome.Passed).ToList()));
        }

        return (brief, lines);
    }

    /// <summary>The worst cases, lowest final score first (a failed run or an unscored output scores nothing), with what went wrong.</summary>
    private static IEnumerable<string> Worst(string title, List<CompositionCaseResult> cases)
    {
        if (cases.Count == 0)
        {
            yield break;
        }

        var shown = cases.OrderBy(c => c.Final.Score?.Value ?? -1).Take(CasesShown).ToList();
        yield return cases.Count > shown.Count ? $"{title} (the worst {shown.Count} of {cases.Count}):" : $"{title}:";
        foreach (var @case in shown)
        {
            var got = @case.Final.Actual is { } actual ? $"got {Json(actual)}" : "no output";
            yield return $"  {@case.Id}: expected {Json(@case.Final.Expected)}, {got}; {@case.Explanation} Input: {Json(@case.Final.Input)}";
        }
    }

    private static string Outcomes(CompositionSummary summary)
    {
        var counts = Enum.GetValues<CompositionOutcome>()
            .Where(o => summary.Count(o) > 0)
            .Select(o => $"{summary.Count(o)} {Words(o)}");
        return $"Outcomes of its {summary.Cases} cases: {string.Join(", ", counts)}.";
    }

    private static string Words(CompositionOutcome outcome) => outcome switch
    {
        CompositionOutcome.Passed => "passed",
        CompositionOutcome.TaskFailed => "task failed",
        CompositionOutcome.ScoringFailed => "scoring failed",
        CompositionOutcome.WrongRoute => "wrong route",
        CompositionOutcome.SubTaskIncorrect => "sub-task incorrect",
        _ => "composability gap",
    };

    private static string Json(JsonElement value)
    {
        var text = JsonSerializer.Serialize(value, Relaxed).ReplaceLineEndings(" ");
        return text.Length > 100 ? text[..97] + "..." : text;
    }

    private static string Gap(GapEstimate gap) => gap.Value is { } value ? Percent(value) : "undefined";

    private static string Interval(ConfidenceInterval? interval)
        => interval is null ? string.Empty : $"; 95% CI {Percent(interval.Lower)} to {Percent(interval.Upper)}";

    private static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.0}%");

    private static double Bound(double value, string name)
        => double.IsNaN(value) || value is < 0 or > 1
            ? throw new ArgumentOutOfRangeException(name, value, "A bound on a gap or an accuracy is a proportion from 0 to 1, such as 0.2 for 20%.")
            : value;
}
