using AgentFlow.Benchmarks.Peers;
using AgentFlow.Benchmarks.Shapes;
using BenchmarkDotNet.Attributes;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;

namespace AgentFlow.Benchmarks;

/// <summary>
/// An LLM-decided branch with an instant in-process chat client: what a decision costs beyond the model call itself
/// (prompt, schema, parsing, validation, routing, the record).
/// </summary>
[MemoryDiagnoser]
public class LlmDecisionBenchmarks : IDisposable
{
    private const string Ticket = "I was charged twice for my last invoice.";

    private readonly InstantChatClient _client = new();
    private readonly ChatMessage[] _messages = [new(ChatRole.User, Ticket)];
    private RunOptions _options = null!;
    private FlowTask<string, string> _branch = null!;
    private Workflow _maf = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The default options (node timeline on), as MAF runs with its events on.
        _options = new RunOptions { ChatClient = _client };
        _branch = AgentFlowShapes.LlmBranch();
        _maf = MafShapes.LlmBranch(_client);
        Expect.Equal("billing:" + Ticket, AgentFlow(), Maf());
    }

    /// <inheritdoc />
    [GlobalCleanup]
    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The floor: the model call alone.</summary>
    [Benchmark(Baseline = true, Description = "Model call alone")]
    public async Task<string> ClientCall() => (await _client.GetResponseAsync(_messages).ConfigureAwait(false)).Text;

    /// <summary>AgentFlow's LLM branch: constrained JSON decision, validated, recorded, routed.</summary>
    [Benchmark(Description = "AgentFlow LLM branch")]
    public async Task<string> AgentFlow() => (await _branch.RunAsync(Ticket, _options).ConfigureAwait(false)).Output;

    /// <summary>MAF: a classifier executor that asks the model and parses the choice, then conditional edges.</summary>
    [Benchmark(Description = "MAF classifier + conditional edges")]
    public Task<string> Maf() => MafShapes.RunAsync<string, string>(_maf, Ticket, InProcessExecution.Default);
}
