using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFlow;

/// <summary>
/// The state of one run shared by all its nodes: options, services, what is recorded, and the event stream.
/// Thread-safe: parallel branches record into it concurrently.
/// </summary>
internal sealed class RunContext
{
    private readonly Lock _gate = new();
    private readonly List<NodeEntry>? _nodes;
    private readonly Dictionary<long, object?>? _outputs;
    private List<RouteDecision>? _routes;
    private List<LoopRecord>? _loops;
    private List<LlmCallRecord>? _llmCalls;
    private List<ToolCallRecord>? _toolCalls;
    private readonly ChannelWriter<RunEvent>? _events;
    private readonly long _startTimestamp;
    private long _nextNodeSequence;
    private readonly IReadOnlyDictionary<string, ModelPrice>? _prices;
    private readonly RunBudget? _budget;
    private long _modelCalls;
    private long _tokens;
    private decimal _cost;

    public RunContext(string flowName, RunOptions options, ChannelWriter<RunEvent>? events)
    {
        FlowName = flowName;
        RunId = options.RunId ?? Guid.NewGuid().ToString("N");
        Services = options.Services;
        ChatClient = options.ChatClient;
        Time = options.TimeProvider ?? TimeProvider.System;
        Logger = options.LoggerFactory?.CreateLogger("AgentFlow") ?? NullLogger.Instance;
        SensitiveData = options.EnableSensitiveData;
        _prices = options.Prices;
        _budget = options.Budget;
        Resilience = options.Resilience;
        _events = events;
        if (options.RecordNodes)
        {
            _nodes = new List<NodeEntry>(capacity: 8);
            if (options.RecordOutputs)
            {
                _outputs = [];
            }
        }

        Tracing = AgentFlowTelemetry.Source.HasListeners();
        Observed = options.RecordNodes || events is not null || Logger.IsEnabled(LogLevel.Debug) || Tracing || AgentFlowTelemetry.NodeDuration.Enabled;
        StartedAt = Time.GetUtcNow();
        _startTimestamp = Time.GetTimestamp();
    }

    public string FlowName { get; }

    public string RunId { get; }

    public IServiceProvider? Services { get; }

    public IChatClient? ChatClient { get; }

    public TimeProvider Time { get; }

    /// <summary>Gets the run's default resilience for model calls, if it sets one.</summary>
    public ModelResilienceOptions? Resilience { get; }

    public ILogger Logger { get; }

    public bool SensitiveData { get; }

    /// <summary>Gets a value indicating whether someone listens to AgentFlow's spans, so nodes get spans of their own.</summary>
    public bool Tracing { get; }

    /// <summary>Gets a value indicating whether nodes report their start and end (timeline, events, debug logs or telemetry are on).</summary>
    public bool Observed { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Reports a node's start. Its path is only made here when an event or a log needs it now.</summary>
    /// <summary>
    /// Records a node that failed on its own after work it ran in its place had recorded itself (a resilience wrapper
    /// whose pipeline gave up with a timeout or an open circuit): one failed entry from <paramref name="startTimestamp"/>.
    /// </summary>
    public void NodeFailedAround(FlowNode node, NodeFrame? parent, long startTimestamp, Exception error)
    {
        if (Observed)
        {
            NodeEnded(node, parent, new StartedNode(startTimestamp, Interlocked.Increment(ref _nextNodeSequence)), NodeStatus.Failed, error);
        }
    }

    public StartedNode NodeStarted(FlowNode node, NodeFrame? parent)
    {
        Activity? activity = null;
        if (Tracing)
        {
            var nodePath = NodeFrame.PathOf(parent, node.Name);
            activity = AgentFlowTelemetry.Source.StartActivity($"agentflow.node {nodePath}");
            activity?.SetTag("agentflow.run.id", RunId).SetTag("agentflow.node.path", nodePath).SetTag("agentflow.node.kind", node.Kind.ToString());
        }

        var started = new StartedNode(Time.GetTimestamp(), Interlocked.Increment(ref _nextNodeSequence), activity);
        if (_events is not null || Logger.IsEnabled(LogLevel.Debug))
        {
            var path = NodeFrame.PathOf(parent, node.Name);
            Log.NodeStarted(Logger, path, node.Kind);
            if (_events is not null)
            {
                Emit(new NodeStartedEvent(RunId, StartedAtOf(started), path, node.Kind));
            }
        }

        return started;
    }

    /// <summary>Gets a value indicating whether nodes' outputs are kept for <see cref="NodeRecord.Output"/>.</summary>
    public bool RecordOutputs => _outputs is not null;

    /// <summary>Keeps the output of a node that succeeded; call before <see cref="NodeEnded"/>.</summary>
    public void NodeOutput(StartedNode started, object? output)
    {
        lock (_outputs!)
        {
            _outputs[started.Sequence] = output;
        }
    }

    public void NodeEnded(FlowNode node, NodeFrame? parent, StartedNode started, NodeStatus status, Exception? error)
    {
        var entry = new NodeEntry(node, parent, started.Sequence, started.Timestamp, Time.GetTimestamp(), status, error);
        if (started.Activity is { } activity)
        {
            activity.SetTag("agentflow.node.status", status.ToString());
            if (status == NodeStatus.Failed)
            {
                activity.SetStatus(ActivityStatusCode.Error, error?.GetType().Name);
            }

            activity.Stop();
        }

        if (AgentFlowTelemetry.NodeDuration.Enabled)
        {
            AgentFlowTelemetry.NodeDuration.Record(
                Time.GetElapsedTime(entry.StartTimestamp, entry.EndTimestamp).TotalSeconds,
                new KeyValuePair<string, object?>("agentflow.node.kind", node.Kind.ToString()),
                new KeyValuePair<string, object?>("agentflow.node.status", status.ToString()));
        }

        if (_nodes is not null)
        {
            lock (_gate)
            {
                _nodes.Add(entry);
            }
        }

        if (_events is not null || Logger.IsEnabled(LogLevel.Debug))
        {
            var record = Timeline([]).ToRecord(entry);
            Log.NodeEnded(Logger, record.Path, status, record.Duration.TotalMilliseconds);
            if (_events is not null)
            {
                Emit(new NodeEndedEvent(RunId, record.EndedAt, record));
            }
        }
    }

    /// <summary>Counts a model call about to be made, refusing it when it would go over the run's budget of calls.</summary>
    public void BeforeModelCall(string nodePath)
    {
        lock (_gate)
        {
            if (_budget?.MaxModelCalls is { } max && _modelCalls >= max)
            {
                throw new BudgetExceededException(nodePath, nameof(RunBudget.MaxModelCalls), $"{max} call(s)", $"{_modelCalls} and asked for one more");
            }

            _modelCalls++;
        }
    }

    /// <summary>Adds a finished call's tokens and cost to the run's.</summary>
    /// <returns>The call's cost, or <see langword="null"/> when no price is given for its model.</returns>
    public decimal? AddModelCall(string nodePath, string? modelId, Microsoft.Extensions.AI.UsageDetails usage)
    {
        var price = PriceOf(modelId);
        if (price is null && _budget?.MaxCost is not null)
        {
            throw new FlowConfigurationException(
                nodePath,
                $"The run has a cost budget, but no price is given for the model '{modelId ?? "(unknown)"}' called at '{nodePath}'. Add it to RunOptions.Prices.");
        }

        var cost = price?.CostOf(usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0);
        lock (_gate)
        {
            _tokens += (usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0);
            _cost += cost ?? 0;
        }

        return cost;
    }

    /// <summary>Fails the node when the run's tokens or cost have gone over its budget.</summary>
    public void CheckBudget(string nodePath)
    {
        lock (_gate)
        {
            if (_budget?.MaxTokens is { } maxTokens && _tokens > maxTokens)
            {
                throw new BudgetExceededException(nodePath, nameof(RunBudget.MaxTokens), $"{maxTokens} token(s)", $"{_tokens}");
            }

            if (_budget?.MaxCost is { } maxCost && _cost > maxCost)
            {
                throw new BudgetExceededException(
                    nodePath, nameof(RunBudget.MaxCost), maxCost.ToString(System.Globalization.CultureInfo.InvariantCulture), _cost.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private ModelPrice? PriceOf(string? modelId)
    {
        if (_prices is null || modelId is null)
        {
            return null;
        }

        if (_prices.TryGetValue(modelId, out var exact))
        {
            return exact;
        }

        return _prices.Where(p => modelId.StartsWith(p.Key, StringComparison.OrdinalIgnoreCase)).OrderByDescending(p => p.Key.Length).Select(p => p.Value).FirstOrDefault();
    }

    /// <summary>Records a node that was never started because its run or its siblings were cancelled first.</summary>
    public void NodeCancelledBeforeStart(FlowNode node, NodeFrame? parent)
        => NodeEnded(node, parent, NodeStarted(node, parent), NodeStatus.Cancelled, error: null);

    public void RouteChosen(RouteDecision decision)
    {
        lock (_gate)
        {
            (_routes ??= []).Add(decision);
        }

        Log.RouteChosen(Logger, decision.Path, decision.Label, decision.Source);
        if (_events is not null)
        {
            Emit(new RouteChosenEvent(RunId, Time.GetUtcNow(), decision));
        }
    }

    public void LoopEnded(LoopRecord loop)
    {
        lock (_gate)
        {
            (_loops ??= []).Add(loop);
        }

        Log.LoopEnded(Logger, loop.Path, loop.Iterations, loop.Exit);
        if (_events is not null)
        {
            Emit(new LoopEndedEvent(RunId, Time.GetUtcNow(), loop));
        }
    }

    public void LlmCalled(LlmCallRecord call)
    {
        lock (_gate)
        {
            (_llmCalls ??= []).Add(call);
        }
    }

    public void ToolCalled(ToolCallRecord call)
    {
        lock (_gate)
        {
            (_toolCalls ??= []).Add(call);
        }
    }

    /// <summary>Gets a value indicating whether the run's events are streamed; events are only created when they are.</summary>
    public bool Streaming => _events is not null;

    public void Emit(RunEvent runEvent) => _events?.TryWrite(runEvent);

    /// <summary>The wall-clock start of a node, from the run's start and the monotonic timestamps.</summary>
    private DateTimeOffset StartedAtOf(StartedNode started) => StartedAt + Time.GetElapsedTime(_startTimestamp, started.Timestamp);

    private NodeTimeline Timeline(IReadOnlyList<NodeEntry> entries) => new(StartedAt, _startTimestamp, Time, entries, _outputs);

    public RunRecord Complete(RunStatus status, Exception? error)
    {
        lock (_gate)
        {
            // Entries are added as nodes end; the timeline is ordered by start. Every node has ended once the run
            // completes (parallels wait for cancelled siblings), so the list is handed over, not copied.
            _nodes?.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));

            return new RunRecord(
                RunId,
                FlowName,
                status,
                StartedAt,
                Time.GetElapsedTime(_startTimestamp),
                Timeline(_nodes ?? (IReadOnlyList<NodeEntry>)[]),
                _routes is null ? [] : [.. _routes],
                _loops is null ? [] : [.. _loops],
                _llmCalls is null ? [] : [.. _llmCalls],
                _toolCalls is null ? [] : [.. _toolCalls],
                error is null ? [] : NodeErrors(error).ToArray(),
                error);
        }
    }

    /// <summary>The failures below a run's error, each with the exception the node's own code threw.</summary>
    private static IEnumerable<NodeError> NodeErrors(Exception error) => error switch
    {
        ParallelBranchesException parallel => parallel.Failures.SelectMany(NodeErrors),
        FlowTaskException task => [new NodeError(task.NodePath, task.InnerException!)],
        FlowRunException flow => [new NodeError(flow.NodePath, flow)],
        _ => [],
    };
}

/// <summary>A node that reported its start, carried to its end to make its record; small, as it lives in every awaiting node's state machine.</summary>
/// <param name="Timestamp">The time provider's timestamp at the start.</param>
/// <param name="Sequence">The order of the start within the run.</param>
/// <param name="Activity">The node's span, when someone listens.</param>
internal readonly record struct StartedNode(long Timestamp, long Sequence, Activity? Activity = null);
