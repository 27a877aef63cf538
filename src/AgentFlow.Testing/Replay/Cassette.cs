using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFlow.Testing;

/// <summary>
/// A cassette: one readable JSON file of recorded model exchanges, replayed by a <see cref="ReplayChatClient"/> so that
/// a test runs offline and deterministically. Commit it next to the test that uses it.
/// </summary>
/// <remarks>
/// <para>
/// The file holds <c>version</c> (1) and <c>entries</c>, in the order they were recorded; each entry holds the
/// request's <c>key</c>, the <c>request</c> in its canonical form (what the key hashes: <c>model</c>, <c>messages</c>,
/// <c>options</c>, <c>tools</c>, with secrets scrubbed) and its answer: <c>response</c>, or <c>updates</c> for a
/// streamed one. It is indented, with object properties in a fixed order and <c>\n</c> line endings, so a re-recording
/// shows as a readable diff.
/// </para>
/// <para>
/// Each recording is replayed once: a request made several times is answered by its recordings in the order they were
/// recorded, and one more is a miss. What has been replayed is counted per <see cref="Cassette"/> instance, shared by
/// every client that uses it, so open the cassette anew for each test. Thread-safe: concurrent requests may replay and
/// record at once (identical concurrent requests take the recordings in the order they reach the cassette).
/// </para>
/// </remarks>
public sealed class Cassette
{
    /// <summary>The version of the file format this library reads and writes.</summary>
    public const int FormatVersion = 1;

    private readonly Lock _gate = new();
    private readonly List<CassetteEntry> _entries;
    private readonly Dictionary<string, int> _replayed = new(StringComparer.Ordinal);
    private List<JsonObject> _saved;
    private bool _recording;

    private Cassette(string filePath, List<CassetteEntry> entries, bool existed)
    {
        FilePath = filePath;
        _entries = entries;
        _saved = [.. entries.Select(e => e.ToJson())];
        Existed = existed;
    }

    /// <summary>Gets the full path of the cassette's file.</summary>
    public string FilePath { get; }

    /// <summary>Gets how many exchanges the cassette holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Gets a value indicating whether the file existed when the cassette was opened.</summary>
    internal bool Existed { get; }

    /// <summary>
    /// Opens the cassette at <paramref name="path"/>: the recordings in the file, or none when there is no file yet (it
    /// is created when something is recorded).
    /// </summary>
    /// <param name="path">The file's path, such as <c>Cassettes/triage.json</c>; a relative path is resolved against the current directory.</param>
    /// <returns>The cassette.</returns>
    /// <exception cref="InvalidDataException">The file is not a cassette: not JSON, another format version, or an entry whose key does not match its request.</exception>
    public static Cassette Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        return File.Exists(fullPath)
            ? new Cassette(fullPath, Read(fullPath, File.ReadAllText(fullPath)), existed: true)
            : new Cassette(fullPath, [], existed: false);
    }

    /// <summary>
    /// Opens the cassette at <paramref name="relativePath"/> from the directory of the source file that calls this
    /// method, so that recording writes it into the source tree, next to the test, rather than into the build output.
    /// </summary>
    /// <param name="relativePath">The file's path relative to the calling source file's directory, such as <c>Cassettes/triage.json</c>.</param>
    /// <param name="sourceFilePath">Filled in by the compiler with the calling source file's path; leave it out.</param>
    /// <returns>The cassette.</returns>
    /// <exception cref="InvalidOperationException">
    /// The calling source file's directory does not exist on this machine: the tests were built elsewhere, or with
    /// deterministic source paths (<c>ContinuousIntegrationBuild</c>, <c>PathMap</c>). Use <see cref="Open(string)"/> with a path instead.
    /// </exception>
    public static Cassette OpenBesideSource(string relativePath, [CallerFilePath] string sourceFilePath = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var directory = string.IsNullOrEmpty(sourceFilePath) ? null : Path.GetDirectoryName(sourceFilePath);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new InvalidOperationException(
                $"Cannot open cassette '{relativePath}' beside its source file: the source directory '{directory ?? "(none)"}' does not exist on this machine "
                + "(were the tests built elsewhere, or with ContinuousIntegrationBuild or PathMap?). Open it with Cassette.Open(path) and a path that exists here.");
        }

        return Open(Path.Combine(directory, relativePath));
    }

    /// <summary>
    /// Writes the cassette to its file if its content differs from the file's (line endings aside); creates the file's
    /// directory if needed. A recording <see cref="ReplayChatClient"/> saves as it records and when it is disposed, so
    /// calling this is rarely needed.
    /// </summary>
    /// <returns><see langword="true"/> when the file was written; <see langword="false"/> when it already held this content, or when there is no file and nothing to write.</returns>
    public bool Save()
    {
        lock (_gate)
        {
            var text = ToText();
            if (File.Exists(FilePath)
                ? string.Equals(File.ReadAllText(FilePath).ReplaceLineEndings("\n"), text, StringComparison.Ordinal)
                : _entries.Count == 0)
            {
                return false;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var temporary = $"{FilePath}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temporary, text);
            File.Move(temporary, FilePath, overwrite: true);
            _saved = [.. _entries.Select(e => e.ToJson())];
            return true;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"cassette {FilePath} ({Count} recording(s))";

    /// <summary>The next recording for <paramref name="key"/> not yet replayed, which is now counted as replayed.</summary>
    internal bool TryReplay(string key, [NotNullWhen(true)] out CassetteEntry? entry, out int recorded)
    {
        lock (_gate)
        {
            var replayed = _replayed.GetValueOrDefault(key);
            recorded = 0;
            entry = null;
            foreach (var candidate in _entries)
            {
                if (candidate.Key == key && recorded++ == replayed)
                {
                    entry = candidate;
                }
            }

            if (entry is null)
            {
                return false;
            }

            _replayed[key] = replayed + 1;
            return true;
        }
    }

    /// <summary>
    /// Adds a recording, counted as replayed (it answered the request that made it), and saves, so that a test that
    /// crashes keeps what it recorded; unless the file already begins with every recording made so far, as when the
    /// same exchanges are recorded again: then the file is left alone until the client is disposed.
    /// </summary>
    internal void Record(CassetteEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
            _replayed[entry.Key] = _replayed.GetValueOrDefault(entry.Key) + 1;
            var saved = _entries.Count <= _saved.Count
                && _entries.Select((e, i) => JsonNode.DeepEquals(e.ToJson(), _saved[i])).All(same => same);
            if (!saved)
            {
                Save();
            }
        }
    }

    /// <summary>Empties the cassette for a fresh recording, once per instance, however many recording clients use it.</summary>
    internal void StartRecording()
    {
        lock (_gate)
        {
            if (!_recording)
            {
                _recording = true;
                _entries.Clear();
                _replayed.Clear();
            }
        }
    }

    /// <summary>A copy of the entries, for the closest-match search.</summary>
    internal IReadOnlyList<CassetteEntry> Entries()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    private string ToText()
    {
        var root = new JsonObject
        {
            ["version"] = FormatVersion,
            ["entries"] = new JsonArray([.. _entries.Select(e => e.ToJson())]),
        };
        return root.ToJsonString(CassetteJson.File) + "\n";
    }

    private static List<CassetteEntry> Read(string path, string text)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw Invalid(path, $"it is not valid JSON ({ex.Message})", ex);
        }

        if (root is not JsonObject obj || obj["entries"] is not JsonArray entries)
        {
            throw Invalid(path, "it has no \"entries\" array");
        }

        if (obj["version"] is not JsonValue version || !version.TryGetValue<int>(out var number) || number != FormatVersion)
        {
            throw Invalid(path, $"its \"version\" is {obj["version"]?.ToJsonString() ?? "missing"}, and this library reads version {FormatVersion}");
        }

        List<CassetteEntry> read = [];
        for (var i = 0; i < entries.Count; i++)
        {
            read.Add(ReadEntry(path, i, entries[i]));
        }

        return read;
    }

    private static CassetteEntry ReadEntry(string path, int index, JsonNode? node)
    {
        if (node is not JsonObject entry
            || entry["key"] is not JsonValue keyValue || !keyValue.TryGetValue<string>(out var key)
            || entry["request"] is not JsonObject request)
        {
            throw Invalid(path, $"entry {index} has no \"key\" string or no \"request\" object");
        }

        var response = entry["response"] as JsonObject;
        var updates = entry["updates"] as JsonArray;
        if ((response is null) == (updates is null))
        {
            throw Invalid(path, $"entry {index} must hold either a \"response\" object or an \"updates\" array");
        }

        // The stored request is canonical already; normalising again makes a hand edit's formatting irrelevant.
        var canonical = (JsonObject)CanonicalJson.Normalize(request)!;
        var expected = CanonicalJson.Hash(canonical);
        if (!string.Equals(expected, key, StringComparison.Ordinal))
        {
            throw Invalid(
                path,
                $"entry {index}'s key {key} does not match its request, whose key is {expected} (was the request edited by hand?). "
                + "Re-record the cassette, or set the entry's key to the request's key if the edit was meant");
        }

        return new CassetteEntry(key, canonical, (JsonObject?)response?.DeepClone(), (JsonArray?)updates?.DeepClone());
    }

    private static InvalidDataException Invalid(string path, string problem, Exception? inner = null)
        => new($"The cassette file '{path}' cannot be read: {problem}. Fix or delete the file, then re-record.", inner);
}
