namespace AgentFlow;

/// <summary>A body repeated until a code or LLM condition holds on its output, at most a capped number of times.</summary>
internal sealed class LoopTask<T> : FlowTask<T, T>
{
    private readonly FlowTask<T, T> _body;
    private readonly int _maxIterations;
    private readonly Func<T, bool>? _until;
    private readonly Func<T, string>? _prompt;
    private readonly LlmDecider? _decider;
    private readonly LoopDecision? _fallback;
    private readonly Func<T, T>? _onCapReached;
    private readonly IReadOnlyList<DefinitionError> _builderErrors;

    public LoopTask(
        string name,
        FlowTask<T, T> body,
        int maxIterations,
        Func<T, bool>? until,
        Func<T, string>? prompt,
        LlmDecider? decider,
        LoopDecision? fallback,
        Func<T, T>? onCapReached,
        IReadOnlyList<DefinitionError> builderErrors)
        : base(name, NodeKind.Loop)
    {
        _body = body;
        _maxIterations = maxIterations;
        _until = until;
        _prompt = prompt;
        _decider = decider;
        _fallback = fallback;
        _onCapReached = onCapReached;
        _builderErrors = builderErrors;
    }

    internal override NodeDescription DescribeCore(string path)
        => new(Name, Kind, path, typeof(T), typeof(T), [_body.DescribeCore(path + "/" + _body.Name)])
        {
            MaxIterations = _maxIterations,
            DecidedByLlm = _decider is not null,
            Fallback = _fallback?.ToString().ToLowerInvariant(),
            Detail = _onCapReached is null ? null : "cap fallback declared",
        };

    internal override void CollectNodes(List<(string Path, FlowNode Node)> nodes, string path)
    {
        base.CollectNodes(nodes, path);
        _body.CollectNodes(nodes, path + "/" + _body.Name);
    }

    internal override void Validate(DefinitionValidator validator, string path)
    {
        foreach (var error in _builderErrors)
        {
            validator.Error(path, error.Message);
        }

        validator.Visit(_body, path + "/" + _body.Name);
    }

    private protected override async ValueTask<T> ExecuteCoreAsync(T input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        var path = NodeFrame.PathOf(parent, Name);
        var value = input;
        var iteration = 0;
        try
        {
            while (iteration < _maxIterations)
            {
                iteration++;
                var frame = new NodeFrame(parent, Name, index: iteration);
                value = await _body.ExecuteAsync(value, frame, run, cancellationToken).ConfigureAwait(false);
                if (await ShouldStopAsync(value, frame, run, cancellationToken).ConfigureAwait(false))
                {
                    run.LoopEnded(new LoopRecord(path, iteration, _maxIterations, LoopExit.Condition));
                    return value;
                }
            }
        }
        catch (Exception)
        {
            run.LoopEnded(new LoopRecord(path, iteration, _maxIterations, LoopExit.Failed));
            throw;
        }

        if (_onCapReached is null)
        {
            run.LoopEnded(new LoopRecord(path, iteration, _maxIterations, LoopExit.CapExceeded));
            throw new LoopCapExceededException(path, _maxIterations);
        }

        Log.LoopCapFallback(run.Logger, path, _maxIterations);
        run.LoopEnded(new LoopRecord(path, iteration, _maxIterations, LoopExit.CapFallback));
        return UserCode.Run(_onCapReached, value, path);
    }

    private async ValueTask<bool> ShouldStopAsync(T value, NodeFrame frame, RunContext run, CancellationToken cancellationToken)
    {
        if (_until is not null)
        {
            return UserCode.Run(_until, value, frame.Path);
        }

        var prompt = UserCode.Run(_prompt!, value, frame.Path);

        var verdict = await _decider!.DecideAsync(prompt, frame.Path, frame.DefinitionPath, "loop-exit", run, cancellationToken).ConfigureAwait(false);
        var (index, source) = _decider.Settle(
            verdict,
            _fallback switch { LoopDecision.Stop => 0, LoopDecision.Continue => 1, _ => -1 },
            frame.Path,
            run,
            "Declare .FallbackTo(LoopDecision.Stop or Continue) to handle such answers explicitly, or raise MaxCorrections.");
        run.RouteChosen(new RouteDecision
        {
            Path = frame.Path,
            DefinitionPath = frame.DefinitionPath,
            Label = _decider.Labels[index],
            Source = source,
            Answer = verdict.Answer,
            Rationale = verdict.Rationale,
            Confidence = verdict.Confidence,
            Attempts = verdict.Attempts,
            Rejected = verdict.Rejected,
            Usage = verdict.Usage,
        });
        return index == 0;
    }
}
