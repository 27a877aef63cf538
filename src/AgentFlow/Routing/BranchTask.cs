namespace AgentFlow;

/// <summary>A conditional: a decider chooses one declared case, whose task runs on the branch's input.</summary>
internal sealed class BranchTask<TIn, TOut> : FlowTask<TIn, TOut>
{
    internal const string DefaultLabel = "default";

    private readonly BranchDecider<TIn>? _decider;
    private readonly BranchCase<TIn, TOut>[] _cases;
    private readonly FlowTask<TIn, TOut>? _default;
    private readonly string? _fallbackLabel;
    private readonly IReadOnlyList<DefinitionError> _builderErrors;

    public BranchTask(
        string name,
        BranchDecider<TIn>? decider,
        BranchCase<TIn, TOut>[] cases,
        FlowTask<TIn, TOut>? defaultTask,
        string? fallbackLabel,
        IReadOnlyList<DefinitionError> builderErrors)
        : base(name, NodeKind.Branch)
    {
        _decider = decider;
        _cases = cases;
        _default = defaultTask;
        _fallbackLabel = fallbackLabel;
        _builderErrors = builderErrors;
    }

    internal override NodeDescription DescribeCore(string path)
    {
        var children = _cases.Select(c => c.Task.DescribeCore($"{path}[{c.Label}]/{c.Task.Name}").AsCase(c.Label));
        if (_default is not null)
        {
            children = children.Append(_default.DescribeCore($"{path}[{DefaultLabel}]/{_default.Name}").AsCase(DefaultLabel));
        }

        return new(Name, Kind, path, typeof(TIn), typeof(TOut), [.. children])
        {
            DecidedByLlm = _decider?.UsesLlm ?? false,
            Fallback = _fallbackLabel,
        };
    }

    internal override void CollectNodes(List<(string Path, FlowNode Node)> nodes, string path)
    {
        base.CollectNodes(nodes, path);
        foreach (var @case in _cases)
        {
            @case.Task.CollectNodes(nodes, $"{path}[{@case.Label}]/{@case.Task.Name}");
        }

        _default?.CollectNodes(nodes, $"{path}[{DefaultLabel}]/{_default.Name}");
    }

    internal override void Validate(DefinitionValidator validator, string path)
    {
        // Errors found while the builder collected cases (bad labels, duplicate values, uncovered enum members)
        // are reported with this node's path in the flow it ends up in.
        foreach (var error in _builderErrors)
        {
            validator.Error(path, error.Message);
        }

        if (_decider is null)
        {
            validator.Error(path, $"Branch '{Name}' has no decision. Call .DecideBy(...) or .DecideByLlm(...) on its builder.");
        }

        if (_cases.Length == 0)
        {
            validator.Error(path, $"Branch '{Name}' has no cases. Add at least one with .Case(...) or .When(...).");
        }

        foreach (var duplicate in _cases.GroupBy(c => c.Label, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            validator.Error(path, $"Branch '{Name}' has {duplicate.Count()} cases labelled '{duplicate.Key}'. Give each case a unique label.");
        }

        if (_default is not null && _cases.Any(c => c.Label == DefaultLabel))
        {
            validator.Error(path, $"Branch '{Name}' has a case labelled '{DefaultLabel}' and a default case. Rename the case: '{DefaultLabel}' is the default's label.");
        }

        if (_decider is { UsesLlm: true } && _default is not null)
        {
            validator.Error(
                path,
                $"Branch '{Name}' is decided by an LLM, which only chooses among declared cases, so its default case would never run. "
                + "Remove .Default(...); to route answers outside the cases, declare .FallbackTo(case).");
        }

        if (_decider is { UsesLlm: false } && _fallbackLabel is not null)
        {
            validator.Error(path, $"Branch '{Name}' declares .FallbackTo(...), which applies to LLM decisions only. For code decisions use .Default(...).");
        }

        foreach (var @case in _cases)
        {
            validator.Visit(@case.Task, $"{path}[{@case.Label}]/{@case.Task.Name}");
        }

        if (_default is not null)
        {
            validator.Visit(_default, $"{path}[{DefaultLabel}]/{_default.Name}");
        }
    }

    private protected override async ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        var path = NodeFrame.PathOf(parent, Name);
        var choice = await _decider!.DecideAsync(input, path, parent, Name, run, cancellationToken).ConfigureAwait(false);
        string label;
        FlowTask<TIn, TOut> task;
        if (choice.Index >= 0)
        {
            (label, _, task) = _cases[choice.Index];
        }
        else if (_default is not null)
        {
            (label, task) = (DefaultLabel, _default);
        }
        else
        {
            var labels = _cases.Select(c => c.Label).ToArray();
            throw new RouteDecisionException(
                path,
                $"Branch '{path}' got '{choice.Unmatched}', which matches none of its cases ({string.Join(", ", labels)}), and it has no default. "
                + "Add a case for it or declare .Default(...) / .Otherwise(...).",
                labels,
                []);
        }

        var verdict = choice.Verdict;
        run.RouteChosen(new RouteDecision
        {
            Path = path,
            DefinitionPath = NodeFrame.DefinitionPathOf(parent, Name),
            Label = label,
            Source = choice.Source,
            Answer = verdict?.Answer,
            Rationale = verdict?.Rationale,
            Confidence = verdict?.Confidence,
            Attempts = verdict?.Attempts ?? 0,
            Rejected = verdict?.Rejected ?? [],
            Usage = verdict?.Usage,
        });
        return await task.ExecuteAsync(input, new NodeFrame(parent, Name, label), run, cancellationToken).ConfigureAwait(false);
    }
}
