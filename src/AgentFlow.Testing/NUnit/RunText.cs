using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFlow.Testing.NUnit;

/// <summary>How runs, values and decisions are written in failure messages.</summary>
internal static class RunText
{
    private const int MaxInlineJson = 100;
    private const int MaxListed = 12;

    private static readonly JsonSerializerOptions Compact = Options(indented: false);
    private static readonly JsonSerializerOptions Indented = Options(indented: true);

    /// <summary>A value as JSON (web names, enums as strings), on one line when short; its text when it cannot be serialized.</summary>
    public static string Json(object? value)
    {
        try
        {
            var compact = JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), Compact);
            return compact.Length <= MaxInlineJson ? compact : JsonSerializer.Serialize(value, value!.GetType(), Indented);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value} (not serializable as JSON: {ex.Message})");
        }
    }

    /// <summary>A label and a value that may span lines, the value's further lines indented under its first.</summary>
    public static string Labelled(string label, string value)
    {
        // Further lines start under the value: after NUnit's two-space indent, the label padded to nine, and a space.
        var indent = new string(' ', Math.Max(label.Length, 9) + 3);
        return $"{label,-9} {value.ReplaceLineEndings("\n").Replace("\n", "\n" + indent, StringComparison.Ordinal)}";
    }

    public static string Failure(Exception error)
    {
        var text = error is FlowRunException failure
            ? $"{error.GetType().Name} at {failure.NodePath}: {error.Message}"
            : $"{error.GetType().Name}: {error.Message}";
        return text.ReplaceLineEndings(" ");
    }

    /// <summary>A decision: <c>Technical (by Llm, confidence 0.40, rationale: "...")</c>.</summary>
    public static string Decision(RouteDecision decision)
    {
        var details = new List<string> { $"by {decision.Source}" };
        if (decision.Confidence is { } confidence)
        {
            details.Add(string.Create(CultureInfo.InvariantCulture, $"confidence {confidence:0.00}"));
        }

        if (decision.Rejected.Count > 0)
        {
            details.Add($"{decision.Rejected.Count} answer(s) rejected");
        }

        if (decision.Rationale is { Length: > 0 } rationale)
        {
            details.Add($"rationale: \"{rationale.ReplaceLineEndings(" ")}\"");
        }

        return $"{decision.Label} ({string.Join(", ", details)})";
    }

    public static string Duration(TimeSpan duration) => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.###} ms");

    /// <summary>Items joined with commas, at most a dozen, then how many more.</summary>
    public static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        var shown = string.Join(", ", all.Take(MaxListed));
        return all.Count > MaxListed ? $"{shown} and {all.Count - MaxListed} more" : shown;
    }

    private static JsonSerializerOptions Options(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Converters = { new JsonStringEnumConverter() },
    };
}
