using AgentFlow.Benchmarks.Peers;
using AgentFlow.Benchmarks.Shapes;
using BenchmarkDotNet.Attributes;
using Microsoft.Agents.AI.Workflows;

namespace AgentFlow.Benchmarks;

/// <summary>
/// A chain of 20 steps that each really await (<see cref="Task.Yield"/>) before adding one, as every step that calls a
/// model does: the per-step cost of the engine's asynchronous path. Every result is per step.
/// </summary>
[MemoryDiagnoser]
public class AsyncChainBenchmarks
{
    /// <summary>Steps in the chain.</summary>
    public const int Steps = 20;

    private readonly RunOptions _recordsOff = new() { RecordNodes = false };
    private readonly RunOptions _recordsOn = new() { RecordNodes = true };
    private Func<int, Task<int>>[] _delegates = [];
    private Flow<int, int> _flow = null!;
    private Workflow _maf = null!;

    [GlobalSetup]
    public void Setup()
    {
        _delegates = [.. Enumerable.Range(0, Steps).Select(_ => (Func<int, Task<int>>)(async x =>
        {
            await Task.Yield();
            return x + 1;
        }))];
        _flow = AgentFlowShapes.YieldingChain(Steps);
        _maf = MafShapes.YieldingChain(Steps);
        Expect.Equal(Steps, PlainAsyncDelegates(), AgentFlowRecordsOff(), AgentFlowRecordsOn(), Maf());
    }

    /// <summary>The floor: the same steps as async delegates awaited in turn.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Steps, Description = "Plain awaited async delegates")]
    public async Task<int> PlainAsyncDelegates()
    {
        var value = 0;
        foreach (var step in _delegates)
        {
            value = await step(value).ConfigureAwait(false);
        }

        return value;
    }

    /// <summary>AgentFlow with the node timeline off.</summary>
    [Benchmark(OperationsPerInvoke = Steps, Description = "AgentFlow, records off")]
    public async Task<int> AgentFlowRecordsOff() => (await _flow.RunAsync(0, _recordsOff).ConfigureAwait(false)).Output;

    /// <summary>AgentFlow with the node timeline recorded (the default).</summary>
    [Benchmark(OperationsPerInvoke = Steps, Description = "AgentFlow, records on")]
    public async Task<int> AgentFlowRecordsOn() => (await _flow.RunAsync(0, _recordsOn).ConfigureAwait(false)).Output;

    /// <summary>MAF Workflows with async function executors.</summary>
    [Benchmark(OperationsPerInvoke = Steps, Description = "MAF Workflows 1.28")]
    public Task<int> Maf() => MafShapes.RunAsync<int, int>(_maf, 0, InProcessExecution.Default);
}
