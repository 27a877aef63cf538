namespace AgentFlow.Evaluation;

/// <summary>One case of an eval set: an input, the output expected for it, and tags that group cases in the report.</summary>
/// <typeparam name="TIn">The input type: the input of the task under evaluation.</typeparam>
/// <typeparam name="TExpected">The type of the expected output, which a scorer compares with the task's output.</typeparam>
/// <remarks>Instances are immutable, provided <typeparamref name="TIn"/> and <typeparamref name="TExpected"/> are.</remarks>
public sealed class EvalCase<TIn, TExpected>
{
    /// <summary>Initializes a new instance of the <see cref="EvalCase{TIn, TExpected}"/> class.</summary>
    /// <param name="id">The case's id, unique within its set: it keys the case in reports and in the history of runs.</param>
    /// <param name="input">The input given to the task.</param>
    /// <param name="expected">The expected output.</param>
    /// <param name="tags">Tags that group the case in the report's breakdown, such as <c>billing</c> or <c>hard</c>; duplicates are dropped.</param>
    /// <exception cref="ArgumentException">The id is empty or has leading or trailing spaces, or a tag is empty or has leading or trailing spaces.</exception>
    /// <exception cref="ArgumentNullException">The id, the input, the expected output, or a tag is null.</exception>
    public EvalCase(string id, TIn input, TExpected expected, params IEnumerable<string> tags)
    {
        if (EvalSetRules.CheckId(id) is { } idError)
        {
            throw new ArgumentException(idError, nameof(id));
        }

        if (input is null)
        {
            throw new ArgumentNullException(nameof(input), $"Case '{id}' has no input.");
        }

        if (expected is null)
        {
            throw new ArgumentNullException(nameof(expected), $"Case '{id}' has no expected output.");
        }

        ArgumentNullException.ThrowIfNull(tags);
        List<string> distinct = [];
        foreach (var tag in tags)
        {
            if (EvalSetRules.CheckTag(tag) is { } tagError)
            {
                throw new ArgumentException($"Case '{id}': {tagError}", nameof(tags));
            }

            if (!distinct.Contains(tag, StringComparer.Ordinal))
            {
                distinct.Add(tag);
            }
        }

        Id = id;
        Input = input;
        Expected = expected;
        Tags = distinct.AsReadOnly();
    }

    /// <summary>Gets the case's id, unique within its set.</summary>
    public string Id { get; }

    /// <summary>Gets the input given to the task.</summary>
    public TIn Input { get; }

    /// <summary>Gets the expected output.</summary>
    public TExpected Expected { get; }

    /// <summary>Gets the case's tags, without duplicates, in the order given.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <inheritdoc />
    public override string ToString() => Tags.Count == 0 ? $"case '{Id}'" : $"case '{Id}' [{string.Join(", ", Tags)}]";
}
