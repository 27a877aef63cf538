namespace AgentFlow.Benchmarks.Shapes;

/// <summary>The benchmark shapes built with AgentFlow.</summary>
internal static class AgentFlowShapes
{
    /// <summary>A chain of trivial code tasks, each adding one.</summary>
    public static Flow<int, int> Chain(int steps)
    {
        var builder = Flow.Define<int>("chain").Then(FlowTask.Create("step0", (int x) => x + 1));
        for (var i = 1; i < steps; i++)
        {
            builder = builder.Then(FlowTask.Create($"step{i}", (int x) => x + 1));
        }

        return builder.Build();
    }

    /// <summary>A chain of steps that each yield the thread, then add one.</summary>
    public static Flow<int, int> YieldingChain(int steps)
    {
        var builder = Flow.Define<int>("yielding-chain").Then(Step(0));
        for (var i = 1; i < steps; i++)
        {
            builder = builder.Then(Step(i));
        }

        return builder.Build();

        static FlowTask<int, int> Step(int i) => FlowTask.Create($"step{i}", async (int x) =>
        {
            await Task.Yield();
            return x + 1;
        });
    }

    /// <summary>Fixed branches that each wait, then add their index; joined into the sum.</summary>
    public static Flow<int, int> FanOut(int branches, TimeSpan wait)
        => Flow.Define<int>("fan-out")
            .Then(Flow.Parallel("branches", Enumerable.Range(0, branches).Select(i => FlowTask.Create($"branch{i}", async (int x, CancellationToken ct) =>
            {
                await Task.Delay(wait, ct).ConfigureAwait(false);
                return x + i;
            }))))
            .Then("join", results => results.Sum())
            .Build();

    /// <summary>A chain whose every step waits like a model call, then adds one.</summary>
    public static Flow<int, int> LatencyChain(int steps, TimeSpan latency)
    {
        var builder = Flow.Define<int>("latency-chain").Then(Step(0));
        for (var i = 1; i < steps; i++)
        {
            builder = builder.Then(Step(i));
        }

        return builder.Build();

        FlowTask<int, int> Step(int i) => FlowTask.Create($"step{i}", async (int x, CancellationToken ct) =>
        {
            await Task.Delay(latency, ct).ConfigureAwait(false);
            return x + 1;
        });
    }

    /// <summary>A chain whose step <paramref name="gatedStep"/> waits at <paramref name="gate"/>: runs held in flight.</summary>
    public static Flow<int, int> GatedChain(int steps, int gatedStep, Gate gate)
    {
        var builder = Flow.Define<int>("gated-chain").Then(Step(0));
        for (var i = 1; i < steps; i++)
        {
            builder = builder.Then(Step(i));
        }

        return builder.Build();

        FlowTask<int, int> Step(int i) => i == gatedStep
            ? FlowTask.Create($"step{i}", async (int x, CancellationToken ct) =>
            {
                await gate.PassAsync(ct).ConfigureAwait(false);
                return x + 1;
            })
            : FlowTask.Create($"step{i}", (int x) => x + 1);
    }

    /// <summary>A branch whose case an LLM chooses; the model is given per run.</summary>
    public static FlowTask<string, string> LlmBranch()
        => Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(ticket => ticket)
            .Case(Topic.Billing, FlowTask.Create("billing", (string t) => "billing:" + t))
            .Case(Topic.Technical, FlowTask.Create("technical", (string t) => "technical:" + t))
            .Build();
}

/// <summary>The cases of the LLM-decided branch.</summary>
public enum Topic
{
    /// <summary>Invoices and refunds.</summary>
    Billing,

    /// <summary>Errors and outages.</summary>
    Technical,
}
