using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>
/// Reads and writes the lock file: indented JSON with LF line ends, a format version, and one entry per prompt, sorted by
/// name, each with its text as an array of lines so that the file reads well and its own diffs in version control show
/// the lines that changed.
/// </summary>
internal static class LockFile
{
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",

        // The file is read by people and diffed, never embedded in HTML: quotes, '<', '&' and non-ASCII letters stay as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The file's text for <paramref name="entries"/>, ending with a line end.</summary>
    public static string Write(IEnumerable<LockEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("formatVersion", FormatVersion);
            writer.WriteStartObject("prompts");
            foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                writer.WriteStartObject(entry.Name);
                writer.WriteString("version", entry.Version);
                writer.WriteString("contentHash", entry.ContentHash);
                if (entry.ExamplesHashes.Count > 0)
                {
                    WriteLines(writer, "examplesHashes", entry.ExamplesHashes);
                }

                if (entry.System is not null)
                {
                    WriteLines(writer, "system", entry.System.Split('\n'));
                }

                WriteLines(writer, "user", entry.User.Split('\n'));
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads the entries of a lock file's text, or says why it cannot be read.</summary>
    public static bool TryRead(string json, out IReadOnlyDictionary<string, LockEntry> entries, out string error)
    {
        entries = new Dictionary<string, LockEntry>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            error = $"it is not valid JSON: {ex.Message}";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("formatVersion", out var format) || format.ValueKind != JsonValueKind.Number)
            {
                error = "it has no \"formatVersion\"";
                return false;
            }

            if (!format.TryGetInt32(out var version) || version != FormatVersion)
            {
                error = $"its format version is {format.GetRawText()}, and this version of AgentFlow reads format {FormatVersion}";
                return false;
            }

            if (!root.TryGetProperty("prompts", out var prompts) || prompts.ValueKind != JsonValueKind.Object)
            {
                error = "it has no \"prompts\" object";
                return false;
            }

            var read = new Dictionary<string, LockEntry>(StringComparer.Ordinal);
            foreach (var property in prompts.EnumerateObject())
            {
                if (!TryReadEntry(property.Name, property.Value, out var entry, out error))
                {
                    return false;
                }

                if (!read.TryAdd(entry.Name, entry))
                {
                    error = $"the prompt '{entry.Name}' is in it twice";
                    return false;
                }
            }

            entries = read;
            error = string.Empty;
            return true;
        }
    }

    private static bool TryReadEntry(string name, JsonElement element, out LockEntry entry, out string error)
    {
        entry = null!;
        if (element.ValueKind != JsonValueKind.Object
            || String(element, "version") is not { } version
            || String(element, "contentHash") is not { } contentHash
            || Lines(element, "user") is not { } user)
        {
            error = $"the entry of '{name}' needs a \"version\", a \"contentHash\" and the \"user\" text as an array of lines";
            return false;
        }

        var system = element.TryGetProperty("system", out _) ? Lines(element, "system") : [];
        var examples = element.TryGetProperty("examplesHashes", out _) ? Lines(element, "examplesHashes") : [];
        if (system is null || examples is null)
        {
            error = $"the \"system\" and \"examplesHashes\" of '{name}' must be arrays of strings";
            return false;
        }

        Prompt prompt;
        try
        {
            prompt = new Prompt(name, version, string.Join('\n', user), system.Count == 0 ? null : string.Join('\n', system));
        }
        catch (ArgumentException ex)
        {
            error = $"the entry of '{name}' is not a valid prompt: {ex.Message}";
            return false;
        }

        if (!string.Equals(prompt.ContentHash, contentHash, StringComparison.Ordinal))
        {
            error = $"the text of '{name}' does not match its \"contentHash\" (was the text edited by hand?)";
            return false;
        }

        entry = LockEntry.Of(prompt, examples);
        error = string.Empty;
        return true;
    }

    private static string? String(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string>? Lines(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        List<string> lines = [];
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            lines.Add(item.GetString()!);
        }

        return lines;
    }

    private static void WriteLines(Utf8JsonWriter writer, string name, IEnumerable<string> lines)
    {
        writer.WriteStartArray(name);
        foreach (var line in lines)
        {
            writer.WriteStringValue(line);
        }

        writer.WriteEndArray();
    }
}
