using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// The prompts do not match their lock file: a prompt edited without a new version, a new version, a prompt added or
/// removed, a name used for two different prompts, or a lock file missing or unreadable. The message lists every problem,
/// with a diff of each changed text, and says how to fix it.
/// </summary>
public sealed class PromptLockException : Exception
{
    internal PromptLockException(string lockPath, IReadOnlyList<PromptLockProblem> problems, bool updating)
        : base(Describe(lockPath, problems, updating))
    {
        LockPath = lockPath;
        Problems = problems;
    }

    /// <summary>Gets the full path of the lock file.</summary>
    public string LockPath { get; }

    /// <summary>Gets every problem found, sorted by prompt name.</summary>
    public IReadOnlyList<PromptLockProblem> Problems { get; }

    private static string Describe(string lockPath, IReadOnlyList<PromptLockProblem> problems, bool updating)
    {
        var text = new StringBuilder();
        text.Append(updating ? $"The prompt lock '{lockPath}' was not updated" : $"The prompts do not match the prompt lock '{lockPath}'")
            .Append(problems.Count == 1 ? " (1 problem):" : $" ({problems.Count} problems):");
        foreach (var problem in problems)
        {
            text.Append("\n\n  ").Append(problem.Message.Replace("\n", "\n  ", StringComparison.Ordinal));
            if (problem.Diff is { Length: > 0 } diff)
            {
                text.Append("\n    ").Append(diff.Replace("\n", "\n    ", StringComparison.Ordinal));
            }
        }

        if (!updating && problems.Any(p => p.FixedByUpdate))
        {
            text.Append("\n\n").Append(PromptLock.UpdateHint);
        }

        return text.ToString();
    }
}
