using System.Diagnostics;
using System.Globalization;
using AgentFlow.Benchmarks.Peers;
using AgentFlow.Benchmarks.Shapes;
using Microsoft.Agents.AI.Workflows;

namespace AgentFlow.Benchmarks;

/// <summary>
/// Memory retained per in-flight run: many runs of a 5-step flow are held at their third step (as if waiting for a
/// model), and the managed heap after a full collection is compared with the heap before they started.
/// </summary>
internal static class RetainedMemoryProbe
{
    private const int Steps = 5;
    private const int GatedStep = 2;

    public static async Task<IReadOnlyList<(string Variant, double BytesPerRun)>> MeasureAsync(int runs)
    {
        List<(string, double)> results = [];
        results.Add(("Ideal: plain async chains", await MeasureAsync(runs, gate => () => PlainChainAsync(gate)).ConfigureAwait(false)));
        results.Add(("AgentFlow, records on", await MeasureAsync(runs, gate =>
        {
            var flow = AgentFlowShapes.GatedChain(Steps, GatedStep, gate);
            return async () => (await flow.RunAsync(0).ConfigureAwait(false)).Output;
        }).ConfigureAwait(false)));
        results.Add(("AgentFlow, records off", await MeasureAsync(runs, gate =>
        {
            var flow = AgentFlowShapes.GatedChain(Steps, GatedStep, gate);
            var options = new RunOptions { RecordNodes = false };
            return async () => (await flow.RunAsync(0, options).ConfigureAwait(false)).Output;
        }).ConfigureAwait(false)));
        results.Add(("MAF Workflows 1.28 (concurrent environment)", await MeasureAsync(runs, gate =>
        {
            var workflow = MafShapes.GatedChain(Steps, GatedStep, gate);
            return () => MafShapes.RunAsync<int, int>(workflow, 0, InProcessExecution.Concurrent);
        }).ConfigureAwait(false)));
        return results;
    }

    public static string Format(IReadOnlyList<(string Variant, double BytesPerRun)> results, int runs)
    {
        var lines = new List<string>
        {
            $"Memory retained per in-flight run ({runs.ToString("N0", CultureInfo.InvariantCulture)} runs held at step {GatedStep + 1} of {Steps})",
            string.Empty,
            "| Variant | Retained per run |",
            "|---|---:|",
        };
        lines.AddRange(results.Select(r => $"| {r.Variant} | {(r.BytesPerRun / 1024).ToString("F2", CultureInfo.InvariantCulture)} KB |"));
        return string.Join(Environment.NewLine, lines);
    }

    private static async Task<double> MeasureAsync(int runs, Func<Gate, Func<Task<int>>> prepare)
    {
        // One run through an open gate first, so JIT and first-use allocations are not counted.
        var warmGate = new Gate();
        warmGate.Open();
        await prepare(warmGate)().ConfigureAwait(false);

        var gate = new Gate();
        var start = prepare(gate);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var inFlight = new Task<int>[runs];
        for (var i = 0; i < runs; i++)
        {
            inFlight[i] = start();
        }

        var waited = Stopwatch.StartNew();
        while (gate.Arrived < runs)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Only {gate.Arrived} of {runs} runs reached the gate.");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        gate.Open();
        var outputs = await Task.WhenAll(inFlight).ConfigureAwait(false);
        if (outputs.Any(o => o != Steps))
        {
            throw new InvalidOperationException("A held run did not finish with the expected output.");
        }

        return (after - before) / (double)runs;
    }

    private static async Task<int> PlainChainAsync(Gate gate)
    {
        var value = 0;
        for (var i = 0; i < Steps; i++)
        {
            if (i == GatedStep)
            {
                await gate.PassAsync(CancellationToken.None).ConfigureAwait(false);
            }

            value++;
        }

        return value;
    }
}
