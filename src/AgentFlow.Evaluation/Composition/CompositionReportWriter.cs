using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFlow.Evaluation;

/// <summary>
/// Writes composition analyses and comparisons as Markdown (for people: a pull request, a wiki, a console), as JSON
/// (for tools: everything the analysis holds but the run records), as a self-contained HTML page with charts (to look
/// at), and as JUnit XML (for a CI test report), the formats of evaluation reports (<see cref="EvalReportWriter"/>). The
/// plain report of each analysis's final outputs (<see cref="CompositionAnalysis.Report"/>) can be written by the
/// writers of evaluation reports.
/// </summary>
/// <remarks>
/// Report data is text to show, never markup: values are encoded for HTML and XML, and control characters are written
/// visibly, so a page can be shared even when the cases hold untrusted model output.
/// </remarks>
public static class CompositionReportWriter
{
    /// <summary>The value of the <c>format</c> property of an analysis's JSON.</summary>
    public const string AnalysisFormat = "agentflow-composition-analysis";

    /// <summary>The value of the <c>format</c> property of a comparison's JSON.</summary>
    public const string ComparisonFormat = "agentflow-composition-comparison";

    /// <summary>The version of both JSON layouts, in their <c>formatVersion</c> property.</summary>
    public const int FormatVersion = 1;

    private static readonly ReportFileOptions DefaultOptions = new();

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the analysis as Markdown: the accuracy and the gap, the classes, the 2x2 table, each category, each node, and the cases that did not pass.</summary>
    /// <param name="analysis">The analysis.</param>
    /// <returns>The Markdown text.</returns>
    public static string ToMarkdown(this CompositionAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return CompositionMarkdown.Analysis(analysis);
    }

    /// <summary>Writes the comparison as Markdown: both flows' accuracy, gap, classes and 2x2 tables side by side, per category, and the cases whose class changed.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <returns>The Markdown text.</returns>
    public static string ToMarkdown(this CompositionComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return CompositionMarkdown.Comparison(comparison);
    }

    /// <summary>
    /// Writes the analysis as indented JSON, property names in camelCase and enums by name, starting with
    /// <c>"format": "agentflow-composition-analysis"</c> and <c>"formatVersion"</c>. Run records are left out.
    /// </summary>
    /// <param name="analysis">The analysis.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(this CompositionAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return Document(AnalysisFormat, JsonSerializer.SerializeToNode(analysis, Json)!.AsObject());
    }

    /// <summary>
    /// Writes the comparison as indented JSON, starting with <c>"format": "agentflow-composition-comparison"</c>: both
    /// analyses in full, the differences, and the cases whose class changed.
    /// </summary>
    /// <param name="comparison">The comparison.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(this CompositionComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return Document(ComparisonFormat, JsonSerializer.SerializeToNode(comparison, Json)!.AsObject());
    }

    /// <summary>
    /// Writes the analysis as one self-contained HTML page (inline CSS and SVG; no script, font or link to fetch, so it
    /// works offline and prints): what ran, summary cards, a bar per class with the precedence of the classes, the 2x2
    /// table as a mosaic whose areas are in proportion to the cases, overall and per category, each listed sub-task and
    /// route, and every case with its class, first wrong step, explanation, and expected and actual output, filterable by class.
    /// </summary>
    /// <param name="analysis">The analysis.</param>
    /// <param name="options">How long a value may be before it is cut short; defaults when null.</param>
    /// <returns>The HTML document.</returns>
    public static string ToHtml(this CompositionAnalysis analysis, ReportFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return CompositionHtml.Analysis(analysis, options ?? DefaultOptions);
    }

    /// <summary>
    /// Writes the comparison as one self-contained HTML page: both flows side by side (what ran, accuracy, gap, classes),
    /// their accuracy and gap overall and per category with their intervals, the classes of both, both 2x2 tables as
    /// mosaics, each listed node in both, and the cases whose class changed with both outputs.
    /// </summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="options">How long a value may be before it is cut short; defaults when null.</param>
    /// <returns>The HTML document.</returns>
    public static string ToHtml(this CompositionComparison comparison, ReportFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return CompositionHtml.Comparison(comparison, options ?? DefaultOptions);
    }

    /// <summary>
    /// Writes the analysis as JUnit XML: one <c>&lt;testsuite&gt;</c> named after the analysis, with the gap, its interval,
    /// the accuracy and each class's count as properties, and a <c>&lt;testcase&gt;</c> per case (<c>classname</c>: the
    /// flow's name, <c>name</c>: the case's id, <c>time</c>: its latency in seconds). A wrong route, an incorrect sub-task
    /// and a composability gap are <c>&lt;failure&gt;</c>s whose type is the class and whose message says where
    /// (<c>Wrong route at qa/fact: ...</c>); a failed run and an output that could not be scored are <c>&lt;error&gt;</c>s.
    /// </summary>
    /// <param name="analysis">The analysis.</param>
    /// <returns>The XML, UTF-8 declared, with LF line ends.</returns>
    public static string ToJUnitXml(this CompositionAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return Utf8.GetString(CompositionJUnit.Analysis(analysis));
    }

    /// <summary>
    /// Writes the comparison as JUnit XML: a <c>&lt;testsuite&gt;</c> per flow, the baseline's then the candidate's, as
    /// <see cref="ToJUnitXml(CompositionAnalysis)"/> writes it, with the differences as properties of both. As both flows
    /// usually share a name, each test case's <c>classname</c> is the analysis's name and the flow's: <c>direct.qa</c>.
    /// </summary>
    /// <param name="comparison">The comparison.</param>
    /// <returns>The XML, UTF-8 declared, with LF line ends.</returns>
    public static string ToJUnitXml(this CompositionComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return Utf8.GetString(CompositionJUnit.Comparison(comparison));
    }

    /// <summary>
    /// Writes the analysis to <paramref name="directory"/> in every format, as
    /// <see cref="WriteAsync(CompositionAnalysis, string, ReportFormats, ReportFileOptions?, CancellationToken)"/> with
    /// <see cref="ReportFormats.All"/> does.
    /// </summary>
    /// <param name="analysis">The analysis.</param>
    /// <param name="directory">The folder; made when missing. Files of the same names are replaced.</param>
    /// <param name="cancellationToken">Cancels the writing; files already written stay.</param>
    /// <returns>The full paths of the files written.</returns>
    public static Task<IReadOnlyList<string>> WriteAsync(this CompositionAnalysis analysis, string directory, CancellationToken cancellationToken = default)
        => analysis.WriteAsync(directory, ReportFormats.All, options: null, cancellationToken);

    /// <summary>
    /// Writes the analysis to <paramref name="directory"/> as <c>&lt;name&gt;.composition.md</c>, <c>.json</c>,
    /// <c>.html</c> and <c>.junit.xml</c>, those of <paramref name="formats"/>, in that order. The same analysis always
    /// gives the same bytes (UTF-8, LF line ends, invariant culture), so the files can be committed and diffed.
    /// </summary>
    /// <param name="analysis">The analysis.</param>
    /// <param name="directory">The folder; made when missing. Files of the same names are replaced.</param>
    /// <param name="formats">Which files to write.</param>
    /// <param name="options">
    /// How long a value may be in the HTML page before it is cut short, and the files' name in place of the
    /// analysis's (<see cref="ReportFileOptions.FileName"/>, followed by <c>.composition.html</c> and the rest); defaults when null.
    /// </param>
    /// <param name="cancellationToken">Cancels the writing; files already written stay.</param>
    /// <returns>The full paths of the files written.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="formats"/> is <see cref="ReportFormats.None"/> or has an unknown flag.</exception>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        this CompositionAnalysis analysis,
        string directory,
        ReportFormats formats,
        ReportFileOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ReportFiles.CheckFormats(formats);
        options ??= DefaultOptions;
        Directory.CreateDirectory(directory);
        var stem = (options.FileName ?? FileName(analysis.Name)) + ".composition";
        return await ReportFiles.WriteAsync(
            directory,
            stem,
            formats,
            format => format switch
            {
                ReportFormats.Markdown => Utf8.GetBytes(analysis.ToMarkdown()),
                ReportFormats.Json => Utf8.GetBytes(analysis.ToJson()),
                ReportFormats.Html => Utf8.GetBytes(CompositionHtml.Analysis(analysis, options)),
                _ => CompositionJUnit.Analysis(analysis),
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the comparison to <paramref name="directory"/> in every format, as
    /// <see cref="WriteAsync(CompositionComparison, string, ReportFormats, ReportFileOptions?, CancellationToken)"/> with
    /// <see cref="ReportFormats.All"/> does.
    /// </summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="directory">The folder; made when missing. Files of the same names are replaced.</param>
    /// <param name="cancellationToken">Cancels the writing; files already written stay.</param>
    /// <returns>The full paths of the files written.</returns>
    public static Task<IReadOnlyList<string>> WriteAsync(this CompositionComparison comparison, string directory, CancellationToken cancellationToken = default)
        => comparison.WriteAsync(directory, ReportFormats.All, options: null, cancellationToken);

    /// <summary>
    /// Writes the comparison to <paramref name="directory"/> as <c>&lt;baseline&gt;-vs-&lt;candidate&gt;.comparison.md</c>,
    /// <c>.json</c>, <c>.html</c> and <c>.junit.xml</c>, those of <paramref name="formats"/>, then each analysis's files as
    /// <see cref="WriteAsync(CompositionAnalysis, string, ReportFormats, ReportFileOptions?, CancellationToken)"/> does, but
    /// for JUnit: the comparison's JUnit file holds both analyses' suites, so a CI server that reads every
    /// <c>*.junit.xml</c> counts each case once per flow.
    /// </summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="directory">The folder; made when missing. Files of the same names are replaced.</param>
    /// <param name="formats">Which files to write.</param>
    /// <param name="options">
    /// How long a value may be in the HTML pages before it is cut short, and the comparison files' name in place of
    /// <c>&lt;baseline&gt;-vs-&lt;candidate&gt;</c> (<see cref="ReportFileOptions.FileName"/>; the analyses' files keep their
    /// names); defaults when null.
    /// </param>
    /// <param name="cancellationToken">Cancels the writing; files already written stay.</param>
    /// <returns>The full paths of the files written: the comparison's, the baseline's, then the candidate's.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="formats"/> is <see cref="ReportFormats.None"/> or has an unknown flag.</exception>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        this CompositionComparison comparison,
        string directory,
        ReportFormats formats,
        ReportFileOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ReportFiles.CheckFormats(formats);
        options ??= DefaultOptions;
        Directory.CreateDirectory(directory);
        var stem = (options.FileName ?? $"{FileName(comparison.Baseline.Name)}-vs-{FileName(comparison.Candidate.Name)}") + ".comparison";
        List<string> written = [.. await ReportFiles.WriteAsync(
            directory,
            stem,
            formats,
            format => format switch
            {
                ReportFormats.Markdown => Utf8.GetBytes(comparison.ToMarkdown()),
                ReportFormats.Json => Utf8.GetBytes(comparison.ToJson()),
                ReportFormats.Html => Utf8.GetBytes(CompositionHtml.Comparison(comparison, options)),
                _ => CompositionJUnit.Comparison(comparison),
            },
            cancellationToken).ConfigureAwait(false)];
        var each = formats & ~ReportFormats.JUnit;
        if (each != ReportFormats.None)
        {
            var analysisOptions = new ReportFileOptions { MaxValueLength = options.MaxValueLength };
            written.AddRange(await comparison.Baseline.WriteAsync(directory, each, analysisOptions, cancellationToken).ConfigureAwait(false));
            written.AddRange(await comparison.Candidate.WriteAsync(directory, each, analysisOptions, cancellationToken).ConfigureAwait(false));
        }

        return written.AsReadOnly();
    }

    private static string Document(string format, JsonObject body)
    {
        var document = new JsonObject { ["format"] = format, ["formatVersion"] = FormatVersion };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            document[key] = value;
        }

        return document.ToJsonString(Json) + "\n";
    }

    /// <summary>A name as a file name: letters, digits, '-', '_' and '.' kept, anything else '-'.</summary>
    private static string FileName(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        return text.ToString().Trim('.') is { Length: > 0 } safe ? ReportFileNames.AvoidReserved(safe) : "analysis";
    }
}
