namespace AgentFlow.Evaluation;

/// <summary>One row of the chart that puts two flows' numbers side by side, or a heading over rows.</summary>
/// <param name="Label">The row's label, or the heading's text.</param>
/// <param name="Kind">The row's CSS class, such as <c>accuracy</c> or <c>gap</c>.</param>
/// <param name="Baseline">The baseline's value and interval; <see langword="null"/> when undefined.</param>
/// <param name="Candidate">The candidate's value and interval; <see langword="null"/> when undefined.</param>
/// <param name="Annotation">The text right of the plot, such as <c>50.0% → 72.5%</c>.</param>
/// <param name="Detail">The row's tooltip and accessible description.</param>
internal sealed record PairedMeasureRow(string Label, string Kind, (double? Value, ConfidenceInterval? Interval) Baseline, (double? Value, ConfidenceInterval? Interval) Candidate, string Annotation, string Detail)
{
    /// <summary>Gets a value indicating whether the row is a heading over the rows after it.</summary>
    public bool IsHeading => Kind == "heading";

    /// <summary>A heading over the rows after it.</summary>
    public static PairedMeasureRow Heading(string text) => new(text, "heading", (null, null), (null, null), string.Empty, string.Empty);
}
