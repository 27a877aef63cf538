namespace AgentFlow;

/// <summary>Fixed branches run concurrently on the same input, their typed results joined into one output.</summary>
internal sealed class ParallelTask<TIn, TOut> : FlowTask<TIn, TOut>
{
    private readonly ParallelBranch<TIn>[] _branches;
    private readonly Func<object?[], TOut> _join;
    private readonly ParallelFailureMode _mode;

    public ParallelTask(string name, ParallelBranch<TIn>[] branches, Func<object?[], TOut> join, ParallelFailureMode mode)
        : base(name, NodeKind.Parallel)
    {
        _branches = branches;
        _join = join;
        _mode = mode;
    }

    internal override NodeDescription DescribeCore(string path)
        => new(Name, Kind, path, typeof(TIn), typeof(TOut), [.. _branches.Select(b => b.Task.DescribeCore(path + "/" + b.Task.Name))])
        {
            FailureMode = _mode,
        };

    internal override void CollectNodes(List<(string Path, FlowNode Node)> nodes, string path)
    {
        base.CollectNodes(nodes, path);
        foreach (var branch in _branches)
        {
            branch.Task.CollectNodes(nodes, path + "/" + branch.Task.Name);
        }
    }

    internal override void Validate(DefinitionValidator validator, string path)
    {
        if (_branches.Length == 0)
        {
            validator.Error(path, $"Parallel '{Name}' has no branches. Give it at least one task.");
        }

        if (!Enum.IsDefined(_mode))
        {
            validator.Error(path, $"Parallel '{Name}' has an unknown failure mode {(int)_mode}. Use ParallelFailureMode.FailFast or SettleAll.");
        }

        validator.RequireUniqueNames(path, _branches.Select(b => b.Task), "branches");
        foreach (var branch in _branches)
        {
            validator.Visit(branch.Task, path + "/" + branch.Task.Name);
        }
    }

    private protected override async ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        var frame = new NodeFrame(parent, Name);
        var results = new object?[_branches.Length];
        await Concurrency.RunAllAsync(
            _branches.Length,
            _branches.Length,
            _mode,
            async (index, ct) => results[index] = await _branches[index].RunAsync(input, frame, run, ct).ConfigureAwait(false),
            () => frame.Path,
            run.Observed ? index => run.NodeCancelledBeforeStart(_branches[index].Task, frame) : null,
            cancellationToken).ConfigureAwait(false);
        return UserCode.Run(_join, results, frame.Path);
    }
}

/// <summary>One typed branch of a parallel; boxes its result into the join's slot.</summary>
internal abstract class ParallelBranch<TIn>
{
    public abstract FlowNode Task { get; }

    public abstract ValueTask<object?> RunAsync(TIn input, NodeFrame frame, RunContext run, CancellationToken cancellationToken);
}

/// <summary>A branch producing a <typeparamref name="TResult"/>.</summary>
internal sealed class ParallelBranch<TIn, TResult>(FlowTask<TIn, TResult> task) : ParallelBranch<TIn>
{
    public override FlowNode Task => task;

    public override async ValueTask<object?> RunAsync(TIn input, NodeFrame frame, RunContext run, CancellationToken cancellationToken)
        => await task.ExecuteAsync(input, frame, run, cancellationToken).ConfigureAwait(false);
}
