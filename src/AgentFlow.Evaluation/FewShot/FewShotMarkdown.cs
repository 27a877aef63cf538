using System.Globalization;
using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>Renders a <see cref="FewShotReport"/> as Markdown.</summary>
internal static class FewShotMarkdown
{
    private const int MaxIdsShown = 10;

    public static string Render(FewShotReport report)
    {
        var text = new StringBuilder();
        var examples = report.Examples.Summary;
        var heldOut = report.HeldOut.Summary;
        Line(text, $"## Few-shot diagnostics: {Code(report.TaskName)}");
        Line(text);
        var mode = report.ExampleMode == FewShotExampleMode.LeaveOneOut
            ? "each asked with the other examples in the prompt, not itself (leave-one-out)"
            : "each asked with all the examples in the prompt, itself included";
        Line(text, $"Prompt {Code(report.Prompt.ToString())}, {examples.Cases} example(s), {mode}.");
        Line(text);
        Line(text, "| Set | Cases | Passed | Errors | Accuracy | 95% CI |");
        Line(text, "| --- | ---: | ---: | ---: | ---: | --- |");
        Row(text, "Own examples", examples);
        Row(text, $"Held-out: {Code(report.HeldOut.DatasetName)}", heldOut);
        Line(text);
        Line(text, $"Gap (examples minus held-out): {Points(report.Gap, signed: true)} points; flagged above {Points(report.MaxGap, signed: false)}.");
        Line(text);
        if (report.PromptUnclear)
        {
            Line(text, $"**Prompt unclear.** The task gets {Percent(report.ExampleAccuracy)} of its own examples right, below {Percent(report.MinExampleAccuracy)}: "
                + "the model does not follow the prompt or its examples. Make the instructions clearer, and check that the examples agree with them, "
                + "with each other and with the output's format.");
            Line(text);
        }

        if (report.Overfitting)
        {
            Line(text, $"**Overfitting.** The task does {Points(report.Gap, signed: false)} points better on its own examples than on held-out cases, "
                + $"more than {Points(report.MaxGap, signed: false)}: the examples do not represent the cases it meets. "
                + "Add examples like the held-out cases it fails, varied rather than alike.");
            Line(text);
        }

        if (report.Findings == FewShotFindings.None)
        {
            Line(text, "No flag: the task gets its examples right and does about as well on held-out cases.");
            Line(text);
        }

        Ids(text, "Examples not passed", report.Examples.Cases.Where(c => !c.Passed).Select(c => c.Id).ToList());
        Ids(text, "Held-out cases not passed", report.HeldOut.Cases.Where(c => !c.Passed).Select(c => c.Id).ToList());
        if (report.HeldOutCasesInExamples.Count > 0)
        {
            Ids(text, "Held-out cases whose input is an example's (not held out: their answer is in the prompt)", report.HeldOutCasesInExamples);
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static void Row(StringBuilder text, string name, EvalSummary summary)
        => Line(text, string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {summary.Cases} | {summary.Passed} | {summary.Errors} | {Percent(summary.Accuracy)} | {Percent(summary.AccuracyInterval.Lower)} to {Percent(summary.AccuracyInterval.Upper)} |"));

    private static void Ids(StringBuilder text, string label, IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var shown = string.Join(", ", ids.Take(MaxIdsShown).Select(Code));
        Line(text, ids.Count > MaxIdsShown
            ? string.Create(CultureInfo.InvariantCulture, $"{label}: {shown} and {ids.Count - MaxIdsShown} more.")
            : $"{label}: {shown}.");
        Line(text);
    }

    private static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.0}%");

    private static string Points(double value, bool signed)
        => signed
            ? string.Create(CultureInfo.InvariantCulture, $"{value * 100:+0.0;-0.0;0.0}")
            : string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.0}");

    /// <summary>A code span; backticks and line ends in the value would break it, so they are replaced.</summary>
    private static string Code(string value) => $"`{value.Replace('`', '\'').ReplaceLineEndings(" ")}`";

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
