using System.Globalization;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>
/// Reads an eval set from JSON Lines: one JSON object per line, <c>{"id": ..., "input": ..., "expected": ..., "tags": [...]}</c>;
/// blank lines are skipped.
/// </summary>
internal static class JsonlReader
{
    private const string Allowed = "Allowed: id, input, expected, tags.";

    public static EvalSet<TIn, TExpected> Read<TIn, TExpected>(TextReader reader, string source, string name, JsonSerializerOptions options)
    {
        var cases = new CaseReader<TIn, TExpected>(options);
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (line == 1)
            {
                text = text.TrimStart('\uFEFF');
            }

            if (!string.IsNullOrWhiteSpace(text))
            {
                ReadLine(cases, text, line);
            }
        }

        return cases.Build(source, name, "The file holds no cases: write one JSON object per line, such as {\"input\": ..., \"expected\": ...}.");
    }

    private static void ReadLine<TIn, TExpected>(CaseReader<TIn, TExpected> cases, string text, int line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            var at = ex.BytePositionInLine is { } position ? string.Create(CultureInfo.InvariantCulture, $" at character {Character(text, position) + 1}") : string.Empty;
            cases.Error(line, $"Not valid JSON{at}: {FirstSentence(ex.Message)} Each line must be one JSON object.");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                cases.Error(line, $"A line must be a JSON object such as {{\"input\": ..., \"expected\": ...}}, not {Kind(root.ValueKind)}.");
                return;
            }

            JsonElement? id = null, input = null, expected = null, tags = null;
            var valid = true;
            foreach (var property in root.EnumerateObject())
            {
                ref var slot = ref Slot(property.Name, ref id, ref input, ref expected, ref tags, out var known);
                if (!known)
                {
                    cases.Error(line, $"Unknown property '{property.Name}'. {Allowed}");
                    valid = false;
                }
                else if (slot is not null)
                {
                    cases.Error(line, $"The property '{property.Name}' appears twice.");
                    valid = false;
                }
                else
                {
                    slot = property.Value;
                }
            }

            if (input is null)
            {
                cases.Error(line, "The case has no 'input'.");
                valid = false;
            }

            if (expected is null)
            {
                cases.Error(line, "The case has no 'expected'.");
                valid = false;
            }

            var caseId = ReadId(cases, id, line, ref valid);
            var caseTags = ReadTags(cases, tags, line, ref valid);
            var options = cases.SerializerOptions;
            TIn inputValue = default!;
            TExpected expectedValue = default!;
            valid &= input is null || cases.TryRead(() => input.Value.Deserialize<TIn>(options), "input", line, out inputValue);
            valid &= expected is null || cases.TryRead(() => expected.Value.Deserialize<TExpected>(options), "expected", line, out expectedValue);
            if (valid)
            {
                cases.Add(line, caseId, inputValue, expectedValue, caseTags);
            }
        }
    }

    private static ref JsonElement? Slot(
        string name, ref JsonElement? id, ref JsonElement? input, ref JsonElement? expected, ref JsonElement? tags, out bool known)
    {
        known = true;
        if (name.Equals("id", StringComparison.OrdinalIgnoreCase))
        {
            return ref id;
        }

        if (name.Equals("input", StringComparison.OrdinalIgnoreCase))
        {
            return ref input;
        }

        if (name.Equals("expected", StringComparison.OrdinalIgnoreCase))
        {
            return ref expected;
        }

        known = name.Equals("tags", StringComparison.OrdinalIgnoreCase);
        return ref tags;
    }

    private static string? ReadId<TIn, TExpected>(CaseReader<TIn, TExpected> cases, JsonElement? id, int line, ref bool valid)
    {
        switch (id?.ValueKind)
        {
            case null:
                return null;
            case JsonValueKind.String:
                return id.Value.GetString();
            case JsonValueKind.Number when id.Value.TryGetInt64(out var number):
                return number.ToString(CultureInfo.InvariantCulture);
            default:
                cases.Error(line, $"'id' must be a string (or a whole number), not {Kind(id.Value.ValueKind)}. Leave it out to get 'line-{line}'.");
                valid = false;
                return null;
        }
    }

    private static string[] ReadTags<TIn, TExpected>(CaseReader<TIn, TExpected> cases, JsonElement? tags, int line, ref bool valid)
    {
        if (tags is null || tags.Value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (tags.Value.ValueKind != JsonValueKind.Array || tags.Value.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
        {
            cases.Error(line, "'tags' must be an array of strings, such as [\"billing\", \"hard\"].");
            valid = false;
            return [];
        }

        return [.. tags.Value.EnumerateArray().Select(t => t.GetString()!)];
    }

    /// <summary>A JSON value's kind as words, for errors: "an array", "a number", ...</summary>
    internal static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>The character index of a UTF-8 byte position in <paramref name="text"/>, for lines that are not all ASCII.</summary>
    internal static long Character(string text, long bytePosition)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return System.Text.Encoding.UTF8.GetCharCount(bytes, 0, (int)Math.Min(bytePosition, bytes.Length));
    }

    /// <summary>The first sentence of a parser's message, for an error line.</summary>
    internal static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
