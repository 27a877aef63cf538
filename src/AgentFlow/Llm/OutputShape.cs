using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentFlow;

/// <summary>
/// How a prompt task's output travels as JSON. Structured-output APIs want an object at the root of the schema, so an
/// output that is not an object (a number, a boolean, an enum, a date, a list) is asked for as <c>{"value": ...}</c>
/// and read back from that property.
/// </summary>
internal static class OutputShape
{
    public const string ValueProperty = "value";

    /// <summary>The output's JSON schema, as the model is asked for it: wrapped in <c>{"value": ...}</c> when its root is not an object.</summary>
    public static JsonElement Schema(Type output, JsonSerializerOptions options, out bool wrapped)
    {
        var schema = AIJsonUtilities.CreateJsonSchema(output, serializerOptions: options);
        wrapped = !IsObject(schema);
        if (!wrapped)
        {
            return schema;
        }

        var wrapper = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { [ValueProperty] = JsonNode.Parse(schema.GetRawText()) },
            ["required"] = new JsonArray(ValueProperty),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(wrapper);
    }

    /// <summary>Whether the output is asked for wrapped in <c>{"value": ...}</c>.</summary>
    public static bool IsWrapped(Type output, JsonSerializerOptions options)
    {
        Schema(output, options, out var wrapped);
        return wrapped;
    }

    private static bool IsObject(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            // No type: a schema of any value, or one built from anyOf; ask for it wrapped, where any value fits.
            return false;
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => type.GetString() == "object",
            JsonValueKind.Array => type.EnumerateArray().Any(t => t.GetString() == "object")
                && type.EnumerateArray().All(t => t.GetString() is "object" or "null"),
            _ => false,
        };
    }
}
