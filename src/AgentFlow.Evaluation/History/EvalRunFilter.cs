namespace AgentFlow.Evaluation;

/// <summary>
/// Which runs of an <see cref="EvalHistory"/> to list: every condition given must hold (they are combined with AND);
/// a property left <see langword="null"/> does not filter. Matching is exact and case-sensitive.
/// </summary>
public sealed record EvalRunFilter
{
    private readonly int? _limit;

    /// <summary>Gets the task's name (<see cref="EvalReport.TaskName"/>).</summary>
    public string? TaskName { get; init; }

    /// <summary>Gets the evaluation's name (<see cref="EvalReport.Name"/>).</summary>
    public string? Name { get; init; }

    /// <summary>Gets the eval set's content hash (<see cref="EvalReport.DatasetHash"/>).</summary>
    public string? DatasetHash { get; init; }

    /// <summary>Gets the name of a prompt the task used (one of <see cref="EvalReport.Prompts"/>).</summary>
    public string? PromptName { get; init; }

    /// <summary>Gets the version of a prompt the task used; with <see cref="PromptName"/>, of that prompt.</summary>
    public string? PromptVersion { get; init; }

    /// <summary>Gets the content hash of a prompt the task used (<see cref="Prompt.ContentHash"/>); with <see cref="PromptName"/>, of that prompt.</summary>
    public string? PromptHash { get; init; }

    /// <summary>Gets a model id the task's calls reported (one of <see cref="EvalReport.Models"/>).</summary>
    public string? Model { get; init; }

    /// <summary>Gets labels the run must have, each with the value given (<see cref="EvalReport.Labels"/>); other labels may be there too.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Gets the earliest start: runs that started at or after it (<see cref="EvalReport.StartedAt"/>).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Gets the end: runs that started strictly before it.</summary>
    public DateTimeOffset? Before { get; init; }

    /// <summary>Gets the most runs to return, the latest first.</summary>
    /// <value>Defaults to <see langword="null"/>: all of them. Allowed range: 1 or more.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int? Limit
    {
        get => _limit;
        init
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "EvalRunFilter.Limit must be 1 or more, or null for no limit.");
            }

            _limit = value;
        }
    }
}
