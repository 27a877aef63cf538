namespace AgentFlow.Evaluation;

/// <summary>
/// One prompt as the lock records it: its name, version, content hash, the hashes of the example sets it is shown with
/// (sorted, distinct), and its text, from which a diff is printed when the text changes.
/// </summary>
internal sealed record LockEntry(string Name, string Version, string ContentHash, IReadOnlyList<string> ExamplesHashes, string? System, string User)
{
    public static LockEntry Of(Prompt prompt, IEnumerable<string> examplesHashes)
        => new(
            prompt.Name,
            prompt.Version,
            prompt.ContentHash,
            [.. examplesHashes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            string.IsNullOrEmpty(prompt.System) ? null : Normalize(prompt.System),
            Normalize(prompt.User));

    public string Label => $"{Name}@{Version}";

    public bool SameExamples(LockEntry other) => ExamplesHashes.SequenceEqual(other.ExamplesHashes, StringComparer.Ordinal);

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
