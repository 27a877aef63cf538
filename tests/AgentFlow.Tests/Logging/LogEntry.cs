using Microsoft.Extensions.Logging;

namespace AgentFlow.Tests.Logging;

/// <summary>One captured log call.</summary>
/// <param name="Category">The logger's category.</param>
/// <param name="Level">The level.</param>
/// <param name="EventId">The event id.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="State">Every structured value of the state, as text.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<string> State, Exception? Exception)
{
    /// <summary>Gets whether the message or any structured value contains <paramref name="text"/>.</summary>
    /// <param name="text">The text to look for.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool Mentions(string text)
        => Message.Contains(text, StringComparison.Ordinal) || State.Any(v => v.Contains(text, StringComparison.Ordinal));
}
