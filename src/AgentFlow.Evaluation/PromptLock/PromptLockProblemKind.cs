using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>What a <see cref="PromptLock"/> check found wrong. Written to JSON by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PromptLockProblemKind>))]
public enum PromptLockProblemKind
{
    /// <summary>The prompt's text changed but its version did not. Never accepted by an update: give the prompt a new version.</summary>
    EditedWithoutNewVersion,

    /// <summary>The few-shot examples shown with the prompt changed but its version did not. Never accepted by an update: give the prompt a new version.</summary>
    ExamplesChangedWithoutNewVersion,

    /// <summary>Two uses of one prompt name have different versions or texts, so the lock cannot hold one entry for the name. Never accepted by an update.</summary>
    Conflict,

    /// <summary>The prompt has a new version the lock does not record yet: an update records it.</summary>
    VersionChanged,

    /// <summary>The prompt is not in the lock yet: an update adds it.</summary>
    Added,

    /// <summary>The lock has a prompt that is no longer used: an update removes it.</summary>
    Removed,

    /// <summary>There is no lock file yet: an update creates it.</summary>
    LockFileMissing,

    /// <summary>The lock file cannot be read (not JSON, another format, text edited by hand, a merge conflict): an update writes it anew.</summary>
    LockFileInvalid,
}
