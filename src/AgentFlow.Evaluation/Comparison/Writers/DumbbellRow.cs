namespace AgentFlow.Evaluation;

/// <summary>One row of a dumbbell chart: a group's accuracy in the baseline and in the candidate, each with its interval.</summary>
/// <param name="Label">The row's label, left of the plot: a tag, or <c>All cases</c>.</param>
/// <param name="Kind">The row's kind, a CSS class: <c>overall</c> or <c>tag</c>.</param>
/// <param name="Baseline">The baseline's accuracy, from 0 to 1.</param>
/// <param name="BaselineInterval">Its confidence interval.</param>
/// <param name="Candidate">The candidate's accuracy, from 0 to 1.</param>
/// <param name="CandidateInterval">Its confidence interval.</param>
/// <param name="Accuracies">The first line right of the plot, such as <c>45.0% → 85.0%</c>.</param>
/// <param name="Change">The second line, such as <c>▲ +40.0 points · 20 cases</c>.</param>
/// <param name="Detail">The row's tooltip and accessible description.</param>
internal sealed record DumbbellRow(
    string Label,
    string Kind,
    double Baseline,
    ConfidenceInterval BaselineInterval,
    double Candidate,
    ConfidenceInterval CandidateInterval,
    string Accuracies,
    string Change,
    string Detail)
{
    /// <summary>Gets <c>up</c>, <c>down</c> or <c>same</c>: where the candidate's accuracy is from the baseline's.</summary>
    public string Direction => Candidate > Baseline ? "up" : Candidate < Baseline ? "down" : "same";
}
