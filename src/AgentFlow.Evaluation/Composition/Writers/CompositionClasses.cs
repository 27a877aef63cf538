namespace AgentFlow.Evaluation;

/// <summary>
/// How the report pages show the classes of composition cases: a word, a CSS class, a symbol and a colour of the
/// Okabe-Ito palette, so that a class reads without colour too (by its symbol and word) and survives colour blindness.
/// </summary>
internal static class CompositionClasses
{
    public const string PassedColor = "#0072B2";
    public const string GapColor = "#E69F00";
    public const string SubTaskColor = "#D55E00";
    public const string RouteColor = "#009E73";
    public const string TaskFailedColor = "#CC79A7";
    public const string ScoringColor = "#A3AAB3";

    /// <summary>Sky blue: the cases whose final output was right although a sub-task was wrong.</summary>
    public const string LuckyColor = "#56B4E9";

    /// <summary>The classes in the order they are decided (see <see cref="CompositionOutcome"/>): the order of charts, legends and filters.</summary>
    public static IReadOnlyList<CompositionOutcome> InPrecedence { get; } =
    [
        CompositionOutcome.TaskFailed, CompositionOutcome.ScoringFailed, CompositionOutcome.Passed,
        CompositionOutcome.WrongRoute, CompositionOutcome.SubTaskIncorrect, CompositionOutcome.CompositionGap,
    ];

    /// <summary>The class as words: <c>Composability gap</c>.</summary>
    public static string Name(CompositionOutcome outcome) => CompositionMarkdown.Name(outcome);

    /// <summary>The class as a CSS class and an id part: <c>gap</c>.</summary>
    public static string Css(CompositionOutcome outcome) => outcome switch
    {
        CompositionOutcome.Passed => "passed",
        CompositionOutcome.TaskFailed => "task-failed",
        CompositionOutcome.ScoringFailed => "scoring-failed",
        CompositionOutcome.WrongRoute => "wrong-route",
        CompositionOutcome.SubTaskIncorrect => "subtask-incorrect",
        _ => "gap",
    };

    /// <summary>The class's symbol: ✓ passed, ⚠ task failed, ? scoring failed, ↷ wrong route, ✗ sub-task incorrect, ◆ composability gap.</summary>
    public static string Symbol(CompositionOutcome outcome) => outcome switch
    {
        CompositionOutcome.Passed => "✓",
        CompositionOutcome.TaskFailed => "⚠",
        CompositionOutcome.ScoringFailed => "?",
        CompositionOutcome.WrongRoute => "↷",
        CompositionOutcome.SubTaskIncorrect => "✗",
        _ => "◆",
    };

    /// <summary>The colour of a class (for the patterned ones, the colour under the pattern).</summary>
    public static string Color(CompositionOutcome outcome) => outcome switch
    {
        CompositionOutcome.Passed => PassedColor,
        CompositionOutcome.TaskFailed => TaskFailedColor,
        CompositionOutcome.ScoringFailed => ScoringColor,
        CompositionOutcome.WrongRoute => RouteColor,
        CompositionOutcome.SubTaskIncorrect => SubTaskColor,
        _ => GapColor,
    };

    /// <summary>The fill of a class in a chart: a colour, or the chart's pattern for the classes that have no verdict (hatched for a failed run, dotted for an unscored output).</summary>
    public static string Fill(string chartId, CompositionOutcome outcome) => outcome switch
    {
        CompositionOutcome.TaskFailed => $"url(#{chartId}-hatch)",
        CompositionOutcome.ScoringFailed => $"url(#{chartId}-dots)",
        _ => Color(outcome),
    };

    /// <summary>The patterns <see cref="Fill"/> refers to, for a chart's <c>&lt;defs&gt;</c>.</summary>
    public static string Patterns(string chartId)
        => SvgChart.Hatch(chartId)
           + $"<pattern id=\"{chartId}-dots\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\"><rect width=\"5\" height=\"5\" fill=\"{ScoringColor}\" /><circle cx=\"2.5\" cy=\"2.5\" r=\"1.1\" fill=\"#FFFFFF\" /></pattern>";

    /// <summary>A class as a badge with its symbol and word.</summary>
    public static string Badge(CompositionOutcome outcome)
        => $"<span class=\"badge {Css(outcome)}\">{Symbol(outcome)} {Html.Encode(Name(outcome))}</span>";

    /// <summary>A class's swatch, for legends.</summary>
    public static string Swatch(CompositionOutcome outcome) => $"<span class=\"swatch o-{Css(outcome)}\"></span>";

    /// <summary>
    /// The rule that puts a case in the class, for the legend of the precedence; the final output's unscorable case and
    /// a sub-task's are two rules of one class.
    /// </summary>
    public static IReadOnlyList<(CompositionOutcome Outcome, string Rule)> Rules { get; } =
    [
        (CompositionOutcome.TaskFailed, "the run did not complete: a task threw, timed out, or its reply never parsed"),
        (CompositionOutcome.ScoringFailed, "the final output could not be scored"),
        (CompositionOutcome.Passed, "the final output is right, whatever the steps did"),
        (CompositionOutcome.WrongRoute, "a listed route chose another case, or none"),
        (CompositionOutcome.SubTaskIncorrect, "a listed sub-task was wrong, or did not run"),
        (CompositionOutcome.ScoringFailed, "a sub-task could not be scored, and no step is known to be wrong"),
        (CompositionOutcome.CompositionGap, "every listed sub-task and route was right, the final output wrong"),
    ];
}
