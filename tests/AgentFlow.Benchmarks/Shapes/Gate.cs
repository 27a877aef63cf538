namespace AgentFlow.Benchmarks.Shapes;

/// <summary>Holds runs at one step until opened, and counts how many have arrived there.</summary>
internal sealed class Gate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public int Arrived => Volatile.Read(ref _arrived);

    public Task PassAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _arrived);
        return _open.Task.WaitAsync(cancellationToken);
    }

    public void Open() => _open.TrySetResult();
}
