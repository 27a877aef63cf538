using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>
/// The comparison's JSON file: the <see cref="EvalComparison"/> record as it is, camelCase with enums by name (web
/// defaults), indented with LF line ends, so <c>JsonSerializer.Deserialize&lt;EvalComparison&gt;</c> with
/// <see cref="JsonSerializerOptions.Web"/> reads it back.
/// </summary>
internal static class ComparisonJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(EvalComparison comparison) => JsonSerializer.Serialize(comparison, Options) + "\n";
}
