namespace AgentFlow.Evaluation;

/// <summary>How <see cref="EvalReportWriter"/> and <see cref="EvalComparisonWriter"/> render and name their files.</summary>
public sealed class ReportFileOptions
{
    /// <summary>The shortest allowed <see cref="MaxValueLength"/>.</summary>
    public const int MinValueLength = 20;

    /// <summary>The longest allowed <see cref="MaxValueLength"/>.</summary>
    public const int MaxAllowedValueLength = 1_000_000;

    private int _maxValueLength = 300;
    private string? _fileName;

    /// <summary>
    /// Gets or sets the most characters of one value (an input, an expected or actual output, a reason) shown in the
    /// Markdown and HTML files. A longer value is cut short and ends with an ellipsis (…), and the file says so; the JSON
    /// and JUnit files keep every value whole.
    /// </summary>
    /// <value>Defaults to 300. Allowed range: 20 to 1,000,000.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 20 to 1,000,000.</exception>
    public int MaxValueLength
    {
        get => _maxValueLength;
        set
        {
            if (value is < MinValueLength or > MaxAllowedValueLength)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "ReportFileOptions.MaxValueLength must be between 20 and 1,000,000.");
            }

            _maxValueLength = value;
        }
    }

    /// <summary>
    /// Gets or sets the name the files share, without extension: <c>{FileName}.md</c>, <c>{FileName}.json</c>,
    /// <c>{FileName}.html</c> and <c>{FileName}.junit.xml</c>.
    /// </summary>
    /// <value>
    /// Defaults to <see langword="null"/>: the report's <see cref="EvalReport.Name"/>, with each character that is not
    /// allowed in a file name on Windows, Linux or macOS (such as <c>/</c>, <c>:</c> or <c>*</c>) replaced by <c>-</c>;
    /// for a comparison, <c>{baseline}-vs-{candidate}</c> from the two runs' names, made safe the same way.
    /// </value>
    /// <exception cref="ArgumentException">The value is empty, holds a character not allowed in a file name, or is <c>.</c> or <c>..</c>.</exception>
    public string? FileName
    {
        get => _fileName;
        set
        {
            if (value is not null && (value.Length == 0 || value.Trim('.', ' ').Length == 0 || value.Any(ReportFileNames.IsNotAllowed)))
            {
                throw new ArgumentException(
                    $"ReportFileOptions.FileName '{value}' is not a file name: give a name without a path and without any of {ReportFileNames.NotAllowedDescription}, such as 'triage-eval'.",
                    nameof(value));
            }

            _fileName = value;
        }
    }
}
