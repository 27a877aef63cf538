namespace AgentFlow;

/// <summary>One task applied to every item of a list, at most a given number at once, results in item order.</summary>
internal sealed class MapTask<TItem, TResult> : FlowTask<IReadOnlyList<TItem>, IReadOnlyList<TResult>>
{
    private readonly FlowTask<TItem, TResult> _item;
    private readonly int _maxDegreeOfParallelism;
    private readonly ParallelFailureMode _mode;

    public MapTask(string name, FlowTask<TItem, TResult> item, int maxDegreeOfParallelism, ParallelFailureMode mode)
        : base(name, NodeKind.Map)
    {
        _item = item;
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
        _mode = mode;
    }

    internal override NodeDescription DescribeCore(string path)
        => new(Name, Kind, path, typeof(IReadOnlyList<TItem>), typeof(IReadOnlyList<TResult>), [_item.DescribeCore(path + "/" + _item.Name)])
        {
            MaxDegreeOfParallelism = _maxDegreeOfParallelism,
            FailureMode = _mode,
        };

    internal override void CollectNodes(List<(string Path, FlowNode Node)> nodes, string path)
    {
        base.CollectNodes(nodes, path);
        _item.CollectNodes(nodes, path + "/" + _item.Name);
    }

    internal override void Validate(DefinitionValidator validator, string path)
    {
        if (_maxDegreeOfParallelism < 1)
        {
            validator.Error(
                path,
                $"Map '{Name}' has a maximum degree of parallelism of {_maxDegreeOfParallelism}. Use a value of at least 1 (1 processes items one at a time).");
        }

        if (!Enum.IsDefined(_mode))
        {
            validator.Error(path, $"Map '{Name}' has an unknown failure mode {(int)_mode}. Use ParallelFailureMode.FailFast or SettleAll.");
        }

        validator.Visit(_item, path + "/" + _item.Name);
    }

    private protected override async ValueTask<IReadOnlyList<TResult>> ExecuteCoreAsync(
        IReadOnlyList<TItem> input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        if (input is null)
        {
            throw new FlowTaskException(
                NodeFrame.PathOf(parent, Name),
                new ArgumentNullException(nameof(input), $"Map '{Name}' received a null list. Give it an empty list when there is nothing to map."));
        }

        var results = new TResult[input.Count];
        await Concurrency.RunAllAsync(
            input.Count,
            _maxDegreeOfParallelism,
            _mode,
            async (index, ct) => results[index] = await _item.ExecuteAsync(input[index], new NodeFrame(parent, Name, index: index), run, ct).ConfigureAwait(false),
            () => NodeFrame.PathOf(parent, Name),
            run.Observed ? index => run.NodeCancelledBeforeStart(_item, new NodeFrame(parent, Name, index: index)) : null,
            cancellationToken).ConfigureAwait(false);
        return results;
    }
}
