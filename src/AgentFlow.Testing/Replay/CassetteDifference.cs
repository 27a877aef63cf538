namespace AgentFlow.Testing;

/// <summary>
/// One way a request differs from the closest recording in a cassette: where, what was recorded and what was sent.
/// Values are shown as JSON; long text is cut to a window around the first character that differs.
/// </summary>
/// <param name="Path">Where, in the request's canonical form: <c>model</c>, <c>messages[1].contents[0].text</c>, <c>options.temperature</c>, <c>tools[0].parameters</c>.</param>
/// <param name="Recorded">The recorded value, or <see langword="null"/> when the recording has nothing there.</param>
/// <param name="Actual">The value sent, or <see langword="null"/> when the request has nothing there.</param>
public sealed record CassetteDifference(string Path, string? Recorded, string? Actual)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: recorded {Recorded ?? "(nothing)"}, actual {Actual ?? "(nothing)"}";
}
