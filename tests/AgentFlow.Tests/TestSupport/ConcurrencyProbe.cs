namespace AgentFlow.Tests.TestSupport;

/// <summary>Counts how many units are inside a region at once, and the most there ever were.</summary>
public sealed class ConcurrencyProbe
{
    private int _current;
    private int _max;
    private int _entered;

    public int Current => Volatile.Read(ref _current);

    public int Max => Volatile.Read(ref _max);

    public int Entered => Volatile.Read(ref _entered);

    public void Enter()
    {
        Interlocked.Increment(ref _entered);
        var now = Interlocked.Increment(ref _current);
        int seen;
        while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }
    }

    public void Exit() => Interlocked.Decrement(ref _current);
}
