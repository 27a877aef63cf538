namespace AgentFlow;

/// <summary>
/// Composes tasks into flows: sequences, parallel joins, maps, branches and loops. Every composition is itself a task,
/// validated when built, and can be nested, described, drawn and run on its own.
/// </summary>
/// <example>
/// <code>
/// var flow = Flow.Define&lt;string&gt;("greet")
///     .Then("trim", s =&gt; s.Trim())
///     .Then("shout", s =&gt; s.ToUpperInvariant())
///     .Build();
/// var result = await flow.RunAsync("  hello ");
/// </code>
/// </example>
public static class Flow
{
    /// <summary>Starts a named sequence; add steps with <c>Then</c> and finish with <c>Build</c>.</summary>
    /// <typeparam name="TIn">The flow's input type.</typeparam>
    /// <param name="name">The flow's stable name: letters, digits, '-', '_' or '.'.</param>
    /// <returns>An empty builder.</returns>
    public static FlowBuilder<TIn, TIn> Define<TIn>(string name)
    {
        NodeNames.ThrowIfInvalid(name, NodeKind.Flow);
        return new FlowBuilder<TIn, TIn>(name, []);
    }

    /// <summary>Runs two tasks concurrently on the same input and joins their typed results.</summary>
    /// <typeparam name="TIn">The shared input type.</typeparam>
    /// <typeparam name="T1">The first branch's output.</typeparam>
    /// <typeparam name="T2">The second branch's output.</typeparam>
    /// <typeparam name="TOut">The joined output.</typeparam>
    /// <param name="name">The parallel's stable name.</param>
    /// <param name="first">The first branch.</param>
    /// <param name="second">The second branch.</param>
    /// <param name="join">Combines the branches' results, called once all have succeeded.</param>
    /// <param name="mode">Fail fast (the default: siblings cancelled at the first failure) or settle all.</param>
    /// <returns>The parallel task.</returns>
    public static FlowTask<TIn, TOut> Parallel<TIn, T1, T2, TOut>(
        string name, FlowTask<TIn, T1> first, FlowTask<TIn, T2> second, Func<T1, T2, TOut> join, ParallelFailureMode mode = ParallelFailureMode.FailFast)
    {
        ArgumentNullException.ThrowIfNull(join);
        return BuildParallel(name, [Branch(first), Branch(second)], r => join((T1)r[0]!, (T2)r[1]!), mode);
    }

    /// <summary>Runs three tasks concurrently on the same input and joins their typed results.</summary>
    /// <typeparam name="TIn">The shared input type.</typeparam>
    /// <typeparam name="T1">The first branch's output.</typeparam>
    /// <typeparam name="T2">The second branch's output.</typeparam>
    /// <typeparam name="T3">The third branch's output.</typeparam>
    /// <typeparam name="TOut">The joined output.</typeparam>
    /// <param name="name">The parallel's stable name.</param>
    /// <param name="first">The first branch.</param>
    /// <param name="second">The second branch.</param>
    /// <param name="third">The third branch.</param>
    /// <param name="join">Combines the branches' results, called once all have succeeded.</param>
    /// <param name="mode">Fail fast (the default) or settle all.</param>
    /// <returns>The parallel task.</returns>
    public static FlowTask<TIn, TOut> Parallel<TIn, T1, T2, T3, TOut>(
        string name,
        FlowTask<TIn, T1> first,
        FlowTask<TIn, T2> second,
        FlowTask<TIn, T3> third,
        Func<T1, T2, T3, TOut> join,
        ParallelFailureMode mode = ParallelFailureMode.FailFast)
    {
        ArgumentNullException.ThrowIfNull(join);
        return BuildParallel(name, [Branch(first), Branch(second), Branch(third)], r => join((T1)r[0]!, (T2)r[1]!, (T3)r[2]!), mode);
    }

    /// <summary>Runs four tasks concurrently on the same input and joins their typed results.</summary>
    /// <typeparam name="TIn">The shared input type.</typeparam>
    /// <typeparam name="T1">The first branch's output.</typeparam>
    /// <typeparam name="T2">The second branch's output.</typeparam>
    /// <typeparam name="T3">The third branch's output.</typeparam>
    /// <typeparam name="T4">The fourth branch's output.</typeparam>
    /// <typeparam name="TOut">The joined output.</typeparam>
    /// <param name="name">The parallel's stable name.</param>
    /// <param name="first">The first branch.</param>
    /// <param name="second">The second branch.</param>
    /// <param name="third">The third branch.</param>
    /// <param name="fourth">The fourth branch.</param>
    /// <param name="join">Combines the branches' results, called once all have succeeded.</param>
    /// <param name="mode">Fail fast (the default) or settle all.</param>
    /// <returns>The parallel task.</returns>
    public static FlowTask<TIn, TOut> Parallel<TIn, T1, T2, T3, T4, TOut>(
        string name,
        FlowTask<TIn, T1> first,
        FlowTask<TIn, T2> second,
        FlowTask<TIn, T3> third,
        FlowTask<TIn, T4> fourth,
        Func<T1, T2, T3, T4, TOut> join,
        ParallelFailureMode mode = ParallelFailureMode.FailFast)
    {
        ArgumentNullException.ThrowIfNull(join);
        return BuildParallel(
            name, [Branch(first), Branch(second), Branch(third), Branch(fourth)], r => join((T1)r[0]!, (T2)r[1]!, (T3)r[2]!, (T4)r[3]!), mode);
    }

    /// <summary>Runs any number of tasks of one type concurrently on the same input; their results come in branch order.</summary>
    /// <typeparam name="TIn">The shared input type.</typeparam>
    /// <typeparam name="TOut">Every branch's output.</typeparam>
    /// <param name="name">The parallel's stable name.</param>
    /// <param name="branches">The branches; at least one, with unique names.</param>
    /// <param name="mode">Fail fast (the default) or settle all.</param>
    /// <returns>The parallel task.</returns>
    public static FlowTask<TIn, IReadOnlyList<TOut>> Parallel<TIn, TOut>(
        string name, IEnumerable<FlowTask<TIn, TOut>> branches, ParallelFailureMode mode = ParallelFailureMode.FailFast)
    {
        ArgumentNullException.ThrowIfNull(branches);
        return BuildParallel<TIn, IReadOnlyList<TOut>>(name, [.. branches.Select(Branch)], r => [.. r.Cast<TOut>()], mode);
    }

    /// <summary>Applies a task to every item of a list, at most <paramref name="maxDegreeOfParallelism"/> at once; results keep the items' order.</summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="TOut">The item task's output.</typeparam>
    /// <param name="name">The map's stable name; items run at paths <c>name#0</c>, <c>name#1</c>, ...</param>
    /// <param name="itemTask">The task applied to each item.</param>
    /// <param name="maxDegreeOfParallelism">How many items may run at once; at least 1.</param>
    /// <param name="mode">Fail fast (the default: remaining items cancelled at the first failure) or settle all.</param>
    /// <returns>The map task.</returns>
    public static FlowTask<IReadOnlyList<TItem>, IReadOnlyList<TOut>> Map<TItem, TOut>(
        string name, FlowTask<TItem, TOut> itemTask, int maxDegreeOfParallelism, ParallelFailureMode mode = ParallelFailureMode.FailFast)
    {
        ArgumentNullException.ThrowIfNull(itemTask);
        var map = new MapTask<TItem, TOut>(name, itemTask, maxDegreeOfParallelism, mode);
        DefinitionValidator.ThrowIfInvalid(map);
        return map;
    }

    /// <summary>Starts a branch on typed case values (an enum, a record, a string), chosen by code or by an LLM.</summary>
    /// <typeparam name="TIn">The branch's input, passed to the chosen case.</typeparam>
    /// <typeparam name="TCase">The type of the case values.</typeparam>
    /// <typeparam name="TOut">The output of every case.</typeparam>
    /// <param name="name">The branch's stable name; a chosen case runs at <c>name[label]</c>.</param>
    /// <returns>A builder for the branch.</returns>
    public static BranchBuilder<TIn, TCase, TOut> Branch<TIn, TCase, TOut>(string name)
        where TCase : notnull
        => new(name);

    /// <summary>Starts a branch on predicates tried in order.</summary>
    /// <typeparam name="TIn">The branch's input, passed to the chosen case.</typeparam>
    /// <typeparam name="TOut">The output of every case.</typeparam>
    /// <param name="name">The branch's stable name.</param>
    /// <returns>A builder for the branch.</returns>
    public static PredicateBranchBuilder<TIn, TOut> Branch<TIn, TOut>(string name) => new(name);

    /// <summary>Starts a loop that repeats <paramref name="body"/> until a condition holds, with a mandatory cap.</summary>
    /// <typeparam name="T">The type the body refines.</typeparam>
    /// <param name="name">The loop's stable name; iterations run at <c>name#1</c>, <c>name#2</c>, ...</param>
    /// <param name="body">The task repeated on its own output.</param>
    /// <returns>A builder for the loop.</returns>
    public static LoopBuilder<T> Loop<T>(string name, FlowTask<T, T> body) => new(name, body);

    private static ParallelBranch<TIn> Branch<TIn, TResult>(FlowTask<TIn, TResult> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new ParallelBranch<TIn, TResult>(task);
    }

    private static FlowTask<TIn, TOut> BuildParallel<TIn, TOut>(string name, ParallelBranch<TIn>[] branches, Func<object?[], TOut> join, ParallelFailureMode mode)
    {
        var parallel = new ParallelTask<TIn, TOut>(name, branches, join, mode);
        DefinitionValidator.ThrowIfInvalid(parallel);
        return parallel;
    }
}
