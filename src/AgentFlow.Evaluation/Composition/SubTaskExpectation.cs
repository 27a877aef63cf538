namespace AgentFlow.Evaluation;

/// <summary>What a composition case expects of one sub-task: the sub-task (its path and scorer) and the expected result.</summary>
public sealed class SubTaskExpectation
{
    internal SubTaskExpectation(SubTask subTask, object expected)
    {
        SubTask = subTask;
        Expected = expected;
    }

    /// <summary>Gets the sub-task: the node's path, and the scorer of its output.</summary>
    public SubTask SubTask { get; }

    /// <summary>Gets the node's path (<see cref="SubTask.Path"/>).</summary>
    public string Path => SubTask.Path;

    /// <summary>Gets the expected result, of the sub-task's <see cref="SubTask.ExpectedType"/>.</summary>
    public object Expected { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Path} = {Expected}";
}
