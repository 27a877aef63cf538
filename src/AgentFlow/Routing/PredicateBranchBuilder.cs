namespace AgentFlow;

/// <summary>
/// Builds a branch whose cases are predicates, tried in order: the first that holds runs, else the
/// <see cref="Otherwise"/> case. Start one with <see cref="Flow.Branch{TIn, TOut}(string)"/>.
/// </summary>
/// <typeparam name="TIn">The branch's input, passed to the chosen case.</typeparam>
/// <typeparam name="TOut">The output of every case.</typeparam>
public sealed class PredicateBranchBuilder<TIn, TOut>
{
    private readonly string _name;
    private readonly List<(Func<TIn, bool> Predicate, BranchCase<TIn, TOut> Case)> _cases = [];
    private readonly List<string> _errors = [];
    private FlowTask<TIn, TOut>? _otherwise;

    internal PredicateBranchBuilder(string name)
    {
        NodeNames.ThrowIfInvalid(name, NodeKind.Branch);
        _name = name;
    }

    /// <summary>Declares a case that runs when <paramref name="predicate"/> holds and no earlier case's did.</summary>
    /// <param name="label">The case's label in node paths: letters, digits, '-', '_' or '.'.</param>
    /// <param name="predicate">The condition.</param>
    /// <param name="task">What runs when this case is chosen.</param>
    /// <returns>This builder.</returns>
    public PredicateBranchBuilder<TIn, TOut> When(string label, Func<TIn, bool> predicate, FlowTask<TIn, TOut> task)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(task);
        if (!NodeNames.IsValid(label))
        {
            _errors.Add($"Branch '{_name}': the label '{label}' cannot be a path segment. Use letters, digits, '-', '_' or '.'.");
        }

        _cases.Add((predicate, new BranchCase<TIn, TOut>(label, null, task)));
        return this;
    }

    /// <summary>Declares what runs when no predicate holds; without it, such an input fails the run.</summary>
    /// <param name="task">The default case's task; its label is <c>default</c>.</param>
    /// <returns>This builder.</returns>
    public PredicateBranchBuilder<TIn, TOut> Otherwise(FlowTask<TIn, TOut> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        _otherwise = task;
        return this;
    }

    /// <summary>Builds and validates the branch.</summary>
    /// <returns>The branch, a task from <typeparamref name="TIn"/> to <typeparamref name="TOut"/>.</returns>
    /// <exception cref="FlowDefinitionException">No cases, or duplicate or invalid labels.</exception>
    public FlowTask<TIn, TOut> Build()
    {
        var branch = new BranchTask<TIn, TOut>(
            _name,
            new PredicateDecider<TIn>([.. _cases.Select(c => c.Predicate)]),
            [.. _cases.Select(c => c.Case)],
            _otherwise,
            fallbackLabel: null,
            [.. _errors.Select(e => new DefinitionError(_name, e))]);
        DefinitionValidator.ThrowIfInvalid(branch);
        return branch;
    }
}
