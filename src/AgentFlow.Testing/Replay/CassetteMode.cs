namespace AgentFlow.Testing;

/// <summary>How a <see cref="ReplayChatClient"/> uses its <see cref="Cassette"/>.</summary>
public enum CassetteMode
{
    /// <summary>
    /// Answers every request from the cassette and never calls a model; a request with no recording left fails with a
    /// <see cref="CassetteMissException"/>. Needs no inner client. The mode for CI.
    /// </summary>
    Replay,

    /// <summary>
    /// Calls the inner client for every request and records every exchange, starting from an empty cassette, so the file
    /// ends up holding exactly the exchanges of this run. Needs an inner client.
    /// </summary>
    Record,

    /// <summary>
    /// Answers from the cassette where it can and calls the inner client for the requests it has no recording for,
    /// adding them to the cassette; the recordings already there are kept. Needs an inner client.
    /// </summary>
    Auto,
}
