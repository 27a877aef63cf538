namespace AgentFlow;

/// <summary>A task that runs a delegate; every delegate shape is normalised to one invoker when the task is created.</summary>
internal sealed class CodeTask<TIn, TOut> : FlowTask<TIn, TOut>
{
    private readonly Invoker _invoke;

    public CodeTask(string name, Invoker invoke)
        : base(name, NodeKind.Code)
    {
        if (IsTaskLike(typeof(TOut)))
        {
            // An async lambda given where a synchronous function was expected would make the unawaited task the
            // output: its result, its failure and its cancellation would all be lost.
            throw new FlowDefinitionException(
                name,
                $"Task '{name}' would output a {TypeNames.Display(typeof(TOut))}, which is never awaited: an async function was taken for a "
                + "synchronous one, or the function returns a ValueTask. Use an async overload that returns Task<T>, such as "
                + $"FlowTask.Create(\"{name}\", async (TIn input, CancellationToken ct) => ...) or .Then(\"{name}\", async (input, ct) => ...); "
                + "for a ValueTask-returning method, write async x => await Method(x).");
        }

        _invoke = invoke;
    }

    internal delegate ValueTask<TOut> Invoker(TIn input, NodeFrame? parent, string name, RunContext run, CancellationToken cancellationToken);

    internal override NodeDescription DescribeCore(string path) => NodeDescription.Leaf(this, path, typeof(TIn), typeof(TOut));

    private protected override bool WrapsFailures => true;

    private static bool IsTaskLike(Type type)
        => typeof(Task).IsAssignableFrom(type)
           || type == typeof(ValueTask)
           || (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
               && (definition == typeof(ValueTask<>) || definition == typeof(IAsyncEnumerable<>)));

    private protected override ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
        => _invoke(input, parent, Name, run, cancellationToken);
}
