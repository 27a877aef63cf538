using System.Globalization;

namespace AgentFlow.Evaluation;

/// <summary>
/// What few-shot diagnostics found: a prompt task's accuracy on its own examples and on a held-out set, each with its
/// 95% Wilson interval, the gap between them, the flags, and both evaluations' reports. Immutable.
/// </summary>
public sealed record FewShotReport
{
    // Keeps a value at a threshold on its side of it: 0.9 - 0.75 is 0.15000000000000002 in floating point.
    private const double Tolerance = 1e-9;

    /// <summary>Gets the name of the prompt task.</summary>
    public required string TaskName { get; init; }

    /// <summary>Gets the task's prompt and the hash of all its examples.</summary>
    public required PromptVersion Prompt { get; init; }

    /// <summary>Gets how the task was run on its own examples.</summary>
    public required FewShotExampleMode ExampleMode { get; init; }

    /// <summary>Gets the report of the task on its own examples: one case per example, <c>example-1</c>, <c>example-2</c>, ..., each expecting the example's output.</summary>
    public required EvalReport Examples { get; init; }

    /// <summary>Gets the report of the task on the held-out set.</summary>
    public required EvalReport HeldOut { get; init; }

    /// <summary>Gets the accuracy below which the task was flagged <see cref="FewShotFindings.PromptUnclear"/> (<see cref="FewShotOptions.MinExampleAccuracy"/>).</summary>
    public required double MinExampleAccuracy { get; init; }

    /// <summary>Gets the gap above which the task was flagged <see cref="FewShotFindings.Overfitting"/> (<see cref="FewShotOptions.MaxGap"/>).</summary>
    public required double MaxGap { get; init; }

    /// <summary>
    /// Gets the ids of the held-out cases whose input is also an example's input (compared as JSON): they are not held
    /// out, and they raise the held-out accuracy. Empty when the sets are apart.
    /// </summary>
    public required IReadOnlyList<string> HeldOutCasesInExamples { get; init; }

    /// <summary>Gets the accuracy on the task's own examples; errors count as not passed.</summary>
    public double ExampleAccuracy => Examples.Summary.Accuracy;

    /// <summary>Gets the 95% Wilson interval of <see cref="ExampleAccuracy"/>.</summary>
    public ConfidenceInterval ExampleAccuracyInterval => Examples.Summary.AccuracyInterval;

    /// <summary>Gets the accuracy on the held-out set; errors count as not passed.</summary>
    public double HeldOutAccuracy => HeldOut.Summary.Accuracy;

    /// <summary>Gets the 95% Wilson interval of <see cref="HeldOutAccuracy"/>.</summary>
    public ConfidenceInterval HeldOutAccuracyInterval => HeldOut.Summary.AccuracyInterval;

    /// <summary>Gets <see cref="ExampleAccuracy"/> minus <see cref="HeldOutAccuracy"/>: positive when the task does better on its examples.</summary>
    public double Gap => ExampleAccuracy - HeldOutAccuracy;

    /// <summary>
    /// Gets what was found wrong: <see cref="FewShotFindings.PromptUnclear"/> when <see cref="ExampleAccuracy"/> is below
    /// <see cref="MinExampleAccuracy"/>, <see cref="FewShotFindings.Overfitting"/> when <see cref="Gap"/> is above
    /// <see cref="MaxGap"/>. The thresholds apply to the accuracies themselves; with few cases, read the intervals too.
    /// </summary>
    public FewShotFindings Findings
        => (ExampleAccuracy < MinExampleAccuracy - Tolerance ? FewShotFindings.PromptUnclear : FewShotFindings.None)
           | (Gap > MaxGap + Tolerance ? FewShotFindings.Overfitting : FewShotFindings.None);

    /// <summary>Gets a value indicating whether the task is flagged <see cref="FewShotFindings.PromptUnclear"/>.</summary>
    public bool PromptUnclear => Findings.HasFlag(FewShotFindings.PromptUnclear);

    /// <summary>Gets a value indicating whether the task is flagged <see cref="FewShotFindings.Overfitting"/>.</summary>
    public bool Overfitting => Findings.HasFlag(FewShotFindings.Overfitting);

    /// <summary>Renders the diagnostics as Markdown: a table of both accuracies with their intervals, the gap, each flag with what to do, and the cases that failed.</summary>
    /// <returns>The Markdown, with LF line ends.</returns>
    public string ToMarkdown() => FewShotMarkdown.Render(this);

    /// <inheritdoc />
    public override string ToString()
        => string.Create(
            CultureInfo.InvariantCulture,
            $"{TaskName} ({Prompt}): examples {Examples.Summary.Passed}/{Examples.Summary.Cases} ({ExampleAccuracy * 100:0.0}%), held-out {HeldOut.Summary.Passed}/{HeldOut.Summary.Cases} ({HeldOutAccuracy * 100:0.0}%), gap {Gap * 100:+0.0;-0.0;0.0} points; {(Findings == FewShotFindings.None ? "no flag" : Findings.ToString())}");
}
