using NUnit.Framework.Constraints;

namespace AgentFlow.Testing.NUnit;

/// <summary>
/// Holds when the node at a path ran, and its executions meet every requirement added: how they ended, how many there
/// were, how long each took, which tools the node called. Applies to a <see cref="FlowResult{TOut}"/>, a
/// <see cref="RunRecord"/>, or the <see cref="FlowRunException"/> of a failed run. Create it with <see cref="Node.At"/>.
/// </summary>
/// <remarks>
/// <para>
/// How a node ended is read from its last execution at each run-time path, so a task retried by a resilience
/// pipeline counts as succeeded when its last attempt did, while each loop iteration and map item counts on its own.
/// </para>
/// <para>
/// The node timeline must be recorded (<see cref="RunOptions.RecordNodes"/>, on by default); <see cref="Returned"/>
/// also needs the run's node outputs (<see cref="RunOptions.RecordOutputs"/>, off by default).
/// </para>
/// </remarks>
public sealed class NodeConstraint : Constraint
{
    private readonly string _path;
    private readonly List<string> _tools = [];
    private NodeStatus? _status;
    private Type? _error;
    private int? _times;
    private TimeSpan? _maxDuration;
    private bool _checkOutput;
    private object? _expectedOutput;

    internal NodeConstraint(string path)
    {
        _path = path;
    }

    /// <inheritdoc />
    public override string Description
    {
        get
        {
            List<string> parts = [_times is { } times ? $"node {_path} run {times} time(s)" : $"node {_path} run"];
            if (_status is { } status)
            {
                parts.Add(_error is null ? Word(status) : $"failed with {_error.Name}");
            }

            if (_maxDuration is { } max)
            {
                parts.Add($"within {RunText.Duration(max)}");
            }

            parts.AddRange(_tools.Select(tool => $"calling the tool '{tool}'"));
            if (_checkOutput)
            {
                parts.Add($"returning {RunText.Json(_expectedOutput)}");
            }

            return string.Join(", ", parts);
        }
    }

    /// <summary>Requires every execution of the node to have succeeded (the last attempt, for a retried task).</summary>
    /// <returns>This constraint.</returns>
    public NodeConstraint Succeeded() => Ended(NodeStatus.Succeeded, error: null);

    /// <summary>Requires an execution of the node to have failed (its last attempt, for a retried task).</summary>
    /// <returns>This constraint.</returns>
    public NodeConstraint Failed() => Ended(NodeStatus.Failed, error: null);

    /// <summary>
    /// Requires an execution of the node to have failed with a <typeparamref name="TException"/>: the node's error
    /// itself (such as a <see cref="FlowTaskException"/> or an <see cref="OutputValidationException"/>), or the exception
    /// the task's own code threw, which a <see cref="FlowTaskException"/> carries inside.
    /// </summary>
    /// <typeparam name="TException">The exception type, or a base of it.</typeparam>
    /// <returns>This constraint.</returns>
    public NodeConstraint FailedWith<TException>()
        where TException : Exception
        => Ended(NodeStatus.Failed, typeof(TException));

    /// <summary>Requires an execution of the node to have been cancelled: by the run's cancellation, or a failing sibling.</summary>
    /// <returns>This constraint.</returns>
    public NodeConstraint Cancelled() => Ended(NodeStatus.Cancelled, error: null);

    /// <summary>Requires the node to have run exactly <paramref name="times"/> times: attempts, iterations and items each count.</summary>
    /// <param name="times">How many executions; 0 holds when the node never ran (a misspelt path never runs either: check it with <see cref="FlowNode.FindNode"/>).</param>
    /// <returns>This constraint.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is negative.</exception>
    public NodeConstraint RanTimes(int times)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(times);
        _times = times;
        return this;
    }

    /// <summary>Requires every execution of the node to have taken at most <paramref name="duration"/>, as the run's clock measured it.</summary>
    /// <param name="duration">The longest an execution may take.</param>
    /// <returns>This constraint.</returns>
    /// <remarks>Run with a fake <see cref="RunOptions.TimeProvider"/> so that durations are exact and the test never waits.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public NodeConstraint TookAtMost(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        _maxDuration = duration;
        return this;
    }

    /// <summary>Requires the node to have called the tool named <paramref name="toolName"/> (an agent task's model, or a tool task), whatever the call's outcome.</summary>
    /// <param name="toolName">The tool's name.</param>
    /// <returns>This constraint.</returns>
    /// <exception cref="ArgumentException"><paramref name="toolName"/> is null or empty.</exception>
    public NodeConstraint CalledTool(string toolName)
    {
        ArgumentException.ThrowIfNullOrEmpty(toolName);
        _tools.Add(toolName);
        return this;
    }

    /// <summary>
    /// Requires every execution of the node that succeeded to have returned a value equal to <paramref name="expected"/>
    /// (NUnit equality: collections item by item, numbers across types). Needs <see cref="RunOptions.RecordOutputs"/>.
    /// </summary>
    /// <param name="expected">The output expected.</param>
    /// <returns>This constraint.</returns>
    public NodeConstraint Returned(object? expected)
    {
        _checkOutput = true;
        _expectedOutput = expected;
        return this;
    }

    /// <inheritdoc />
    public override ConstraintResult ApplyTo<TActual>(TActual actual)
    {
        var run = RunUnderTest.From(actual, $"Node.At(\"{_path}\")");
        var executions = run.Record.NodesAt(_path);
        var summary = executions.Count == 0 ? $"no node run at {_path}" : RunText.List(executions.Select(Brief));
        var problem = Check(run.Record, executions);
        if (problem is null)
        {
            return new FlowConstraintResult(this, success: true, summary, []);
        }

        return new FlowConstraintResult(this, success: false, summary, [.. problem, .. run.Context()]);
    }

    private NodeConstraint Ended(NodeStatus status, Type? error)
    {
        _status = status;
        _error = error;
        return this;
    }

    /// <summary>The first requirement the executions break, as message lines, or <see langword="null"/> when they meet them all.</summary>
    private List<string>? Check(RunRecord record, IReadOnlyList<NodeRecord> executions)
    {
        if (record.Nodes.Count == 0)
        {
            return ["The run recorded no nodes: run it with RunOptions.RecordNodes on (the default) to assert on its nodes."];
        }

        if (_times is { } times && executions.Count != times)
        {
            return executions.Count == 0
                ? [$"Node {_path} never ran but {times} execution(s) were expected.", NodesRun(record)]
                : [$"Node {_path} ran {executions.Count} time(s) but {times} were expected: {RunText.List(executions.Select(Brief))}."];
        }

        if (executions.Count == 0)
        {
            return _times == 0 ? null : [$"No node ran at {_path}.", NodesRun(record)];
        }

        if (CheckStatus(executions) is { } wrongStatus)
        {
            return [wrongStatus];
        }

        if (_maxDuration is { } max && executions.FirstOrDefault(e => e.Duration > max) is { } slow)
        {
            return [$"Node {slow.Path} took {RunText.Duration(slow.Duration)} but at most {RunText.Duration(max)} was expected."];
        }

        if (_checkOutput && CheckOutput(executions) is { } wrongOutput)
        {
            return wrongOutput;
        }

        var calls = record.ToolCalls.Where(c => PathMatch.IsAt(c.Path, _path)).ToList();
        if (_tools.FirstOrDefault(tool => !calls.Any(c => string.Equals(c.ToolName, tool, StringComparison.Ordinal))) is { } missing)
        {
            return [$"Node {_path} did not call the tool '{missing}'; "
                + (calls.Count == 0 ? "it called no tools." : $"it called: {RunText.List(calls.Select(c => c.Succeeded ? c.ToolName : $"{c.ToolName} (failed)"))}.")];
        }

        return null;
    }

    private string? CheckStatus(IReadOnlyList<NodeRecord> executions)
    {
        if (_status is not { } status)
        {
            return null;
        }

        // A retried task runs again at the same run-time path: its last attempt says how it ended.
        var finals = executions.GroupBy(e => e.Path, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        if (status == NodeStatus.Succeeded)
        {
            return finals.FirstOrDefault(e => e.Status != NodeStatus.Succeeded) is { } unsuccessful
                ? $"Node {unsuccessful.Path} {Word(unsuccessful.Status)} but was expected to succeed{(unsuccessful.Error is { } error ? $": {RunText.Failure(error)}" : ".")}"
                : null;
        }

        var ended = finals.Where(e => e.Status == status).ToList();
        if (ended.Count == 0)
        {
            return $"Node {_path} {Word(finals[^1].Status)} but was expected to {(status == NodeStatus.Failed ? "fail" : "be cancelled")}.";
        }

        if (_error is { } type && !ended.Any(e => e.Error is { } error && (type.IsInstanceOfType(error) || type.IsInstanceOfType(error.InnerException))))
        {
            var failure = ended[0];
            return $"Node {failure.Path} failed with {(failure.Error is { } error ? RunText.Failure(error) : "no recorded error")}"
                + $"{(failure.Error?.InnerException is { } inner ? $" (from {inner.GetType().Name})" : null)} but a {type.Name} was expected.";
        }

        return null;
    }

    private List<string>? CheckOutput(IReadOnlyList<NodeRecord> executions)
    {
        var succeeded = executions.GroupBy(e => e.Path, StringComparer.Ordinal).Select(g => g.Last()).Where(e => e.Status == NodeStatus.Succeeded).ToList();
        if (succeeded.Count == 0)
        {
            return [$"Node {_path} never succeeded, so it returned nothing; {RunText.Json(_expectedOutput)} was expected."];
        }

        if (succeeded.All(e => e.Output is null) && _expectedOutput is not null)
        {
            return [$"The run kept no node outputs: run it with RunOptions.RecordOutputs = true to assert on what node {_path} returned."];
        }

        var equal = new EqualConstraint(_expectedOutput);
        return succeeded.FirstOrDefault(e => !equal.ApplyTo(e.Output).IsSuccess) is { } wrong
            ? [$"Node {wrong.Path} returned {RunText.Json(wrong.Output)} but {RunText.Json(_expectedOutput)} was expected."]
            : null;
    }

    private static string NodesRun(RunRecord record) => $"Nodes run: {RunText.List(record.Nodes.Select(n => n.Path).Distinct(StringComparer.Ordinal))}.";

    private static string Brief(NodeRecord node) => $"{node.Path} {node.Status}";

    private static string Word(NodeStatus status) => status switch
    {
        NodeStatus.Succeeded => "succeeded",
        NodeStatus.Failed => "failed",
        _ => "was cancelled",
    };
}
