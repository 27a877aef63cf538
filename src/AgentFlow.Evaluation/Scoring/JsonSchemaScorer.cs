using System.Text.Json;
using Json.Schema;

namespace AgentFlow.Evaluation;

/// <summary>Passes when the output, as JSON, is valid against a JSON schema; the expected outputs are not used.</summary>
internal sealed class JsonSchemaScorer<TExpected, TActual> : IScorer<TExpected, TActual>
{
    private const int ErrorsInReason = 10;

    private readonly JsonSchema _schema;
    private readonly JsonSerializerOptions _serializerOptions;

    public JsonSchemaScorer(string schema, JsonSerializerOptions serializerOptions)
    {
        _serializerOptions = serializerOptions;
        try
        {
            // A registry of its own, so that schemas with the same $id in different scorers do not collide.
            _schema = JsonSchema.FromText(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new ArgumentException($"The JSON schema of Scorers.JsonSchema is not valid: {ex.Message}", nameof(schema), ex);
        }
    }

    public string Name => "json-schema";

    public ValueTask<Score> ScoreAsync(TExpected expected, TActual actual, ScoringContext context, CancellationToken cancellationToken = default)
    {
        JsonElement json;
        if (actual is string text)
        {
            // A text output is the JSON itself (a model's raw reply), not a JSON string.
            try
            {
                using var document = JsonDocument.Parse(text);
                json = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                return ValueTask.FromResult(Score.Fail($"the output is not JSON: {ex.Message}"));
            }
        }
        else
        {
            try
            {
                json = JsonSerializer.SerializeToElement(actual, _serializerOptions);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
            {
                return ValueTask.FromResult(Score.FromError($"The output could not be written as JSON to check it against the schema: {ex.Message}"));
            }
        }

        var results = _schema.Evaluate(json, new Json.Schema.EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return ValueTask.FromResult(Score.Pass());
        }

        var errors = (results.Details ?? [results])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{Location(d.InstanceLocation.ToString())}: {e.Value}"))
            .Distinct()
            .ToArray();
        var reason = errors.Length == 0
            ? "the output does not match the schema"
            : string.Join("; ", errors.Take(ErrorsInReason)) + (errors.Length > ErrorsInReason ? $"; and {errors.Length - ErrorsInReason} more" : string.Empty);
        return ValueTask.FromResult(Score.Fail(reason));
    }

    private static string Location(string? pointer) => string.IsNullOrEmpty(pointer) ? "(root)" : pointer;
}
