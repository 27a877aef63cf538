using System.Globalization;
using System.Text;

namespace AgentFlow;

/// <summary>
/// What happened in one run: status, timing, per-node timeline, route decisions, loops, fallbacks, model and tool calls, and errors.
/// </summary>
public sealed class RunRecord
{
    private readonly NodeTimeline _timeline;
    private NodeRecord[]? _nodes;

    internal RunRecord(
        string runId,
        string flowName,
        RunStatus status,
        DateTimeOffset startedAt,
        TimeSpan duration,
        NodeTimeline nodes,
        IReadOnlyList<RouteDecision> routes,
        IReadOnlyList<LoopRecord> loops,
        IReadOnlyList<LlmCallRecord> llmCalls,
        IReadOnlyList<ToolCallRecord> toolCalls,
        IReadOnlyList<NodeError> errors,
        Exception? error)
    {
        RunId = runId;
        FlowName = flowName;
        Status = status;
        StartedAt = startedAt;
        Duration = duration;
        _timeline = nodes;
        Routes = routes;
        Loops = loops;
        LlmCalls = llmCalls;
        ToolCalls = toolCalls;
        Errors = errors;
        Error = error;
    }

    /// <summary>Gets the run id.</summary>
    public string RunId { get; }

    /// <summary>Gets the name of the task or flow that was run.</summary>
    public string FlowName { get; }

    /// <summary>Gets how the run ended.</summary>
    public RunStatus Status { get; }

    /// <summary>Gets when the run started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets how long the run took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets every node execution, ordered by start time; empty when <see cref="RunOptions.RecordNodes"/> is off.</summary>
    public IReadOnlyList<NodeRecord> Nodes => _nodes ?? LazyInitializer.EnsureInitialized(ref _nodes, _timeline.Materialize);

    /// <summary>Gets every route decision and loop-exit decision, in the order they were made.</summary>
    public IReadOnlyList<RouteDecision> Routes { get; }

    /// <summary>Gets every loop execution, in the order they ended.</summary>
    public IReadOnlyList<LoopRecord> Loops { get; }

    /// <summary>Gets every node's use of a model (prompt tasks and LLM decisions), in the order they ended.</summary>
    public IReadOnlyList<LlmCallRecord> LlmCalls { get; }

    /// <summary>
    /// Gets every tool call, by agent tasks' models and by tool tasks, in the order they ended, whatever their outcome.
    /// Arguments and results are only kept when the run has <see cref="RunOptions.EnableSensitiveData"/> on.
    /// </summary>
    public IReadOnlyList<ToolCallRecord> ToolCalls { get; }

    /// <summary>Gets the token usage of all the run's model calls, or <see langword="null"/> when it made none.</summary>
    public Microsoft.Extensions.AI.UsageDetails? Usage
    {
        get
        {
            Microsoft.Extensions.AI.UsageDetails? total = null;
            foreach (var call in LlmCalls)
            {
                ModelCalls.AddUsage(ref total, call.Usage);
            }

            return total;
        }
    }

    /// <summary>Gets the cost of the run's priced model calls, or <see langword="null"/> when none was priced (see <see cref="RunOptions.Prices"/>).</summary>
    public decimal? Cost => LlmCalls.Any(c => c.Cost is not null) ? LlmCalls.Sum(c => c.Cost ?? 0) : null;

    /// <summary>
    /// Gets the node failures that ended the run, each with the original exception: the first failure of a fail-fast
    /// parallel or map, every failure of a settle-all one in branch or item order.
    /// </summary>
    public IReadOnlyList<NodeError> Errors { get; }

    /// <summary>Gets the exception that ended the run, when it failed.</summary>
    public Exception? Error { get; }

    /// <summary>Gets the declared fallbacks that ran: default and fallback cases, and loops ended by their cap fallback.</summary>
    public IEnumerable<string> Fallbacks
        => Routes.Where(r => r.IsFallback).Select(r => $"{r.Path}: {r.Source} case '{r.Label}'")
            .Concat(Loops.Where(l => l.Exit == LoopExit.CapFallback).Select(l => $"{l.Path}: cap of {l.MaxIterations} reached, cap fallback ran"));

    /// <summary>Gets the executions of the node at a path, run-time (<c>a/loop#2/b</c>) or definition (<c>a/loop/b</c>).</summary>
    /// <param name="path">The path.</param>
    /// <returns>The matching records, in start order.</returns>
    public IReadOnlyList<NodeRecord> NodesAt(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Nodes.Where(n => n.Path == path || n.DefinitionPath == path).ToArray();
    }

    /// <summary>Gets the route decisions made at a path, run-time or definition.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The matching decisions, in order.</returns>
    public IReadOnlyList<RouteDecision> RoutesAt(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Routes.Where(r => r.Path == path || r.DefinitionPath == path).ToArray();
    }

    /// <summary>Formats the run as text: a header, the timeline indented by depth, then decisions, loops and errors.</summary>
    /// <returns>A multi-line, human-readable summary.</returns>
    public string FormatTimeline()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"Run {RunId} of '{FlowName}': {Status} in {Duration.TotalMilliseconds:F1} ms").AppendLine();
        foreach (var node in Nodes)
        {
            var offset = (node.StartedAt - StartedAt).TotalMilliseconds;
            var depth = node.Path.Count(c => c == '/');
            text.Append(inv, $"  +{offset,8:F1} ms {node.Duration.TotalMilliseconds,8:F1} ms  {new string(' ', depth * 2)}{node.Path} ({node.Kind}) {node.Status}").AppendLine();
        }

        foreach (var route in Routes)
        {
            text.Append(inv, $"  route {route.Path} -> {route.Label} by {route.Source}");
            if (route.Confidence is { } confidence)
            {
                text.Append(inv, $", confidence {confidence:F2}");
            }

            if (route.Rejected.Count > 0)
            {
                text.Append(inv, $", {route.Rejected.Count} answer(s) rejected");
            }

            if (route.Rationale is { Length: > 0 } rationale)
            {
                text.Append(inv, $": {rationale}");
            }

            text.AppendLine();
        }

        foreach (var loop in Loops)
        {
            text.Append(inv, $"  loop {loop.Path}: {loop.Iterations} of at most {loop.MaxIterations} iteration(s), exit {loop.Exit}").AppendLine();
        }

        foreach (var call in LlmCalls)
        {
            text.Append(inv, $"  model {call.Path} ({call.Purpose}");
            if (call.PromptName is not null)
            {
                text.Append(inv, $", prompt {call.PromptName}@{call.PromptVersion}");
            }

            text.Append(inv, $"): {call.Attempts} call(s), {call.Duration.TotalMilliseconds:F1} ms");
            if (call.Cost is { } cost)
            {
                text.Append(inv, $", cost {cost:0.######}");
            }

            if (call.Usage is { } usage)
            {
                text.Append(inv, $", {usage.InputTokenCount ?? 0} in / {usage.OutputTokenCount ?? 0} out tokens{(call.UsageEstimated ? " (estimated)" : string.Empty)}");
            }

            if (call.ToolCalls > 0)
            {
                text.Append(inv, $", {call.ToolCalls} tool call(s)");
            }

            text.Append(call.Succeeded ? string.Empty : ", failed").AppendLine();
        }

        foreach (var call in ToolCalls)
        {
            text.Append(inv, $"  tool {call.Path} -> {call.ToolName}");
            if (call.Round > 0)
            {
                text.Append(inv, $" (round {call.Round})");
            }

            text.Append(inv, $": {call.Duration.TotalMilliseconds:F1} ms").Append(call.Succeeded ? string.Empty : $", failed: {call.Error}").AppendLine();
        }

        foreach (var error in Errors)
        {
            text.Append(inv, $"  error {error.Path}: {error.Exception.GetType().Name}: {error.Exception.Message}").AppendLine();
        }

        return text.ToString();
    }
}
