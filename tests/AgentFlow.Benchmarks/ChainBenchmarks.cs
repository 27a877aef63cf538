using AgentFlow.Benchmarks.Peers;
using AgentFlow.Benchmarks.Shapes;
using BenchmarkDotNet.Attributes;
using Microsoft.Agents.AI.Workflows;

namespace AgentFlow.Benchmarks;

/// <summary>
/// A sequential chain of 20 trivial code tasks (x + 1). Every result is per step: each benchmark runs the whole chain
/// once per operation and reports <see cref="Steps"/> operations.
/// </summary>
[MemoryDiagnoser]
public class ChainBenchmarks
{
    /// <summary>Steps in the chain.</summary>
    public const int Steps = 20;

    private readonly RunOptions _recordsOff = new() { RecordNodes = false };
    private readonly RunOptions _recordsOn = new() { RecordNodes = true };
    private Func<int, ValueTask<int>>[] _delegates = [];
    private Flow<int, int> _flow = null!;
    private Workflow _maf = null!;

    [GlobalSetup]
    public void Setup()
    {
        _delegates = [.. Enumerable.Range(0, Steps).Select(_ => (Func<int, ValueTask<int>>)(x => new ValueTask<int>(x + 1)))];
        _flow = AgentFlowShapes.Chain(Steps);
        _maf = MafShapes.Chain(Steps);
        Expect.Equal(Steps, PlainDelegates().AsTask(), AgentFlowRecordsOff(), AgentFlowRecordsOn(), AgentFlowEvents(), Maf());
    }

    /// <summary>The floor: the same chain as awaited delegates.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Steps, Description = "Plain awaited delegates")]
    public async ValueTask<int> PlainDelegates()
    {
        var value = 0;
        foreach (var step in _delegates)
        {
            value = await step(value).ConfigureAwait(false);
        }

        return value;
    }

    /// <summary>AgentFlow with telemetry and the node timeline off: only route decisions, loops and errors are kept.</summary>
    [Benchmark(OperationsPerInvoke = Steps, Description = "AgentFlow, records off")]
    public async Task<int> AgentFlowRecordsOff() => (await _flow.RunAsync(0, _recordsOff).ConfigureAwait(false)).Output;

    /// <summary>AgentFlow with the per-node timeline recorded (the default).</summary>
    [Benchmark(OperationsPerInvoke = Steps, Description = "AgentFlow, records on")]
    public async Task<int> AgentFlowRecordsOn() => (await _flow.RunAsync(0, _recordsOn).ConfigureAwait(false)).Output;

    /// <summary>AgentFlow streaming every run event to a consumer, with the timeline recorded.</summary>
    [Benchmark(OperationsPerInvoke = Steps, Description = "AgentFlow, records and events")]
    public async Task<int> AgentFlowEvents()
    {
        var output = 0;
        await foreach (var runEvent in _flow.StreamAsync(0, _recordsOn).ConfigureAwait(false))
        {
            if (runEvent is RunCompletedEvent completed)
            {
                output = (int)completed.Output!;
            }
        }

        return output;
    }

    /// <summary>Microsoft Agent Framework Workflows, in-process, function executors.</summary>
    [Benchmark(OperationsPerInvoke = Steps, Description = "MAF Workflows 1.28")]
    public Task<int> Maf() => MafShapes.RunAsync<int, int>(_maf, 0, InProcessExecution.Default);
}
