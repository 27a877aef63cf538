using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFlow.Evaluation;

/// <summary>
/// Writes JSON in one canonical form: object keys sorted (ordinal), no whitespace, and CRLF in strings written as LF,
/// so that equal content gives equal bytes whatever order or platform it came from.
/// </summary>
internal static class CanonicalJson
{
    public static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(Normalize(key));
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                if (node.GetValueKind() == JsonValueKind.String)
                {
                    writer.WriteStringValue(Normalize(node.GetValue<string>()));
                }
                else
                {
                    node.WriteTo(writer);
                }

                break;
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
