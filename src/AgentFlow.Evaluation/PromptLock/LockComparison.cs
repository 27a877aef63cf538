using System.Globalization;

namespace AgentFlow.Evaluation;

/// <summary>Turns a catalog into lock entries, and compares them with the entries of a lock file, prompt by prompt.</summary>
internal sealed class LockComparison
{
    private const int MaxSourcesShown = 5;

    private readonly Dictionary<string, List<string>> _sources = new(StringComparer.Ordinal);

    public LockComparison(PromptCatalog catalog)
    {
        SortedDictionary<string, LockEntry> entries = new(StringComparer.Ordinal);
        List<PromptLockProblem> conflicts = [];
        foreach (var group in catalog.Uses.GroupBy(u => u.Prompt.Name, StringComparer.Ordinal))
        {
            _sources[group.Key] = [.. group.Select(u => u.Source).Distinct(StringComparer.Ordinal)];
            var variants = group.GroupBy(u => (u.Prompt.Version, u.Prompt.ContentHash)).ToArray();
            if (variants.Length > 1)
            {
                conflicts.Add(Conflict(group.Key, variants));
                continue;
            }

            entries[group.Key] = LockEntry.Of(group.First().Prompt, group.Select(u => u.ExamplesHash).OfType<string>());
        }

        Entries = entries;
        Conflicts = conflicts;
    }

    /// <summary>Gets the entries of the prompts whose uses agree, sorted by name.</summary>
    public IReadOnlyDictionary<string, LockEntry> Entries { get; }

    /// <summary>Gets a problem for each name used for different prompts.</summary>
    public IReadOnlyList<PromptLockProblem> Conflicts { get; }

    /// <summary>What differs between the lock's entries and the catalog's, sorted by prompt name.</summary>
    public List<PromptLockProblem> Compare(IReadOnlyDictionary<string, LockEntry> locked)
    {
        List<PromptLockProblem> problems = [];
        foreach (var name in locked.Keys.Union(Entries.Keys).Except(Conflicts.Select(c => c.PromptName!)).Order(StringComparer.Ordinal))
        {
            var before = locked.GetValueOrDefault(name);
            var now = Entries.GetValueOrDefault(name);
            if (before is null)
            {
                problems.Add(new(PromptLockProblemKind.Added, name, $"Prompt '{name}' (version '{now!.Version}', {Where(name)}) is not in the lock."));
            }
            else if (now is null)
            {
                problems.Add(new(
                    PromptLockProblemKind.Removed,
                    name,
                    $"Prompt '{name}' (version '{before.Version}') is in the lock, but none of the prompts checked is named so: it is no longer used, or its flow was not passed to the check."));
            }
            else if (!string.Equals(before.Version, now.Version, StringComparison.Ordinal))
            {
                var same = string.Equals(before.ContentHash, now.ContentHash, StringComparison.Ordinal);
                problems.Add(new(
                    PromptLockProblemKind.VersionChanged,
                    name,
                    $"Prompt '{name}' ({Where(name)}) has a new version, '{now.Version}'; the lock records '{before.Version}'"
                    + (same ? ", with the same text." : ". Its text changed:"),
                    same ? null : Diff(before, "lock", now, "code")));
            }
            else if (!string.Equals(before.ContentHash, now.ContentHash, StringComparison.Ordinal))
            {
                problems.Add(new(
                    PromptLockProblemKind.EditedWithoutNewVersion,
                    name,
                    $"Prompt '{name}' ({Where(name)}) changed, but its version is still '{now.Version}'. Give it a new version, so that its runs, "
                    + "evaluations and history tell the two texts apart, or undo the edit:",
                    Diff(before, "lock", now, "code")));
            }
            else if (!before.SameExamples(now))
            {
                problems.Add(new(
                    PromptLockProblemKind.ExamplesChangedWithoutNewVersion,
                    name,
                    $"The few-shot examples shown with prompt '{name}' ({Where(name)}) changed, but its version is still '{now.Version}'. "
                    + $"The examples are part of what the model sees: give the prompt a new version, or undo the change. "
                    + $"Examples in the lock: {Hashes(before.ExamplesHashes)}; now: {Hashes(now.ExamplesHashes)}."));
            }
        }

        return problems;
    }

    /// <summary>A unified diff of the system and user texts that differ; each part's lines are labelled with its side, the prompt and the part.</summary>
    private static string Diff(LockEntry before, string beforeSide, LockEntry after, string afterSide)
    {
        var parts = new[] { ("system", before.System, after.System), ("user", before.User, after.User) }
            .Select(p => LineDiff.Unified(LineDiff.Lines(p.Item2), LineDiff.Lines(p.Item3), $"{beforeSide}/{before.Label}/{p.Item1}", $"{afterSide}/{after.Label}/{p.Item1}"))
            .Where(d => d.Length > 0);
        return string.Join('\n', parts);
    }

    private static PromptLockProblem Conflict(string name, IGrouping<(string Version, string ContentHash), PromptUse>[] variants)
    {
        var described = variants.Select(v => $"{v.First().Prompt} {Where([.. v.Select(u => u.Source).Distinct(StringComparer.Ordinal)])}");
        var first = LockEntry.Of(variants[0].First().Prompt, []);
        var second = LockEntry.Of(variants[1].First().Prompt, []);
        var diff = string.Equals(first.ContentHash, second.ContentHash, StringComparison.Ordinal) ? null : Diff(first, "1", second, "2");
        return new(
            PromptLockProblemKind.Conflict,
            name,
            string.Create(CultureInfo.InvariantCulture, $"The prompt name '{name}' is used for {variants.Length} different prompts: {string.Join("; ", described)}. ")
            + "One name must mean one version and one text: give the other prompt a name of its own, or use one version everywhere."
            + (diff is null ? string.Empty : " The first two differ:"),
            diff);
    }

    private string Where(string name) => Where(_sources[name]);

    /// <summary>Where a prompt is used: <c>at</c> its node paths (the first few), and whether it was also listed on its own.</summary>
    private static string Where(List<string> sources)
    {
        var paths = sources.Where(s => s != PromptCatalog.ListedSource).ToList();
        var listed = paths.Count < sources.Count;
        if (paths.Count == 0)
        {
            return "listed on its own";
        }

        var at = paths.Count <= MaxSourcesShown
            ? string.Join(", ", paths)
            : string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", paths.Take(MaxSourcesShown))} and {paths.Count - MaxSourcesShown} more");
        return listed ? $"at {at}, and listed on its own" : $"at {at}";
    }

    private static string Hashes(IReadOnlyList<string> hashes)
        => hashes.Count == 0 ? "none" : string.Join(", ", hashes.Select(h => h.Length > 12 ? h[..12] : h));
}
