using System.Text.Json;
using AgentFlow.Benchmarks.Shapes;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;

namespace AgentFlow.Benchmarks.Peers;

/// <summary>The same shapes built with Microsoft Agent Framework Workflows, the closest .NET peer.</summary>
internal static partial class MafShapes
{
    /// <summary>A chain of function executors, each adding one.</summary>
    public static Workflow Chain(int steps) => Sequence(Enumerable.Range(0, steps).Select(i => ((Func<int, int>)(x => x + 1)).BindAsExecutor($"step{i}")).ToArray());

    /// <summary>A chain of async function executors that each yield the thread, then add one.</summary>
    public static Workflow YieldingChain(int steps)
        => Sequence(Enumerable.Range(0, steps).Select(i => ((Func<int, ValueTask<int>>)(async x =>
        {
            await Task.Yield();
            return x + 1;
        })).BindAsExecutor($"step{i}")).ToArray());

    /// <summary>A chain whose every step waits like a model call, then adds one.</summary>
    public static Workflow LatencyChain(int steps, TimeSpan latency)
        => Sequence(Enumerable.Range(0, steps).Select(i => ((Func<int, CancellationToken, ValueTask<int>>)(async (x, ct) =>
        {
            await Task.Delay(latency, ct).ConfigureAwait(false);
            return x + 1;
        })).BindAsExecutor($"step{i}")).ToArray());

    /// <summary>A chain whose step <paramref name="gatedStep"/> waits at <paramref name="gate"/>: runs held in flight.</summary>
    public static Workflow GatedChain(int steps, int gatedStep, Gate gate)
        => Sequence(Enumerable.Range(0, steps).Select(i => i == gatedStep
            ? ((Func<int, CancellationToken, ValueTask<int>>)(async (x, ct) =>
            {
                await gate.PassAsync(ct).ConfigureAwait(false);
                return x + 1;
            })).BindAsExecutor($"step{i}")
            : ((Func<int, int>)(x => x + 1)).BindAsExecutor($"step{i}")).ToArray());

    /// <summary>
    /// Fixed branches that each wait, then add their index; a fan-in barrier hands their results one at a time to an
    /// aggregating executor, which yields the sum once it has them all.
    /// </summary>
    public static Workflow FanOut(int branches, TimeSpan wait)
    {
        var start = ((Func<int, int>)(x => x)).BindAsExecutor("start");
        var branchExecutors = Enumerable.Range(0, branches).Select(i => (ExecutorBinding)((Func<int, CancellationToken, ValueTask<int>>)(async (x, ct) =>
        {
            await Task.Delay(wait, ct).ConfigureAwait(false);
            return x + i;
        })).BindAsExecutor($"branch{i}")).ToArray();
        ExecutorBinding join = new SumExecutor("join", branches);
        return new WorkflowBuilder(start)
            .AddFanOutEdge(start, branchExecutors)
            .AddFanInBarrierEdge(branchExecutors, join)
            .WithOutputFrom(join)
            .Build();
    }

    /// <summary>
    /// An LLM decision: a classifier executor asks the model with the same JSON schema, parses the choice, and
    /// conditional edges route to one of two handlers.
    /// </summary>
    public static Workflow LlmBranch(IChatClient client)
    {
        var options = new ChatOptions
        {
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(
                JsonSerializer.SerializeToElement(new
                {
                    type = "object",
                    properties = new { rationale = new { type = "string" }, choice = new { type = "string", @enum = new[] { "Billing", "Technical" } }, confidence = new { type = "number" } },
                    required = new[] { "rationale", "choice", "confidence" },
                }),
                "decision"),
        };
        var classify = ((Func<string, CancellationToken, ValueTask<Classified>>)(async (ticket, ct) =>
        {
            var response = await client.GetResponseAsync([new(ChatRole.System, "Choose Billing or Technical."), new(ChatRole.User, ticket)], options, ct)
                .ConfigureAwait(false);
            using var reply = JsonDocument.Parse(response.Text);
            return new Classified(ticket, reply.RootElement.GetProperty("choice").GetString()!);
        })).BindAsExecutor("classify");
        var billing = ((Func<Classified, string>)(c => "billing:" + c.Ticket)).BindAsExecutor("billing");
        var technical = ((Func<Classified, string>)(c => "technical:" + c.Ticket)).BindAsExecutor("technical");
        return new WorkflowBuilder(classify)
            .AddEdge<Classified>(classify, billing, c => c!.Choice == "Billing")
            .AddEdge<Classified>(classify, technical, c => c!.Choice == "Technical")
            .WithOutputFrom(billing, technical)
            .Build();
    }

    /// <summary>Runs a workflow to its end and returns its first output.</summary>
    public static async Task<TOut> RunAsync<TIn, TOut>(Workflow workflow, TIn input, IWorkflowExecutionEnvironment environment)
        where TIn : notnull
    {
        var run = await environment.RunAsync(workflow, input).ConfigureAwait(false);
        await using (run.ConfigureAwait(false))
        {
            foreach (var e in run.OutgoingEvents)
            {
                if (e is WorkflowOutputEvent output)
                {
                    return output.As<TOut>()!;
                }

                if (e is WorkflowErrorEvent or ExecutorFailedEvent)
                {
                    throw new InvalidOperationException($"The workflow failed: {e}");
                }
            }
        }

        throw new InvalidOperationException("The workflow produced no output.");
    }

    private static Workflow Sequence(ExecutorBinding[] steps)
    {
        var builder = new WorkflowBuilder(steps[0]);
        for (var i = 1; i < steps.Length; i++)
        {
            builder.AddEdge(steps[i - 1], steps[i]);
        }

        return builder.WithOutputFrom(steps[^1]).Build();
    }

    /// <summary>A classified ticket.</summary>
    internal sealed record Classified(string Ticket, string Choice);

    /// <summary>Adds the integers it receives and yields the sum once it has received <c>expected</c> of them.</summary>
    [YieldsOutput(typeof(int))]
    private sealed class SumExecutor(string id, int expected) : Executor<int>(id)
    {
        private int _received;
        private int _sum;

        public override async ValueTask HandleAsync(int message, IWorkflowContext context, CancellationToken cancellationToken = default)
        {
            _sum += message;
            if (++_received == expected)
            {
                var sum = _sum;
                (_received, _sum) = (0, 0);
                await context.YieldOutputAsync(sum, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
