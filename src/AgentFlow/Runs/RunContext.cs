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
    private readonly List<NodeRecord>? _nodes;
    private readonly List<long>? _nodeOrder;
    private readonly List<RouteDecision> _routes = [];
    private readonly List<LoopRecord> _loops = [];
    private readonly ChannelWriter<RunEvent>? _events;
    private readonly long _startTimestamp;
    private long _nextNodeSequence;

    public RunContext(string flowName, RunOptions options, ChannelWriter<RunEvent>? events)
    {
        FlowName = flowName;
        RunId = options.RunId ?? Guid.NewGuid().ToString("N");
        Services = options.Services;
        ChatClient = options.ChatClient;
        Time = options.TimeProvider ?? TimeProvider.System;
        Logger = options.LoggerFactory?.CreateLogger("AgentFlow") ?? NullLogger.Instance;
        SensitiveData = options.EnableSensitiveData;
        _events = events;
        if (options.RecordNodes)
        {
            _nodes = [];
            _nodeOrder = [];
        }

        Observed = options.RecordNodes || events is not null || Logger.IsEnabled(LogLevel.Debug);
        StartedAt = Time.GetUtcNow();
        _startTimestamp = Time.GetTimestamp();
    }

    public string FlowName { get; }

    public string RunId { get; }

    public IServiceProvider? Services { get; }

    public IChatClient? ChatClient { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public bool SensitiveData { get; }

    /// <summary>Gets a value indicating whether nodes report their start and end (timeline, events or debug logs are on).</summary>
    public bool Observed { get; }

    public DateTimeOffset StartedAt { get; }

    public StartedNode NodeStarted(FlowNode node, NodeFrame? parent)
    {
        var started = new StartedNode(
            NodeFrame.PathOf(parent, node.Name),
            NodeFrame.DefinitionPathOf(parent, node.Name),
            node.Kind,
            Time.GetUtcNow(),
            Time.GetTimestamp(),
            Interlocked.Increment(ref _nextNodeSequence));
        Log.NodeStarted(Logger, started.Path, node.Kind);
        Emit(new NodeStartedEvent(RunId, started.StartedAt, started.Path, node.Kind));
        return started;
    }

    public void NodeEnded(in StartedNode started, NodeStatus status, Exception? error)
    {
        var record = new NodeRecord(
            started.Path, started.DefinitionPath, started.Kind, started.StartedAt, Time.GetElapsedTime(started.Timestamp), status, error);
        if (_nodes is not null)
        {
            lock (_gate)
            {
                _nodes.Add(record);
                _nodeOrder!.Add(started.Sequence);
            }
        }

        Log.NodeEnded(Logger, record.Path, status, record.Duration.TotalMilliseconds);
        Emit(new NodeEndedEvent(RunId, record.EndedAt, record));
    }

    public void RouteChosen(RouteDecision decision)
    {
        lock (_gate)
        {
            _routes.Add(decision);
        }

        Log.RouteChosen(Logger, decision.Path, decision.Label, decision.Source);
        Emit(new RouteChosenEvent(RunId, Time.GetUtcNow(), decision));
    }

    public void LoopEnded(LoopRecord loop)
    {
        lock (_gate)
        {
            _loops.Add(loop);
        }

        Log.LoopEnded(Logger, loop.Path, loop.Iterations, loop.Exit);
        Emit(new LoopEndedEvent(RunId, Time.GetUtcNow(), loop));
    }

    public void Emit(RunEvent runEvent) => _events?.TryWrite(runEvent);

    public RunRecord Complete(RunStatus status, Exception? error)
    {
        lock (_gate)
        {
            NodeRecord[] nodes = [];
            if (_nodes is not null)
            {
                nodes = [.. _nodes];
                var order = _nodeOrder!.ToArray();
                Array.Sort(order, nodes);
            }

            return new RunRecord(
                RunId,
                FlowName,
                status,
                StartedAt,
                Time.GetElapsedTime(_startTimestamp),
                nodes,
                [.. _routes],
                [.. _loops],
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

/// <summary>A node that reported its start; carried to its end to make its record.</summary>
internal readonly record struct StartedNode(
    string Path, string DefinitionPath, NodeKind Kind, DateTimeOffset StartedAt, long Timestamp, long Sequence);
