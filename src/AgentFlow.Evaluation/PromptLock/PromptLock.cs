using System.Runtime.CompilerServices;

namespace AgentFlow.Evaluation;

/// <summary>
/// A lock file, committed with the application, that records every prompt's name, version, content hash, the hashes of
/// the few-shot examples it is shown with, and its text. <see cref="Verify(string, PromptCatalog)"/>, called from a test,
/// fails when a prompt's text or examples changed without a new version, with a diff of the text; new versions, new and
/// removed prompts fail too, until the lock is updated.
/// </summary>
/// <remarks>
/// <para>
/// Prompts are natural language: an accidental edit still runs and can change every output, and an evaluation history
/// keyed by prompt version is wrong if one version has had two texts. The lock makes every edit visible: an edit under
/// the same version fails and is never accepted by an update; an edit with a new version, a new prompt or a removed one
/// fails until the lock is updated, so that the lock always holds the text of the current version and the change shows
/// in the lock file's own diff in review.
/// </para>
/// <para>
/// Update the lock with <see cref="Update(string, PromptCatalog)"/>, or by running the tests once with the environment
/// variable <see cref="UpdateEnvironmentVariable"/> set to <c>1</c>, which makes <see cref="Verify(string, PromptCatalog)"/>
/// update the lock and pass. The variable is refused on a CI server (<c>CI</c>, <c>TF_BUILD</c>, <c>GITHUB_ACTIONS</c>,
/// <c>GITLAB_CI</c>, <c>JENKINS_URL</c>, <c>TEAMCITY_VERSION</c> or <c>BUILDKITE</c> set), where the lock is only checked.
/// </para>
/// <para>The check uses no test framework: a failure is a <see cref="PromptLockException"/>, whose message is the report.</para>
/// </remarks>
public static class PromptLock
{
    /// <summary>The environment variable that, set to <c>1</c> or <c>true</c>, makes <see cref="Verify(string, PromptCatalog)"/> update the lock instead of failing.</summary>
    public const string UpdateEnvironmentVariable = "AGENTFLOW_UPDATE_PROMPT_LOCK";

    /// <summary>The usual name of the lock file.</summary>
    public const string DefaultFileName = "prompts.lock.json";

    /// <summary>What to do when the lock only needs to record changes.</summary>
    internal const string UpdateHint =
        $"To record new versions, new prompts and removed prompts in the lock, run the tests once with {UpdateEnvironmentVariable}=1 on a "
        + "developer machine (it is refused on a CI server), or call PromptLock.Update; then review the lock file's diff and commit it. "
        + "An update never accepts a prompt edited without a new version.";

    private static readonly string[] CiVariables = ["CI", "TF_BUILD", "GITHUB_ACTIONS", "GITLAB_CI", "JENKINS_URL", "TEAMCITY_VERSION", "BUILDKITE"];

    /// <summary>
    /// Checks the prompts against the lock file, or updates the lock when <see cref="UpdateEnvironmentVariable"/> is set.
    /// </summary>
    /// <param name="lockPath">The lock file, such as <c>prompts.lock.json</c>; a relative path is resolved against the current directory (see <see cref="BesideSource"/>).</param>
    /// <param name="prompts">The prompts the application uses.</param>
    /// <exception cref="PromptLockException">
    /// A prompt's text or examples changed without a new version (with a diff of the text), a prompt has a new version, a
    /// prompt is new or was removed, one name is used for different prompts, or the lock file is missing or cannot be read.
    /// The message lists every problem and how to fix it; <see cref="PromptLockException.Problems"/> has them one by one.
    /// With <see cref="UpdateEnvironmentVariable"/> set, only the problems an update cannot fix.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="prompts"/> has no prompt.</exception>
    /// <exception cref="InvalidOperationException"><see cref="UpdateEnvironmentVariable"/> is set on a CI server, or to a value other than <c>1</c>, <c>true</c>, <c>0</c> or <c>false</c>.</exception>
    public static void Verify(string lockPath, PromptCatalog prompts) => Verify(lockPath, prompts, Environment.GetEnvironmentVariable);

    /// <summary>Checks every prompt of <paramref name="nodes"/> against the lock file (see <see cref="Verify(string, PromptCatalog)"/>).</summary>
    /// <param name="lockPath">The lock file.</param>
    /// <param name="nodes">The flows and tasks whose prompts are locked.</param>
    /// <exception cref="PromptLockException">The prompts do not match the lock.</exception>
    /// <exception cref="ArgumentException">The nodes hold no prompt or agent task.</exception>
    /// <exception cref="InvalidOperationException"><see cref="UpdateEnvironmentVariable"/> is set on a CI server, or to a value it does not take.</exception>
    public static void Verify(string lockPath, params IEnumerable<FlowNode> nodes)
        => Verify(lockPath, new PromptCatalog().Add(nodes));

    /// <summary>Checks <paramref name="prompts"/> against the lock file (see <see cref="Verify(string, PromptCatalog)"/>).</summary>
    /// <param name="lockPath">The lock file.</param>
    /// <param name="prompts">The prompts.</param>
    /// <exception cref="PromptLockException">The prompts do not match the lock.</exception>
    /// <exception cref="ArgumentException">There is no prompt.</exception>
    /// <exception cref="InvalidOperationException"><see cref="UpdateEnvironmentVariable"/> is set on a CI server, or to a value it does not take.</exception>
    public static void Verify(string lockPath, params IEnumerable<Prompt> prompts)
        => Verify(lockPath, new PromptCatalog().Add(prompts));

    /// <summary>
    /// Writes the lock file from the prompts: records new versions, adds new prompts, removes those no longer used, and
    /// writes anew a lock it cannot read. Refuses, and writes nothing, when a prompt's text or examples changed without a
    /// new version, or when one name is used for different prompts.
    /// </summary>
    /// <param name="lockPath">The lock file; its directory is created if needed.</param>
    /// <param name="prompts">The prompts the application uses.</param>
    /// <returns><see langword="true"/> when the file was written; <see langword="false"/> when it already held these prompts.</returns>
    /// <exception cref="PromptLockException">A prompt changed without a new version, or a name is used for different prompts.</exception>
    /// <exception cref="ArgumentException"><paramref name="prompts"/> has no prompt.</exception>
    /// <remarks>
    /// This is an explicit call, so it is not refused on a CI server as <see cref="UpdateEnvironmentVariable"/> is; keep it
    /// out of the tests that CI runs. A lock it cannot read (such as one with merge conflict markers) is refused, not
    /// overwritten: overwriting it would accept edits made without a new version. Mend or delete it first.
    /// </remarks>
    public static bool Update(string lockPath, PromptCatalog prompts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lockPath);
        ArgumentNullException.ThrowIfNull(prompts);
        var fullPath = Path.GetFullPath(lockPath);
        var comparison = Compare(prompts);
        string? existing = File.Exists(fullPath) ? File.ReadAllText(fullPath) : null;
        List<PromptLockProblem> refused = [.. comparison.Conflicts];
        string? unreadable = null;
        if (existing is not null && LockFile.TryRead(existing, out var locked, out unreadable))
        {
            refused.AddRange(comparison.Compare(locked).Where(p => !p.FixedByUpdate));
        }
        else if (existing is not null)
        {
            refused.Add(new(
                PromptLockProblemKind.LockFileInvalid,
                null,
                $"The prompt lock cannot be read: {unreadable}. Mend it (after a merge conflict, keep both sides' entries), or delete it to lock the prompts as they are now."));
        }

        if (refused.Count > 0)
        {
            throw new PromptLockException(fullPath, Sort(refused), updating: true);
        }

        var text = LockFile.Write(comparison.Entries.Values);
        if (existing is not null && string.Equals(existing.ReplaceLineEndings("\n"), text, StringComparison.Ordinal))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var temporary = $"{fullPath}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, fullPath, overwrite: true);
        return true;
    }

    /// <summary>Writes the lock file from every prompt of <paramref name="nodes"/> (see <see cref="Update(string, PromptCatalog)"/>).</summary>
    /// <param name="lockPath">The lock file.</param>
    /// <param name="nodes">The flows and tasks whose prompts are locked.</param>
    /// <returns><see langword="true"/> when the file was written.</returns>
    /// <exception cref="PromptLockException">A prompt changed without a new version, or a name is used for different prompts.</exception>
    /// <exception cref="ArgumentException">The nodes hold no prompt or agent task.</exception>
    public static bool Update(string lockPath, params IEnumerable<FlowNode> nodes)
        => Update(lockPath, new PromptCatalog().Add(nodes));

    /// <summary>Writes the lock file from <paramref name="prompts"/> (see <see cref="Update(string, PromptCatalog)"/>).</summary>
    /// <param name="lockPath">The lock file.</param>
    /// <param name="prompts">The prompts.</param>
    /// <returns><see langword="true"/> when the file was written.</returns>
    /// <exception cref="PromptLockException">A prompt changed without a new version, or a name is used for different prompts.</exception>
    /// <exception cref="ArgumentException">There is no prompt.</exception>
    public static bool Update(string lockPath, params IEnumerable<Prompt> prompts)
        => Update(lockPath, new PromptCatalog().Add(prompts));

    /// <summary>
    /// The full path of <paramref name="relativePath"/> from the directory of the source file that calls this method, so
    /// that a test finds and updates the lock in the source tree, not in the build output.
    /// </summary>
    /// <param name="relativePath">The lock file's path relative to the calling source file's directory, such as <c>prompts.lock.json</c> or <c>../prompts.lock.json</c>.</param>
    /// <param name="sourceFilePath">Filled in by the compiler with the calling source file's path; leave it out.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="InvalidOperationException">
    /// The calling source file's directory does not exist on this machine: the tests were built elsewhere, or with
    /// deterministic source paths (<c>ContinuousIntegrationBuild</c>, <c>PathMap</c>). Pass a path that exists here instead.
    /// </exception>
    public static string BesideSource(string relativePath = DefaultFileName, [CallerFilePath] string sourceFilePath = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var directory = string.IsNullOrEmpty(sourceFilePath) ? null : Path.GetDirectoryName(sourceFilePath);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new InvalidOperationException(
                $"Cannot find the prompt lock '{relativePath}' beside its source file: the source directory '{directory ?? "(none)"}' does not exist on this machine "
                + "(were the tests built elsewhere, or with ContinuousIntegrationBuild or PathMap?). Pass the lock's path instead.");
        }

        return Path.GetFullPath(Path.Combine(directory, relativePath));
    }

    /// <summary>Checks or updates as <see cref="Verify(string, PromptCatalog)"/>, reading the environment through <paramref name="environment"/>.</summary>
    /// <returns><see langword="true"/> when the lock was updated rather than checked.</returns>
    internal static bool Verify(string lockPath, PromptCatalog prompts, Func<string, string?> environment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lockPath);
        ArgumentNullException.ThrowIfNull(prompts);
        if (UpdateRequested(environment))
        {
            Update(lockPath, prompts);
            return true;
        }

        var fullPath = Path.GetFullPath(lockPath);
        var comparison = Compare(prompts);
        List<PromptLockProblem> problems = [.. comparison.Conflicts];
        if (!File.Exists(fullPath))
        {
            problems.Add(new(PromptLockProblemKind.LockFileMissing, null, $"There is no prompt lock at '{fullPath}' yet."));
        }
        else if (!LockFile.TryRead(File.ReadAllText(fullPath), out var locked, out var error))
        {
            problems.Add(new(
                PromptLockProblemKind.LockFileInvalid,
                null,
                $"The prompt lock cannot be read: {error}. It is not rewritten by an update, which would accept any edit made "
                + "meanwhile without a new version: mend it (after a merge conflict, keep both sides' entries), or delete it to lock the prompts as they are now."));
        }
        else
        {
            problems.AddRange(comparison.Compare(locked));
        }

        if (problems.Count > 0)
        {
            throw new PromptLockException(fullPath, Sort(problems), updating: false);
        }

        return false;
    }

    private static LockComparison Compare(PromptCatalog prompts)
    {
        if (prompts.Uses.Count == 0)
        {
            throw new ArgumentException(
                "There is no prompt to lock: the flows and tasks given hold no prompt or agent task. Pass the flows that use prompts, or the prompts themselves.",
                nameof(prompts));
        }

        return new LockComparison(prompts);
    }

    private static List<PromptLockProblem> Sort(List<PromptLockProblem> problems)
        => [.. problems.OrderBy(p => p.PromptName ?? string.Empty, StringComparer.Ordinal).ThenBy(p => p.Kind)];

    /// <summary>Whether the environment asks for an update; refuses one on a CI server and a value it does not take.</summary>
    private static bool UpdateRequested(Func<string, string?> environment)
    {
        var value = environment(UpdateEnvironmentVariable)?.Trim();
        if (string.IsNullOrEmpty(value) || value == "0" || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (value != "1" && !string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{UpdateEnvironmentVariable} is '{value}': set it to 1 (or true) to update the prompt lock, or leave it unset (or 0) to check it.");
        }

        foreach (var name in CiVariables)
        {
            if (environment(name)?.Trim() is { Length: > 0 } set && set != "0" && !string.Equals(set, "false", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"{UpdateEnvironmentVariable} is set, but this looks like a CI server ({name} is set): the prompt lock is only updated on a developer "
                    + $"machine, where the change to it is reviewed and committed, and only checked in CI. Remove {UpdateEnvironmentVariable} from the CI configuration.");
            }
        }

        return true;
    }
}
