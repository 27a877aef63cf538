using System.Text.Json.Nodes;

namespace AgentFlow.Testing;

/// <summary>Compares canonical requests, and finds the recording closest to a request that has none.</summary>
internal static class RequestDiff
{
    private const int Context = 30;
    private const int Shown = 60;

    /// <summary>
    /// The recording closest to <paramref name="actual"/>: the same model first, then the fewest differences, then the
    /// most leading messages in common, then the first recorded.
    /// </summary>
    public static (CassetteEntry Entry, int Index, List<CassetteDifference> Differences)? Closest(IReadOnlyList<CassetteEntry> entries, JsonObject actual)
    {
        (CassetteEntry Entry, int Index, List<CassetteDifference> Differences)? best = null;
        (int, int, int) bestScore = default;
        for (var i = 0; i < entries.Count; i++)
        {
            var differences = Compare(entries[i].Request, actual);
            var score = (
                differences.Any(d => d.Path == "model") ? 1 : 0,
                differences.Count,
                -CommonMessages(entries[i].Request["messages"] as JsonArray, actual["messages"] as JsonArray));
            if (best is null || score.CompareTo(bestScore) < 0)
            {
                best = (entries[i], i, differences);
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>Every leaf where two canonical requests differ, in document order.</summary>
    public static List<CassetteDifference> Compare(JsonNode? recorded, JsonNode? actual)
    {
        List<CassetteDifference> differences = [];
        Compare(string.Empty, recorded, actual, differences);
        return differences;
    }

    private static void Compare(string path, JsonNode? recorded, JsonNode? actual, List<CassetteDifference> differences)
    {
        switch (recorded, actual)
        {
            case (JsonObject r, JsonObject a):
                foreach (var name in r.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (!r.ContainsKey(name) || !a.ContainsKey(name))
                    {
                        differences.Add(new CassetteDifference(child, r.ContainsKey(name) ? Show(r[name]) : null, a.ContainsKey(name) ? Show(a[name]) : null));
                    }
                    else
                    {
                        Compare(child, r[name], a[name], differences);
                    }
                }

                break;
            case (JsonArray r, JsonArray a):
                for (var i = 0; i < Math.Max(r.Count, a.Count); i++)
                {
                    var child = $"{path}[{i}]";
                    if (i >= r.Count || i >= a.Count)
                    {
                        differences.Add(new CassetteDifference(child, i < r.Count ? Show(r[i]) : null, i < a.Count ? Show(a[i]) : null));
                    }
                    else
                    {
                        Compare(child, r[i], a[i], differences);
                    }
                }

                break;
            default:
                var recordedText = CanonicalJson.Write(recorded);
                var actualText = CanonicalJson.Write(actual);
                if (recordedText != actualText)
                {
                    differences.Add(recorded is JsonValue && actual is JsonValue
                        ? Window(path, recordedText, actualText)
                        : new CassetteDifference(path, Show(recorded), Show(actual)));
                }

                break;
        }
    }

    /// <summary>How many messages, from the first, the two requests have in common.</summary>
    private static int CommonMessages(JsonArray? recorded, JsonArray? actual)
    {
        var common = 0;
        while (recorded is not null && actual is not null && common < recorded.Count && common < actual.Count
            && CanonicalJson.Write(recorded[common]) == CanonicalJson.Write(actual[common]))
        {
            common++;
        }

        return common;
    }

    /// <summary>Both values from a little before their first difference, so that the difference shows in a long text.</summary>
    private static CassetteDifference Window(string path, string recorded, string actual)
    {
        var common = 0;
        while (common < recorded.Length && common < actual.Length && recorded[common] == actual[common])
        {
            common++;
        }

        // Short values are shown whole; long ones from a little before the difference.
        var start = Math.Max(recorded.Length, actual.Length) <= Context + Shown ? 0 : Math.Max(0, common - Context);
        return new CassetteDifference(path, Cut(recorded, start), Cut(actual, start));
    }

    private static string Show(JsonNode? node) => Cut(CanonicalJson.Write(node), 0);

    private static string Cut(string text, int start)
    {
        var end = Math.Min(text.Length, start + Context + Shown);
        return (start > 0 ? "..." : string.Empty) + text[start..end] + (end < text.Length ? "..." : string.Empty);
    }
}
