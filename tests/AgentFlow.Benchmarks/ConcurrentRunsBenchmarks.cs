using AgentFlow.Benchmarks.Peers;
using AgentFlow.Benchmarks.Shapes;
using BenchmarkDotNet.Attributes;
using Microsoft.Agents.AI.Workflows;

namespace AgentFlow.Benchmarks;

/// <summary>
/// 10,000 concurrent runs of a 5-step flow with 20 ms of simulated model latency per step: wall time against the
/// 100 ms ideal critical path. Memory retained per in-flight run is measured by <see cref="RetainedMemoryProbe"/>.
/// </summary>
[MemoryDiagnoser]
public class ConcurrentRunsBenchmarks
{
    /// <summary>Steps per run.</summary>
    public const int Steps = 5;

    /// <summary>Simulated model latency per step.</summary>
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    private readonly RunOptions _recordsOff = new() { RecordNodes = false };

    private Func<int, CancellationToken, Task<int>>[] _steps = [];
    private Flow<int, int> _flow = null!;
    private Workflow _maf = null!;

    /// <summary>Gets or sets how many runs are in flight at once.</summary>
    [Params(10_000)]
    public int Runs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _steps = [.. Enumerable.Range(0, Steps).Select(_ => (Func<int, CancellationToken, Task<int>>)(async (x, ct) =>
        {
            await Task.Delay(Latency, ct).ConfigureAwait(false);
            return x + 1;
        }))];
        _flow = AgentFlowShapes.LatencyChain(Steps, Latency);
        _maf = MafShapes.LatencyChain(Steps, Latency);
        Expect.Equal(Steps * Runs, Ideal(), PlainAsyncDelegates(), AgentFlowRecordsOn(), AgentFlowRecordsOff(), Maf());
    }

    /// <summary>The ideal: the same runs as plain async methods awaiting the same delays.</summary>
    [Benchmark(Baseline = true, Description = "Ideal: plain async chains")]
    public async Task<int> Ideal()
    {
        static async Task<int> RunAsync()
        {
            var value = 0;
            for (var i = 0; i < Steps; i++)
            {
                await Task.Delay(Latency).ConfigureAwait(false);
                value++;
            }

            return value;
        }

        return (await Task.WhenAll(Enumerable.Range(0, Runs).Select(_ => RunAsync())).ConfigureAwait(false)).Sum();
    }

    /// <summary>
    /// The floor for five separate async tasks: the same steps as five async delegates awaited in turn, so each step
    /// has its own state machine, as it has in any orchestration of separate tasks.
    /// </summary>
    [Benchmark(Description = "Plain awaited async delegates")]
    public async Task<int> PlainAsyncDelegates()
    {
        async Task<int> RunAsync()
        {
            var value = 0;
            foreach (var step in _steps)
            {
                value = await step(value, CancellationToken.None).ConfigureAwait(false);
            }

            return value;
        }

        return (await Task.WhenAll(Enumerable.Range(0, Runs).Select(_ => RunAsync())).ConfigureAwait(false)).Sum();
    }

    /// <summary>AgentFlow with default options: the per-node timeline is recorded.</summary>
    [Benchmark(Description = "AgentFlow, records on")]
    public async Task<int> AgentFlowRecordsOn()
        => (await Task.WhenAll(Enumerable.Range(0, Runs).Select(async _ => (await _flow.RunAsync(0).ConfigureAwait(false)).Output)).ConfigureAwait(false)).Sum();

    /// <summary>AgentFlow with the timeline off.</summary>
    [Benchmark(Description = "AgentFlow, records off")]
    public async Task<int> AgentFlowRecordsOff()
        => (await Task.WhenAll(Enumerable.Range(0, Runs).Select(async _ => (await _flow.RunAsync(0, _recordsOff).ConfigureAwait(false)).Output)).ConfigureAwait(false)).Sum();

    /// <summary>MAF's concurrent in-process environment, which lets one workflow serve concurrent runs.</summary>
    [Benchmark(Description = "MAF Workflows 1.28 (concurrent environment)")]
    public async Task<int> Maf()
        => (await Task.WhenAll(Enumerable.Range(0, Runs).Select(_ => MafShapes.RunAsync<int, int>(_maf, 0, InProcessExecution.Concurrent))).ConfigureAwait(false)).Sum();
}
