using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>How values are written for people in explanations and reports: compact JSON, without escaping what needs none.</summary>
internal static class CompositionText
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON value as compact text (<c>"+47"</c>, not <c>"\u002B47"</c>), on one line, shortened to <paramref name="length"/> characters.</summary>
    public static string Json(JsonElement? value, int length = 80)
    {
        if (value is not { } json)
        {
            return "nothing";
        }

        var text = JsonSerializer.Serialize(json, Relaxed).ReplaceLineEndings(" ");
        return text.Length > length ? text[..(length - 3)] + "..." : text;
    }
}
