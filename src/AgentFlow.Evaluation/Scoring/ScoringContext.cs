namespace AgentFlow.Evaluation;

/// <summary>The case a scorer is scoring: its id, input and tags, and the run options for any model the scorer runs.</summary>
public sealed class ScoringContext
{
    private readonly Func<RunOptions>? _runOptions;

    /// <summary>Initializes a new instance of the <see cref="ScoringContext"/> class.</summary>
    /// <param name="caseId">The case's id.</param>
    /// <param name="input">The case's input, which an LLM judge shows the model.</param>
    /// <param name="tags">The case's tags.</param>
    /// <param name="runOptions">Makes the options of a run a scorer starts (an LLM judge's); <see langword="null"/> for default options.</param>
    public ScoringContext(string caseId, object? input = null, IReadOnlyList<string>? tags = null, Func<RunOptions>? runOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        CaseId = caseId;
        Input = input;
        Tags = tags ?? [];
        _runOptions = runOptions;
    }

    /// <summary>Gets the case's id.</summary>
    public string CaseId { get; }

    /// <summary>Gets the case's input.</summary>
    public object? Input { get; }

    /// <summary>Gets the case's tags.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>
    /// Makes fresh options for a run the scorer starts, such as an LLM judge's prompt task: under the evaluator, from
    /// <see cref="EvaluationOptions.RunOptions"/>, so the caller's chat client, prices and resilience apply.
    /// </summary>
    /// <returns>New options for one run.</returns>
    public RunOptions CreateRunOptions() => _runOptions?.Invoke() ?? new RunOptions();
}
