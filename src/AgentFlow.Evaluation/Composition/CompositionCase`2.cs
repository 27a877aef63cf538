namespace AgentFlow.Evaluation;

/// <summary>
/// One case of a composition set: an input, the final output expected for it, the results expected of chosen sub-tasks
/// (each keyed by its node path and scored by its own scorer), the route decisions expected, a category for the 2x2
/// tables, and tags.
/// </summary>
/// <typeparam name="TIn">The flow's input type.</typeparam>
/// <typeparam name="TExpected">The type of the expected final output.</typeparam>
/// <remarks>
/// Immutable: <see cref="Expect{TSubExpected, TOut}"/> and <see cref="ExpectRoute(string, string)"/> return a new case.
/// A case needs at least one sub-task or route expectation, checked when its set is made.
/// </remarks>
/// <example>
/// <code>
/// var country = SubTask.At("qa/country", Scorers.NormalizedText());
/// var @case = new CompositionCase&lt;string, string&gt;("nairobi-code", "What is the calling code of the country whose capital is Nairobi?", "+254")
///     { Category = "calling-code" }
///     .Expect(country, "Kenya")
///     .ExpectRoute("qa/fact", "CallingCode");
/// </code>
/// </example>
public sealed class CompositionCase<TIn, TExpected>
{
    private readonly string? _category;

    /// <summary>Initializes a new instance of the <see cref="CompositionCase{TIn, TExpected}"/> class, with no expectation yet.</summary>
    /// <param name="id">The case's id, unique within its set.</param>
    /// <param name="input">The flow's input.</param>
    /// <param name="expected">The expected final output.</param>
    /// <param name="tags">Tags that group the case in the plain report of final outputs; duplicates are dropped.</param>
    /// <exception cref="ArgumentException">The id is empty or has leading or trailing spaces, or a tag is empty or has leading or trailing spaces.</exception>
    /// <exception cref="ArgumentNullException">The id, the input, the expected output, or a tag is null.</exception>
    public CompositionCase(string id, TIn input, TExpected expected, params IEnumerable<string> tags)
    {
        var plain = new EvalCase<TIn, TExpected>(id, input, expected, tags);
        Id = plain.Id;
        Input = plain.Input;
        Expected = plain.Expected;
        Tags = plain.Tags;
        SubTasks = [];
        Routes = [];
    }

    private CompositionCase(CompositionCase<TIn, TExpected> source, IReadOnlyList<SubTaskExpectation> subTasks, IReadOnlyList<RouteExpectation> routes)
    {
        Id = source.Id;
        Input = source.Input;
        Expected = source.Expected;
        Tags = source.Tags;
        _category = source._category;
        SubTasks = subTasks;
        Routes = routes;
    }

    /// <summary>Gets the case's id, unique within its set.</summary>
    public string Id { get; }

    /// <summary>Gets the flow's input.</summary>
    public TIn Input { get; }

    /// <summary>Gets the expected final output.</summary>
    public TExpected Expected { get; }

    /// <summary>Gets the case's tags, without duplicates, in the order given.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>
    /// Gets or initializes the case's category, such as the kind of question: the analysis gives a 2x2 table of
    /// (all sub-tasks right?) x (final right?) and a gap for each category.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: the case counts only in the overall numbers.</value>
    /// <exception cref="ArgumentException">The category is empty or has leading or trailing spaces.</exception>
    public string? Category
    {
        get => _category;
        init
        {
            if (CheckCategory(value) is { } error)
            {
                throw new ArgumentException($"Case '{Id}': {error}", nameof(value));
            }

            _category = value;
        }
    }

    /// <summary>Gets the results expected of sub-tasks, in the order they were added.</summary>
    public IReadOnlyList<SubTaskExpectation> SubTasks { get; }

    /// <summary>Gets the route decisions expected, in the order they were added.</summary>
    public IReadOnlyList<RouteExpectation> Routes { get; }

    /// <summary>Returns this case expecting <paramref name="expected"/> of the sub-task <paramref name="subTask"/>.</summary>
    /// <typeparam name="TSubExpected">The type of the sub-task's expected results.</typeparam>
    /// <typeparam name="TOut">The type the sub-task's scorer scores.</typeparam>
    /// <param name="subTask">The sub-task, with its path and scorer.</param>
    /// <param name="expected">The result expected of it.</param>
    /// <returns>A new case; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subTask"/> or <paramref name="expected"/> is null.</exception>
    /// <exception cref="ArgumentException">The case already expects a result of a sub-task at the same path.</exception>
    public CompositionCase<TIn, TExpected> Expect<TSubExpected, TOut>(SubTask<TSubExpected, TOut> subTask, TSubExpected expected)
    {
        ArgumentNullException.ThrowIfNull(subTask);
        if (expected is null)
        {
            throw new ArgumentNullException(nameof(expected), $"Case '{Id}': the result expected of '{subTask.Path}' is null.");
        }

        if (SubTasks.Any(s => s.Path == subTask.Path))
        {
            throw new ArgumentException($"Case '{Id}' already expects a result of '{subTask.Path}'. Each sub-task is expected once per case.", nameof(subTask));
        }

        return With(new SubTaskExpectation(subTask, expected));
    }

    /// <summary>Returns this case expecting the route decision at <paramref name="path"/> to choose the case labelled <paramref name="label"/>.</summary>
    /// <param name="path">The path of the branch, or of a loop for its exit decision (see <see cref="RouteExpectation.Path"/>).</param>
    /// <param name="label">The expected case's label; for a loop, <c>stop</c> or <c>continue</c>.</param>
    /// <returns>A new case; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">The path or the label is empty or malformed, or the case already expects a decision at the path.</exception>
    public CompositionCase<TIn, TExpected> ExpectRoute(string path, string label)
    {
        if (CompositionPaths.Check(path) is { } error)
        {
            throw new ArgumentException($"Case '{Id}': {error}", nameof(path));
        }

        if (string.IsNullOrWhiteSpace(label))
        {
            throw new ArgumentException($"Case '{Id}': the label expected at '{path}' is empty.", nameof(label));
        }

        if (Routes.Any(r => r.Path == path))
        {
            throw new ArgumentException($"Case '{Id}' already expects a decision at '{path}'. Each route is expected once per case.", nameof(path));
        }

        return new CompositionCase<TIn, TExpected>(this, SubTasks, [.. Routes, new RouteExpectation(path, label)]);
    }

    /// <summary>Returns this case expecting the branch at <paramref name="path"/> to choose the case of an enum member (labelled with its name).</summary>
    /// <typeparam name="TCase">The enum the branch decides on.</typeparam>
    /// <param name="path">The branch's path.</param>
    /// <param name="value">The member.</param>
    /// <returns>A new case; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">The path is empty or malformed, or the case already expects a decision at it.</exception>
    public CompositionCase<TIn, TExpected> ExpectRoute<TCase>(string path, TCase value)
        where TCase : struct, Enum
        => ExpectRoute(path, value.ToString());

    /// <summary>Returns why <paramref name="category"/> cannot be a category, or <see langword="null"/> when it can (or is null).</summary>
    internal static string? CheckCategory(string? category)
        => category is null || (category.Length > 0 && category.Trim().Length == category.Length)
            ? null
            : category.Trim().Length == 0
                ? "the category is empty. Leave it out for a case without a category."
                : $"the category '{category}' has leading or trailing spaces; remove them.";

    /// <summary>Returns this case with one more sub-task expectation, whose value was read as the sub-task's expected type.</summary>
    internal CompositionCase<TIn, TExpected> With(SubTaskExpectation expectation) => new(this, [.. SubTasks, expectation], Routes);

    /// <inheritdoc />
    public override string ToString()
        => $"case '{Id}'{(Category is null ? string.Empty : $" ({Category})")}: {SubTasks.Count} sub-task(s), {Routes.Count} route(s) expected";
}
