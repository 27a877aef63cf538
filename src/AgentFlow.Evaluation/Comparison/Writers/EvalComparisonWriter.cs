using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// Writes an <see cref="EvalComparison"/> as files, like <see cref="EvalReportWriter"/> writes a report: Markdown for a
/// pull request (<see cref="EvalComparison.ToMarkdown"/>), JSON to keep, a self-contained HTML page with charts to look
/// at, and JUnit XML so that a CI server lists each regressed case as a failed test. The same comparison always gives
/// the same bytes (invariant culture, no time but the runs' own, stable order).
/// </summary>
/// <remarks>
/// Case data is text to show, never markup: it is escaped for Markdown, encoded for HTML and XML, and control characters
/// are written visibly, so a comparison page can be shared even when the cases hold untrusted model output.
/// </remarks>
public static class EvalComparisonWriter
{
    private static readonly ReportFileOptions DefaultOptions = new();

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes the comparison as one self-contained HTML page (inline CSS and SVG; no script, font or link to fetch, so it
    /// works offline and prints): the conclusion, word for word as in the Markdown, and what it means; both runs side by
    /// side (prompt versions and hashes, models, labels, dataset, scorer), what changed marked; cards with both accuracies
    /// and their intervals, the difference and its interval, the p-value and the discordant pairs, errors, latency, tokens
    /// and cost; the 2×2 table of paired outcomes as a grid of proportional areas; the accuracy per tag as a dumbbell chart
    /// with both intervals; and the regressed and improved cases with the expected output beside both runs' outputs.
    /// </summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="options">How long a value may be before it is cut short; defaults when null.</param>
    /// <returns>The HTML document.</returns>
    public static string ToHtml(this EvalComparison comparison, ReportFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return ComparisonHtml.Write(comparison, options ?? DefaultOptions);
    }

    /// <summary>
    /// Writes the comparison as indented JSON: the record as it is, camelCase, enums by name, which
    /// <c>JsonSerializer.Deserialize&lt;EvalComparison&gt;(json, JsonSerializerOptions.Web)</c> reads back.
    /// </summary>
    /// <param name="comparison">The comparison.</param>
    /// <returns>The JSON, with LF line ends.</returns>
    public static string ToJson(this EvalComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return ComparisonJson.Write(comparison);
    }

    /// <summary>
    /// Writes the comparison as JUnit XML: one <c>&lt;testsuite&gt;</c> named <c>{baseline} → {candidate}</c>, with the
    /// verdict, the p-value, the 2×2 table, the accuracy difference and both runs (names, prompts, models, labels) as
    /// properties; a test case <c>verdict</c> that fails when the verdict is <see cref="ComparisonVerdict.CandidateWorse"/>
    /// (its message: the conclusion); a failed test case per regressed case, named by its id (its body: the expected
    /// output and both runs' outputs, scores and reasons); and a passed test case per improved case. The test cases'
    /// <c>classname</c> is <c>{task}.comparison</c>, so they do not mix with the report's own.
    /// </summary>
    /// <param name="comparison">The comparison.</param>
    /// <returns>The XML, UTF-8 declared, with LF line ends.</returns>
    public static string ToJUnitXml(this EvalComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return ComparisonJUnit.Write(comparison);
    }

    /// <summary>
    /// Writes comparison files into <paramref name="directory"/> (made if missing): <c>{name}.md</c> (the text of
    /// <see cref="EvalComparison.ToMarkdown"/>), <c>{name}.json</c>, <c>{name}.html</c> and <c>{name}.junit.xml</c>. The
    /// name is <see cref="ReportFileOptions.FileName"/> if given, else <c>{baseline}-vs-{candidate}</c> from the runs'
    /// names (such as <c>triage@1-vs-triage@2</c>), each character not allowed in a file name replaced by <c>-</c>.
    /// Existing files of those names are replaced.
    /// </summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="directory">The directory to write into.</param>
    /// <param name="formats">Which files to write.</param>
    /// <param name="options">The files' name and how long a value may be on the HTML page; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the writing; files already written stay.</param>
    /// <returns>The full paths of the files written, in the order Markdown, JSON, HTML, JUnit.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="formats"/> is <see cref="ReportFormats.None"/> or has an unknown flag.</exception>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        this EvalComparison comparison,
        string directory,
        ReportFormats formats = ReportFormats.All,
        ReportFileOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ReportFiles.CheckFormats(formats);

        options ??= DefaultOptions;
        return await ReportFiles.WriteAsync(
            directory,
            ReportFileNames.BaseName($"{comparison.Baseline.Name}-vs-{comparison.Candidate.Name}", "eval-comparison", options),
            formats,
            format => format switch
            {
                ReportFormats.Markdown => Utf8.GetBytes(comparison.ToMarkdown()),
                ReportFormats.Json => Utf8.GetBytes(ComparisonJson.Write(comparison)),
                ReportFormats.Html => Utf8.GetBytes(ComparisonHtml.Write(comparison, options)),
                _ => ComparisonJUnit.WriteBytes(comparison),
            },
            cancellationToken).ConfigureAwait(false);
    }
}
