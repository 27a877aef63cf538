namespace AgentFlow.Testing;

/// <summary>
/// A <see cref="ReplayChatClient"/> replaying a cassette received a request the cassette has no recording left for.
/// The message names the cassette, the request's key, the closest recording and what differs from it, and how to
/// re-record.
/// </summary>
public sealed class CassetteMissException : InvalidOperationException
{
    internal CassetteMissException(string message, string cassettePath, string requestKey, string? closestKey, IReadOnlyList<CassetteDifference> differences)
        : base(message)
    {
        CassettePath = cassettePath;
        RequestKey = requestKey;
        ClosestKey = closestKey;
        Differences = differences;
    }

    /// <summary>Gets the full path of the cassette's file.</summary>
    public string CassettePath { get; }

    /// <summary>Gets the key of the request that missed.</summary>
    public string RequestKey { get; }

    /// <summary>
    /// Gets the key of the closest recording: the request's own key when all its recordings were already replayed, or
    /// <see langword="null"/> when the cassette holds no recording at all.
    /// </summary>
    public string? ClosestKey { get; }

    /// <summary>Gets how the request differs from the closest recording (empty when its key was recorded but used up).</summary>
    public IReadOnlyList<CassetteDifference> Differences { get; }
}
