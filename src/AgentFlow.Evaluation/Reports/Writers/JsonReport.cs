using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>
/// The report's JSON file: <c>{"format": "agentflow-eval-report", "formatVersion": 1, "report": {...}}</c>, the report
/// in camelCase with enums by name, indented with LF line ends. The run records (<see cref="CaseResult.Run"/>) and the
/// scorer's model call records (<see cref="Score.ModelCalls"/>) are not written: they hold exceptions and whole
/// conversations, and everything the report derives from them (tokens, costs, prompts, models, errors) is written.
/// </summary>
internal static class JsonReport
{
    public const string Format = "agentflow-eval-report";

    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new ScoreConverter() },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string Write(EvalReport report) => JsonSerializer.Serialize(new ReportFile(Format, FormatVersion, report), Options) + "\n";

    public static EvalReport Read(string json)
    {
        ReportFile? file;
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                CheckFormat(document.RootElement);
            }

            file = JsonSerializer.Deserialize<ReportFile>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new EvalReportJsonException(
                $"The JSON is not a valid evaluation report{Where(ex.Path, ex.LineNumber)}: {ex.Message}",
                ex.Path,
                ex.LineNumber + 1,
                ex);
        }

        var report = file?.Report ?? throw new EvalReportJsonException("The JSON is not a valid evaluation report: 'report' is null.", "$.report");
        return ReadOnly(report);
    }

    private static void CheckFormat(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String)
        {
            throw new EvalReportJsonException(
                $"The JSON is not an evaluation report file: it has no \"format\": \"{Format}\". Read files written by EvalReportWriter.ToJson or EvalReportWriter.WriteAsync.",
                "$.format");
        }

        if (format.GetString() != Format)
        {
            throw new EvalReportJsonException($"The JSON is a '{format.GetString()}' file, not an evaluation report ('{Format}').", "$.format");
        }

        if (!root.TryGetProperty("formatVersion", out var version) || !version.TryGetInt32(out var number) || number != FormatVersion)
        {
            throw new EvalReportJsonException(
                $"The evaluation report's formatVersion is {(version.ValueKind == JsonValueKind.Undefined ? "missing" : version.GetRawText())}; this version of AgentFlow.Evaluation reads version {FormatVersion}.",
                "$.formatVersion");
        }
    }

    private static string Where(string? path, long? line)
        => (path, line) switch
        {
            (not null, { } l) => $" at {path} (line {l + 1})",
            (not null, null) => $" at {path}",
            (null, { } l) => $" at line {l + 1}",
            _ => string.Empty,
        };

    /// <summary>The deserialiser makes lists and dictionaries; the report promises read-only ones.</summary>
    private static EvalReport ReadOnly(EvalReport report)
        => report with
        {
            Labels = new ReadOnlyDictionary<string, string>(report.Labels.ToDictionary(StringComparer.Ordinal)),
            Prompts = report.Prompts.ToList().AsReadOnly(),
            Models = report.Models.ToList().AsReadOnly(),
            ScoringPrompts = report.ScoringPrompts.ToList().AsReadOnly(),
            ScoringModels = report.ScoringModels.ToList().AsReadOnly(),
            Cases = report.Cases.Select(c => c with { Tags = c.Tags.ToList().AsReadOnly() }).ToList().AsReadOnly(),
            ByTag = new ReadOnlyDictionary<string, EvalSummary>(report.ByTag.ToDictionary(StringComparer.Ordinal)),
        };

    /// <summary>The file's envelope: what it is and in which version, then the report.</summary>
    private sealed record ReportFile(string Format, int FormatVersion, EvalReport Report);

    /// <summary>A score as its value, verdict, reason, error and metrics; its model call records are left out.</summary>
    private sealed class ScoreConverter : JsonConverter<Score>
    {
        public override Score Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var element = JsonElement.ParseValue(ref reader);
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("A score must be an object with 'value' and 'passed'.");
            }

            var value = Number(element, "value") ?? throw new JsonException("A score needs a 'value', a number from 0 to 1.");
            var passed = element.TryGetProperty("passed", out var p) && p.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? p.GetBoolean()
                : throw new JsonException("A score needs 'passed', true or false.");
            if (Text(element, "error") is { } error)
            {
                return Score.FromError(error);
            }

            Dictionary<string, double>? metrics = null;
            if (element.TryGetProperty("metrics", out var m) && m.ValueKind == JsonValueKind.Object)
            {
                metrics = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var metric in m.EnumerateObject())
                {
                    metrics[metric.Name] = Number(m, metric.Name) ?? throw new JsonException($"The score's metric '{metric.Name}' is not a number.");
                }
            }

            if (double.IsNaN(value) || value is < 0 or > 1)
            {
                throw new JsonException($"A score's value must be from 0 to 1, not {value.ToString("R", CultureInfo.InvariantCulture)}.");
            }

            return Score.Of(value, passed, Text(element, "reason"), metrics);
        }

        public override void Write(Utf8JsonWriter writer, Score value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteNumber("value", value.Value);
            writer.WriteBoolean("passed", value.Passed);
            writer.WriteString("reason", value.Reason);
            writer.WriteString("error", value.Error);
            writer.WriteStartObject("metrics");
            foreach (var (name, number) in value.Metrics)
            {
                // JSON has no NaN or infinity: those are written as text, the way JsonNumberHandling writes them.
                if (double.IsFinite(number))
                {
                    writer.WriteNumber(name, number);
                }
                else
                {
                    writer.WriteString(name, number.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        private static double? Number(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
                _ => null,
            };
        }

        private static string? Text(JsonElement element, string name)
            => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
