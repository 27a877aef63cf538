namespace AgentFlow.Testing.NUnit;

/// <summary>Matches the run-time paths records carry against the run-time or definition paths tests name.</summary>
internal static class PathMatch
{
    /// <summary>Whether a record made at <paramref name="runPath"/> is at <paramref name="path"/>.</summary>
    public static bool IsAt(string runPath, string path)
        => string.Equals(runPath, path, StringComparison.Ordinal) || string.Equals(DefinitionPath(runPath), path, StringComparison.Ordinal);

    /// <summary>Whether a record made at <paramref name="runPath"/> is at <paramref name="path"/> or below it.</summary>
    public static bool IsAtOrBelow(string runPath, string path)
        => IsAtOrBelowCore(runPath, path) || IsAtOrBelowCore(DefinitionPath(runPath), path);

    /// <summary>A run-time path without its loop iterations and map items. Names and labels cannot hold '#', so every '#' starts an index.</summary>
    public static string DefinitionPath(string runPath)
    {
        if (!runPath.Contains('#', StringComparison.Ordinal))
        {
            return runPath;
        }

        var text = new System.Text.StringBuilder(runPath.Length);
        var skipping = false;
        foreach (var c in runPath)
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

    private static bool IsAtOrBelowCore(string candidate, string path)
        => candidate.StartsWith(path, StringComparison.Ordinal)
           && (candidate.Length == path.Length || candidate[path.Length] is '/' or '[' or '#');
}
