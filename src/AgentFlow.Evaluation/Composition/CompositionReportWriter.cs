using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFlow.Evaluation;

/// <summary>
/// Writes composition analyses and comparisons as Markdown (for people: a pull request, a wiki, a console) and as JSON
/// (for tools: everything the analysis holds but the run records). The plain report of each analysis's final outputs
/// (<see cref="CompositionAnalysis.Report"/>) can be written by the writers of evaluation reports.
/// </summary>
public static class CompositionReportWriter
{
    /// <summary>The value of the <c>format</c> property of an analysis's JSON.</summary>
    public const string AnalysisFormat = "agentflow-composition-analysis";

    /// <summary>The value of the <c>format</c> property of a comparison's JSON.</summary>
    public const string ComparisonFormat = "agentflow-composition-comparison";

    /// <summary>The version of both JSON layouts, in their <c>formatVersion</c> property.</summary>
    public const int FormatVersion = 1;

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

    /// <summary>Writes the analysis to <paramref name="directory"/> as <c>&lt;name&gt;.composition.md</c> and <c>&lt;name&gt;.composition.json</c>.</summary>
    /// <param name="analysis">The analysis.</param>
    /// <param name="directory">The folder; made when missing. Files of the same names are replaced.</param>
    /// <param name="cancellationToken">Cancels the writing.</param>
    /// <returns>The paths of the files written.</returns>
    public static async Task<IReadOnlyList<string>> WriteAsync(this CompositionAnalysis analysis, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, FileName(analysis.Name) + ".composition");
        await File.WriteAllTextAsync(stem + ".md", analysis.ToMarkdown(), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(stem + ".json", analysis.ToJson(), cancellationToken).ConfigureAwait(false);
        return [stem + ".md", stem + ".json"];
    }

    /// <summary>
    /// Writes the comparison to <paramref name="directory"/> as <c>&lt;baseline&gt;-vs-&lt;candidate&gt;.comparison.md</c>
    /// and <c>.json</c>, and each analysis as <see cref="WriteAsync(CompositionAnalysis, string, CancellationToken)"/> does.
    /// </summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="directory">The folder; made when missing. Files of the same names are replaced.</param>
    /// <param name="cancellationToken">Cancels the writing.</param>
    /// <returns>The paths of the files written.</returns>
    public static async Task<IReadOnlyList<string>> WriteAsync(this CompositionComparison comparison, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"{FileName(comparison.Baseline.Name)}-vs-{FileName(comparison.Candidate.Name)}.comparison");
        await File.WriteAllTextAsync(stem + ".md", comparison.ToMarkdown(), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(stem + ".json", comparison.ToJson(), cancellationToken).ConfigureAwait(false);
        List<string> written = [stem + ".md", stem + ".json"];
        written.AddRange(await comparison.Baseline.WriteAsync(directory, cancellationToken).ConfigureAwait(false));
        written.AddRange(await comparison.Candidate.WriteAsync(directory, cancellationToken).ConfigureAwait(false));
        return written;
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

        return text.ToString().Trim('.') is { Length: > 0 } safe ? safe : "analysis";
    }
}
