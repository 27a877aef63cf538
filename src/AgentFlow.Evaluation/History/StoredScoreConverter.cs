using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>
/// Writes a <see cref="Score"/> as its value, pass, reason, error and metrics, and reads it back through the
/// <see cref="Score"/> factories. The scorer's model calls are not written: their tokens and cost are already in the
/// case's <see cref="CaseResult.ScoringInputTokens"/>, <see cref="CaseResult.ScoringOutputTokens"/> and <see cref="CaseResult.ScoringCost"/>.
/// </summary>
internal sealed class StoredScoreConverter : JsonConverter<Score>
{
    public override Score Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var stored = JsonSerializer.Deserialize<StoredScore>(ref reader, options)
                     ?? throw new JsonException("A stored score is null.");
        return stored.Error is { } error
            ? Score.FromError(error)
            : Score.Of(stored.Value, stored.Passed, stored.Reason, stored.Metrics);
    }

    public override void Write(Utf8JsonWriter writer, Score value, JsonSerializerOptions options)
        => JsonSerializer.Serialize(writer, new StoredScore(value.Value, value.Passed, value.Reason, value.Error, value.Metrics.Count == 0 ? null : value.Metrics), options);

    private sealed record StoredScore(double Value, bool Passed, string? Reason, string? Error, IReadOnlyDictionary<string, double>? Metrics);
}
