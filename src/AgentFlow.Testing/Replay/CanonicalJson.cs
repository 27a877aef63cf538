using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFlow.Testing;

/// <summary>
/// The canonical form of a JSON value, which a request's key hashes: object properties sorted by ordinal name, line
/// endings in strings normalised to <c>\n</c>, numbers written invariantly (integers as integers, others in the
/// shortest form that round-trips a double, so <c>1.0</c> and <c>1</c> are one number), and, in the text that is
/// hashed, no whitespace and only the escapes JSON requires. The canonical form of a canonical value is itself.
/// </summary>
internal static class CanonicalJson
{
    /// <summary>A canonical copy of <paramref name="node"/>: properties sorted, strings and numbers normalised.</summary>
    public static JsonNode? Normalize(JsonNode? node) => Normalize(JsonSerializer.SerializeToElement(node, CassetteJson.Options));

    /// <summary>The canonical text of <paramref name="node"/>, compact, as hashed.</summary>
    public static string Write(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, JsonSerializer.SerializeToElement(node, CassetteJson.Options));
        return text.ToString();
    }

    /// <summary>The SHA-256 of the canonical text of <paramref name="node"/>, lowercase hex.</summary>
    public static string Hash(JsonNode? node) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Write(node))));

    /// <summary>The text of a string value with its line endings normalised.</summary>
    public static string NormalizeLineEndings(string text) => text.Contains('\r', StringComparison.Ordinal) ? text.ReplaceLineEndings("\n") : text;

    private static JsonNode? Normalize(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    // A name given twice keeps its last value, as a JSON reader would.
                    obj[property.Name] = Normalize(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(Normalize(item));
                }

                return array;
            case JsonValueKind.String:
                return JsonValue.Create(NormalizeLineEndings(element.GetString()!));
            case JsonValueKind.Number:
                return JsonNode.Parse(Number(element.GetRawText()));
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    private static void Write(StringBuilder text, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    text.Append(first ? string.Empty : ",");
                    first = false;
                    WriteString(text, property.Name);
                    text.Append(':');
                    Write(text, property.Value);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    text.Append(index++ == 0 ? string.Empty : ",");
                    Write(text, item);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(text, NormalizeLineEndings(element.GetString()!));
                break;
            case JsonValueKind.Number:
                text.Append(Number(element.GetRawText()));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    private static string Number(string raw)
        => long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? integer.ToString(CultureInfo.InvariantCulture)
            : double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case < ' ':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }
}
