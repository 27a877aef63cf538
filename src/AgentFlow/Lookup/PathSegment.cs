using System.Text;

namespace AgentFlow;

/// <summary>
/// One segment of a node path: a node's name, the case label of a branch (<c>route[Billing]</c>), or the iteration of a
/// loop or the item of a map (<c>refine#2</c>). Names and labels hold only letters, digits, '-', '_' and '.', so the
/// separators '/', '[', ']' and '#' cannot appear inside them.
/// </summary>
/// <param name="Name">The node's name.</param>
/// <param name="Label">The case label, for a branch whose chosen case the path goes through.</param>
/// <param name="Index">The loop iteration (from 1) or map item (from 0), for a run-time path.</param>
internal readonly record struct PathSegment(string Name, string? Label, int? Index)
{
    /// <summary>Splits a path into segments, or says what is wrong with it.</summary>
    public static bool TryParse(string path, out PathSegment[] segments, out string? problem)
    {
        var parts = path.Split('/');
        segments = new PathSegment[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryParseSegment(parts[i], out segments[i]))
            {
                problem = parts[i].Length == 0
                    ? "it has an empty segment"
                    : $"its segment '{parts[i]}' is not a name, name[label] or name#index";
                return false;
            }
        }

        problem = null;
        return true;
    }

    /// <summary>Joins segments into a definition path: labels kept, indices left out.</summary>
    public static string DefinitionPath(ReadOnlySpan<PathSegment> segments)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (text.Length > 0)
            {
                text.Append('/');
            }

            text.Append(segment.Name);
            if (segment.Label is not null)
            {
                text.Append('[').Append(segment.Label).Append(']');
            }
        }

        return text.ToString();
    }

    /// <summary>Joins segments into a run-time path: labels and indices kept.</summary>
    public static string RunPath(ReadOnlySpan<PathSegment> segments)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (text.Length > 0)
            {
                text.Append('/');
            }

            text.Append(segment.Name);
            if (segment.Label is not null)
            {
                text.Append('[').Append(segment.Label).Append(']');
            }

            if (segment.Index is { } index)
            {
                text.Append('#').Append(index);
            }
        }

        return text.ToString();
    }

    private static bool TryParseSegment(string text, out PathSegment segment)
    {
        segment = default;
        var rest = text.AsSpan();
        int? index = null;
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            if (!int.TryParse(rest[(hash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            index = value;
            rest = rest[..hash];
        }

        string? label = null;
        var open = rest.IndexOf('[');
        if (open >= 0)
        {
            if (rest[^1] != ']' || !NodeNames.IsValid(label = rest[(open + 1)..^1].ToString()))
            {
                return false;
            }

            rest = rest[..open];
        }

        var name = rest.ToString();
        if (!NodeNames.IsValid(name))
        {
            return false;
        }

        segment = new PathSegment(name, label, index);
        return true;
    }
}
