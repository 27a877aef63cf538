using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>
/// A sub-task of a composed flow that composition cases check: the node at a path, the type of its expected result and
/// the scorer that compares the node's output with it. A typed key: cases attach expected values to it with
/// <see cref="CompositionCase{TIn, TExpected}.Expect{TSubExpected, TOut}"/>, and a JSON Lines set reads its values with it.
/// </summary>
/// <remarks>
/// Make one with <see cref="At{TExpected, TOut}"/>. Instances are immutable and thread-safe, provided their scorer is.
/// </remarks>
public abstract class SubTask
{
    private protected SubTask(string path, string scorerName, Type expectedType, Type outputType)
    {
        Path = path;
        ScorerName = scorerName;
        ExpectedType = expectedType;
        OutputType = outputType;
    }

    /// <summary>
    /// Gets the node's path in the flow, starting with the flow's name: a definition path (<c>qa/country</c>,
    /// <c>qa/fact[Currency]/currency</c>, <c>qa/refine/draft</c> for the last iteration of a loop), or a run-time path
    /// naming a loop iteration or a map item (<c>qa/refine#2/draft</c>, <c>qa/each#0/ask</c>).
    /// </summary>
    public string Path { get; }

    /// <summary>Gets the name of the scorer that compares the node's output with the expected result.</summary>
    public string ScorerName { get; }

    /// <summary>Gets the type of the expected results.</summary>
    public Type ExpectedType { get; }

    /// <summary>Gets the output type the scorer scores; the node's output type must be assignable to it.</summary>
    public Type OutputType { get; }

    /// <summary>Declares the sub-task at <paramref name="path"/>, scored by <paramref name="scorer"/>.</summary>
    /// <typeparam name="TExpected">The type of the expected results.</typeparam>
    /// <typeparam name="TOut">The type the scorer scores: the node's output type or a base of it.</typeparam>
    /// <param name="path">
    /// The node's path, starting with the flow's name. A definition path names the node's last execution when it runs
    /// in a loop; a node inside a map needs its item's run-time path (<c>qa/each#0/ask</c>). See <see cref="Path"/>.
    /// </param>
    /// <param name="scorer">Compares the node's output with a case's expected result.</param>
    /// <returns>The sub-task.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, has spaces around it, or an empty segment.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="scorer"/> is null.</exception>
    public static SubTask<TExpected, TOut> At<TExpected, TOut>(string path, IScorer<TExpected, TOut> scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        if (CompositionPaths.Check(path) is { } error)
        {
            throw new ArgumentException(error, nameof(path));
        }

        return new SubTask<TExpected, TOut>(path, scorer);
    }

    /// <inheritdoc />
    public override string ToString() => $"sub-task {Path} ({ScorerName})";

    /// <summary>Whether two declarations are the same: same path, types and scorer name.</summary>
    internal bool SameAs(SubTask other)
        => Path == other.Path && ExpectedType == other.ExpectedType && OutputType == other.OutputType && ScorerName == other.ScorerName;

    /// <summary>Reads an expected result from JSON as <see cref="ExpectedType"/>, recording why it cannot be read or is not valid.</summary>
    internal abstract bool TryReadExpected<TIn, TCaseExpected>(CaseReader<TIn, TCaseExpected> reader, JsonElement json, string field, int line, out object expected);

    /// <summary>Whether a node's output can be given to the scorer.</summary>
    internal abstract bool Accepts(object? output);

    /// <summary>Scores a node's output against an expected result of <see cref="ExpectedType"/>.</summary>
    internal abstract ValueTask<Score> ScoreAsync(object expected, object? actual, ScoringContext context, CancellationToken cancellationToken);
}
