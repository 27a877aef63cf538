using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>
/// How an <see cref="EvalHistory"/> writes reports and cases as JSON: web defaults (camelCase), enums by name, named
/// floating-point literals allowed (a scorer's metric may be NaN), and scores through <see cref="StoredScoreConverter"/>.
/// </summary>
internal static class HistoryJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new StoredScoreConverter() },
    };
}
