using System.Globalization;
using AgentFlow.Benchmarks;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

// Usage (from the repository root):
//   dotnet run -c Release --project tests/AgentFlow.Benchmarks -- --quick    every shape, in-process, in about a minute
//   dotnet run -c Release --project tests/AgentFlow.Benchmarks               the full suite, for the numbers
//   dotnet run -c Release --project tests/AgentFlow.Benchmarks -- --filter *Chain*   any BenchmarkDotNet arguments
var quick = args.Contains("--quick");
var retainedOnly = args.Contains("--retained");
var rest = args.Where(a => a is not "--quick" and not "--retained").ToArray();

if (!retainedOnly)
{
    var config = quick
        ? ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(3)
                .WithIterationTime(TimeInterval.FromMilliseconds(100))
                .WithId("Quick"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median)
        : ManualConfig.Create(DefaultConfig.Instance).AddDiagnoser(MemoryDiagnoser.Default).AddColumn(StatisticColumn.Median);
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(ChainBenchmarks).Assembly)
        .Run(rest.Length == 0 ? ["--filter", "*"] : rest, config);
    if (summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)))
    {
        Console.Error.WriteLine("Some benchmarks failed to run.");
        return 1;
    }
}

var runs = quick ? 2_000 : 10_000;
var retained = await RetainedMemoryProbe.MeasureAsync(runs);
Console.WriteLine();
Console.WriteLine(RetainedMemoryProbe.Format(retained, runs));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(.NET {Environment.Version}, {Environment.ProcessorCount} logical cores)"));
return 0;
