namespace AgentFlow.Evaluation;

/// <summary>One row of an interval bar chart: a proportion drawn as a bar, its confidence interval as whiskers.</summary>
/// <param name="Label">The row's label, left of the bar.</param>
/// <param name="Value">The proportion, from 0 to 1.</param>
/// <param name="Interval">Its confidence interval.</param>
/// <param name="Annotation">The text right of the bar, such as <c>66.7% · 2/3</c>.</param>
/// <param name="Detail">The row's tooltip and accessible description.</param>
/// <param name="Kind">The row's kind, a CSS class: <c>tag</c> for a tag, <c>overall</c> for all cases.</param>
internal sealed record IntervalBar(string Label, double Value, ConfidenceInterval Interval, string Annotation, string Detail, string Kind);
