namespace AgentFlow.Tests.TestSupport;

/// <summary>A clock that moves only when a test advances it, so recorded timestamps and durations are exact.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _start;
    private long _elapsedTicks;

    public ManualTimeProvider(DateTimeOffset start)
    {
        _start = start;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => _start + TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    public override long GetTimestamp() => Interlocked.Read(ref _elapsedTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _elapsedTicks, by.Ticks);
}
