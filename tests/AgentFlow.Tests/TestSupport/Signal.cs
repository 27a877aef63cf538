namespace AgentFlow.Tests.TestSupport;

/// <summary>Helpers for deterministic concurrency in tests: signals that never run continuations inline, and a bound on every wait.</summary>
public static class Signal
{
    /// <summary>How long a test waits for something that must happen before it calls the code under test broken (a hang guard, not a timing assertion).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static TaskCompletionSource Create() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static TaskCompletionSource<T> Create<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once <paramref name="count"/> calls to the returned action have been made.</summary>
    public static (Action Arrive, Task AllArrived) Countdown(int count)
    {
        var arrived = 0;
        var all = Create();
        return (() =>
        {
            if (Interlocked.Increment(ref arrived) == count)
            {
                all.SetResult();
            }
        }, all.Task);
    }
}
