using AgentFlow.Benchmarks.Peers;
using AgentFlow.Benchmarks.Shapes;
using BenchmarkDotNet.Attributes;
using Microsoft.Agents.AI.Workflows;

namespace AgentFlow.Benchmarks;

/// <summary>Fan-out of 8 branches that each wait 50 ms, joined: wall time against the 50 ms ideal.</summary>
[MemoryDiagnoser]
public class FanOutBenchmarks
{
    /// <summary>Branches.</summary>
    public const int Branches = 8;

    /// <summary>How long each branch waits.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(50);

    private static readonly int ExpectedSum = Enumerable.Range(0, Branches).Sum();

    private Flow<int, int> _flow = null!;
    private Workflow _maf = null!;

    [GlobalSetup]
    public void Setup()
    {
        _flow = AgentFlowShapes.FanOut(Branches, Wait);
        _maf = MafShapes.FanOut(Branches, Wait);
        Expect.Equal(ExpectedSum, Ideal(), AgentFlow(), Maf());
    }

    /// <summary>The ideal: eight waits started together with <see cref="Task.WhenAll(Task[])"/>.</summary>
    [Benchmark(Baseline = true, Description = "Ideal: Task.WhenAll")]
    public async Task<int> Ideal()
    {
        var branches = Enumerable.Range(0, Branches).Select(async i =>
        {
            await Task.Delay(Wait).ConfigureAwait(false);
            return i;
        });
        return (await Task.WhenAll(branches).ConfigureAwait(false)).Sum();
    }

    /// <summary>AgentFlow's parallel with a typed join, default options (records on).</summary>
    [Benchmark(Description = "AgentFlow parallel")]
    public async Task<int> AgentFlow() => (await _flow.RunAsync(0).ConfigureAwait(false)).Output;

    /// <summary>MAF fan-out edge and fan-in barrier into an aggregating executor.</summary>
    [Benchmark(Description = "MAF fan-out/fan-in")]
    public Task<int> Maf() => MafShapes.RunAsync<int, int>(_maf, 0, InProcessExecution.Default);
}
