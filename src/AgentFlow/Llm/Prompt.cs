using System.Security.Cryptography;
using System.Text;

namespace AgentFlow;

/// <summary>
/// A named, versioned prompt: a user template and an optional system template, in Semantic Kernel's template syntax
/// (<c>{{$variable}}</c>), with a content hash that changes whenever the text does.
/// </summary>
/// <remarks>
/// Prompts are natural language: an accidental edit still runs but can change every output. Give each edit a new
/// <see cref="Version"/>; the <see cref="ContentHash"/> lets a test or a lock file catch an edit made without one.
/// </remarks>
public sealed class Prompt
{
    /// <summary>Initializes a new instance of the <see cref="Prompt"/> class.</summary>
    /// <param name="name">The prompt's stable name: letters, digits, '-', '_' or '.'.</param>
    /// <param name="version">The prompt's version, such as <c>1</c> or <c>2026-11-a</c>: letters, digits, '-', '_' or '.'.</param>
    /// <param name="user">The user message template; variables are the task input's properties, or <c>{{$input}}</c>.</param>
    /// <param name="system">The system message template, if any.</param>
    /// <exception cref="ArgumentException">The name or version is not valid, or the user template is empty.</exception>
    public Prompt(string name, string version, string user, string? system = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (!NodeNames.IsValid(name))
        {
            throw new ArgumentException($"The prompt name '{name}' is not valid. Use letters, digits, '-', '_' or '.'.", nameof(name));
        }

        if (!NodeNames.IsValid(version))
        {
            throw new ArgumentException($"The version '{version}' of prompt '{name}' is not valid. Use letters, digits, '-', '_' or '.', such as '1' or '2026-11-a'.", nameof(version));
        }

        Name = name;
        Version = version;
        User = user;
        System = system;
        ContentHash = Hash(system, user);
    }

    /// <summary>Gets the prompt's name.</summary>
    public string Name { get; }

    /// <summary>Gets the prompt's version.</summary>
    public string Version { get; }

    /// <summary>Gets the user message template.</summary>
    public string User { get; }

    /// <summary>Gets the system message template, if any.</summary>
    public string? System { get; }

    /// <summary>Gets the SHA-256 of the prompt's text (system and user templates), as lowercase hex.</summary>
    public string ContentHash { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}@{Version} ({ContentHash[..12]})";

    private static string Hash(string? system, string user)
    {
        // Line endings are normalised so that a checkout on another platform does not change the hash.
        var canonical = $"system:\n{Normalize(system ?? string.Empty)}\nuser:\n{Normalize(user)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
