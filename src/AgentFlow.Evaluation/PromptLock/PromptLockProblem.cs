namespace AgentFlow.Evaluation;

/// <summary>One thing a <see cref="PromptLock"/> check found wrong.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="PromptName">The prompt's name; <see langword="null"/> for a problem of the lock file as a whole.</param>
/// <param name="Message">What is wrong, where the prompt is used, and how to fix it.</param>
/// <param name="Diff">
/// A unified line diff (<c>---</c>, <c>+++</c>, <c>@@</c> hunks, lines starting with <c>-</c>, <c>+</c> or a space) of the
/// prompt's text, from the lock to the code, when the text changed; LF line ends.
/// </param>
public sealed record PromptLockProblem(PromptLockProblemKind Kind, string? PromptName, string Message, string? Diff = null)
{
    /// <summary>
    /// Gets a value indicating whether updating the lock (<see cref="PromptLock.Update(string, PromptCatalog)"/> or
    /// <see cref="PromptLock.UpdateEnvironmentVariable"/>) resolves the problem; the others need a change to the prompts.
    /// </summary>
    public bool FixedByUpdate => Kind is PromptLockProblemKind.VersionChanged or PromptLockProblemKind.Added or PromptLockProblemKind.Removed
        or PromptLockProblemKind.LockFileMissing;
}
