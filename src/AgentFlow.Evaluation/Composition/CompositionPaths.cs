using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>Node paths as composition cases name them: their shape, and their definition form without indices.</summary>
internal static class CompositionPaths
{
    /// <summary>Returns why <paramref name="path"/> cannot name a node, or <see langword="null"/> when it can.</summary>
    public static string? Check(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "A node path is empty. Name the node by its path in the flow, starting with the flow's name, such as 'qa/country'.";
        }

        if (path.Trim().Length != path.Length)
        {
            return $"The node path '{path}' has leading or trailing spaces; remove them.";
        }

        return path.Split('/').Any(s => s.Length == 0)
            ? $"The node path '{path}' has an empty segment; paths are names joined by '/', such as 'qa/country'."
            : null;
    }

    /// <summary>Whether the path names a loop iteration or a map item (<c>#n</c>). Names and labels cannot hold '#'.</summary>
    public static bool HasIndex(string path) => path.Contains('#', StringComparison.Ordinal);

    /// <summary>A run-time path without its loop iterations and map items: <c>qa/each#0/ask</c> becomes <c>qa/each/ask</c>.</summary>
    public static string DefinitionPath(string path)
    {
        if (!HasIndex(path))
        {
            return path;
        }

        var text = new StringBuilder(path.Length);
        var skipping = false;
        foreach (var c in path)
        {
            if (c == '#')
            {
                skipping = true;
            }
            else if (!char.IsAsciiDigit(c))
            {
                skipping = false;
            }

            if (!skipping)
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>Whether a node at <paramref name="candidate"/> is at <paramref name="path"/> or below it (<c>/</c>, <c>[</c> or <c>#</c> follows).</summary>
    public static bool IsAtOrBelow(string candidate, string path)
        => candidate.StartsWith(path, StringComparison.Ordinal)
           && (candidate.Length == path.Length || candidate[path.Length] is '/' or '[' or '#');
}
