using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// Writes an <see cref="EvalReport"/> as report files, and reads its JSON back: Markdown for a pull request or a
/// summary page, JSON to keep and compare, a self-contained HTML page with charts to look at, JUnit XML for a CI test
/// report. The same report always gives the same bytes (invariant culture, no time but the report's own, stable
/// order), so the files can be committed and diffed.
/// </summary>
/// <remarks>
/// Report data is text to show, never markup: values are escaped for Markdown, encoded for HTML and XML, and control
/// characters are written visibly. A report page can be shared safely even when the cases hold untrusted model output.
/// </remarks>
public static class EvalReportWriter
{
    private static readonly ReportFileOptions DefaultOptions = new();

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Adds <c>EvalReport.FromJson</c>.</summary>
    extension(EvalReport)
    {
        /// <summary>
        /// Reads a report from the JSON <see cref="ToJson"/> wrote. Every summary and case field reads back equal, except
        /// what the JSON leaves out: <see cref="CaseResult.Run"/> is <see langword="null"/> and
        /// <see cref="Score.ModelCalls"/> is empty (their tokens, costs, prompts and models are kept in the report's fields).
        /// </summary>
        /// <param name="json">The file's text.</param>
        /// <returns>The report.</returns>
        /// <exception cref="EvalReportJsonException">The text is not JSON, not a report file, of another format version, or lacks a member; the message says where.</exception>
        public static EvalReport FromJson(string json)
        {
            ArgumentNullException.ThrowIfNull(json);
            return JsonReport.Read(json);
        }
    }

    /// <summary>
    /// Writes the report as Markdown: a title, what ran (task, scorer, dataset and its hash, prompt versions and hashes,
    /// models, labels, start time), the summary, a table per tag, and the failed and error cases with their expected and
    /// actual outputs, reasons and node paths.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="options">How long a value may be before it is cut short; defaults when null.</param>
    /// <returns>The Markdown, with LF line ends.</returns>
    public static string ToMarkdown(this EvalReport report, ReportFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        return MarkdownReport.Write(report, options ?? DefaultOptions);
    }

    /// <summary>
    /// Writes the whole report as indented JSON, which <c>EvalReport.FromJson</c> reads back:
    /// <c>{"format": "agentflow-eval-report", "formatVersion": 1, "report": {...}}</c>, camelCase, enums by name. The
    /// run records (<see cref="CaseResult.Run"/>) and the scorer's model call records (<see cref="Score.ModelCalls"/>)
    /// are left out: they hold exceptions and whole conversations, and the report keeps what it needs from them.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON, with LF line ends.</returns>
    public static string ToJson(this EvalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonReport.Write(report);
    }

    /// <summary>
    /// Writes the report as one self-contained HTML page (inline CSS and SVG; no script, font or link to fetch, so it
    /// works offline and prints): what ran, summary cards, the accuracy per tag with its confidence intervals, the
    /// latency distribution by outcome, and every case, failed and error cases highlighted, filterable by outcome.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="options">How long a value may be before it is cut short; defaults when null.</param>
    /// <returns>The HTML document.</returns>
    public static string ToHtml(this EvalReport report, ReportFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        return HtmlReport.Write(report, options ?? DefaultOptions);
    }

    /// <summary>
    /// Writes the report as JUnit XML: one <c>&lt;testsuite&gt;</c> named after the report, with the labels and numbers
    /// as properties, and a <c>&lt;testcase&gt;</c> per case (<c>classname</c>: the task's name, <c>name</c>: the case's
    /// id, <c>time</c>: its latency in seconds); a failed case has a <c>&lt;failure&gt;</c> whose message is the score's
    /// reason, an error case an <c>&lt;error&gt;</c> whose type is the exception's.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <returns>The XML, UTF-8 declared, with LF line ends.</returns>
    public static string ToJUnitXml(this EvalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JUnitReport.Write(report);
    }

    /// <summary>
    /// Writes report files into <paramref name="directory"/> (made if missing), named after the report:
    /// <c>{name}.md</c>, <c>{name}.json</c>, <c>{name}.html</c>, <c>{name}.junit.xml</c> (see
    /// <see cref="ReportFileOptions.FileName"/>). Existing files of those names are replaced.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="directory">The directory to write into.</param>
    /// <param name="formats">Which files to write.</param>
    /// <param name="options">The files' name and how long a value may be; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the writing; files already written stay.</param>
    /// <returns>The full paths of the files written, in the order Markdown, JSON, HTML, JUnit.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="formats"/> is <see cref="ReportFormats.None"/> or has an unknown flag.</exception>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        this EvalReport report,
        string directory,
        ReportFormats formats = ReportFormats.All,
        ReportFileOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ReportFiles.CheckFormats(formats);

        options ??= DefaultOptions;
        return await ReportFiles.WriteAsync(
            directory,
            ReportFileNames.BaseName(report, options),
            formats,
            format => format switch
            {
                ReportFormats.Markdown => Utf8.GetBytes(MarkdownReport.Write(report, options)),
                ReportFormats.Json => Utf8.GetBytes(JsonReport.Write(report)),
                ReportFormats.Html => Utf8.GetBytes(HtmlReport.Write(report, options)),
                _ => JUnitReport.WriteBytes(report),
            },
            cancellationToken).ConfigureAwait(false);
    }
}
