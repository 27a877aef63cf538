namespace AgentFlow.Testing.NUnit;

/// <summary>
/// What a constraint was given, read as a run: a <see cref="FlowResult{TOut}"/> (record and output), a
/// <see cref="RunRecord"/>, or the <see cref="FlowRunException"/> of a failed run (its record, no output).
/// </summary>
internal sealed class RunUnderTest
{
    private RunUnderTest(RunRecord record, bool hasOutput, object? output, Type? outputType)
    {
        Record = record;
        HasOutput = hasOutput;
        Output = output;
        OutputType = outputType;
    }

    public RunRecord Record { get; }

    public bool HasOutput { get; }

    public object? Output { get; }

    public Type? OutputType { get; }

    /// <summary>Gets the run-time path of the node the run started at: the flow's name, or a node's path in its flow.</summary>
    public string RootPath => Record.Nodes.Count > 0 ? Record.Nodes[0].Path : Record.FlowName;

    /// <summary>Gets a one-line summary of the run, for the "but was" of a combined constraint.</summary>
    public string Summary => Record.Status == RunStatus.Failed && Record.Error is FlowRunException failure
        ? $"run of {RootPath} that failed at {failure.NodePath}"
        : $"run of {RootPath} that {Record.Status.ToString().ToLowerInvariant()}";

    /// <param name="actual">The value given to the constraint.</param>
    /// <param name="constraint">The constraint's name, for the error.</param>
    /// <exception cref="ArgumentException">The value is none of the accepted kinds.</exception>
    public static RunUnderTest From(object? actual, string constraint)
    {
        switch (actual)
        {
            case RunRecord record:
                return new RunUnderTest(record, hasOutput: false, output: null, outputType: null);
            case FlowRunException { Record: { } record }:
                return new RunUnderTest(record, hasOutput: false, output: null, outputType: null);
            case FlowRunException failure:
                throw new ArgumentException(
                    $"{constraint} was given a {failure.GetType().Name} that carries no run record yet: use the exception the run threw, after it ended.",
                    nameof(actual));
        }

        var type = actual?.GetType();
        if (type is { IsGenericType: true } && type.GetGenericTypeDefinition() == typeof(FlowResult<>))
        {
            var record = (RunRecord)type.GetProperty(nameof(FlowResult<int>.Record))!.GetValue(actual)!;
            var output = type.GetProperty(nameof(FlowResult<int>.Output))!.GetValue(actual);
            return new RunUnderTest(record, hasOutput: true, output, type.GetGenericArguments()[0]);
        }

        throw new ArgumentException(
            $"{constraint} applies to a run: a FlowResult<T>, a RunRecord or a FlowRunException, not {(actual is null ? "null" : $"a {type!.Name}")}.",
            nameof(actual));
    }

    /// <summary>The lines every failure message ends with: the run's input, when the harness started it, and its failure, when it failed.</summary>
    public IEnumerable<string> Context()
    {
        if (RunInputs.TryGet(Record, out var input))
        {
            yield return RunText.Labelled("Input:", RunText.Json(input));
        }

        if (Record.Status == RunStatus.Failed && Record.Error is { } error)
        {
            yield return RunText.Labelled("Run failed:", RunText.Failure(error));
        }
    }
}
