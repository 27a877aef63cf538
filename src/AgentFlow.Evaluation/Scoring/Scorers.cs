using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentFlow.Evaluation;

/// <summary>
/// The built-in scorers: exact, normalised text, contains, regular expression, numeric tolerance, JSON schema, set F1,
/// custom delegates, and an LLM judge. Each is immutable and thread-safe.
/// </summary>
public static class Scorers
{
    /// <summary>Passes when the output equals the expected output.</summary>
    /// <typeparam name="T">The output type.</typeparam>
    /// <param name="comparer">When two outputs are equal; <see cref="EqualityComparer{T}.Default"/> by default (records compare by value).</param>
    /// <returns>The scorer, named <c>exact</c>.</returns>
    public static IScorer<T, T> Exact<T>(IEqualityComparer<T>? comparer = null)
        => new ExactScorer<T>(comparer ?? EqualityComparer<T>.Default);

    /// <summary>
    /// Passes when both texts are equal once normalised: by default Unicode NFKC, lower case, punctuation removed, and
    /// whitespace trimmed and collapsed, so <c>"  Paris!"</c> passes for <c>"paris"</c>.
    /// </summary>
    /// <param name="options">What to normalise; <see cref="NormalizedTextOptions.Default"/> when null.</param>
    /// <returns>The scorer, named <c>normalized-text</c>.</returns>
    public static IScorer<string, string> NormalizedText(NormalizedTextOptions? options = null)
        => new NormalizedTextScorer(options ?? NormalizedTextOptions.Default);

    /// <summary>Passes when the output contains the expected text.</summary>
    /// <param name="comparison">How text is compared.</param>
    /// <returns>The scorer, named <c>contains</c>.</returns>
    public static IScorer<string, string> Contains(StringComparison comparison = StringComparison.Ordinal)
        => new ContainsScorer(comparison);

    /// <summary>
    /// Passes when the output matches the case's expected output, read as a regular expression (use <c>^...$</c> to match
    /// the whole output). A pattern that does not compile, or a match that times out, is a score error.
    /// </summary>
    /// <param name="options">The patterns' options.</param>
    /// <param name="matchTimeout">How long one match may take; 1 second by default.</param>
    /// <returns>The scorer, named <c>regex</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="matchTimeout"/> is not positive.</exception>
    public static IScorer<string, string> Regex(RegexOptions options = RegexOptions.None, TimeSpan? matchTimeout = null)
    {
        var timeout = matchTimeout ?? TimeSpan.FromSeconds(1);
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(matchTimeout), timeout, "The match timeout of Scorers.Regex must be positive.");
        }

        return new RegexScorer<string>(options, timeout);
    }

    /// <summary>Passes when the output matches one pattern, whatever the case's expected output (a format check).</summary>
    /// <typeparam name="TExpected">The type of the expected outputs, which are not used.</typeparam>
    /// <param name="pattern">The pattern; give it a match timeout (<see cref="System.Text.RegularExpressions.Regex.MatchTimeout"/>) if the outputs are long.</param>
    /// <returns>The scorer, named <c>regex</c>.</returns>
    public static IScorer<TExpected, string> Regex<TExpected>(Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new RegexScorer<TExpected>(pattern);
    }

    /// <summary>
    /// Passes when the output is within a distance of the expected number: |actual - expected| &lt;=
    /// max(<paramref name="absolute"/>, <paramref name="relative"/> × |expected|). Give either bound or both; the wider
    /// one applies.
    /// </summary>
    /// <typeparam name="T">The number type (<see cref="int"/>, <see cref="double"/>, <see cref="decimal"/>...), compared as <see cref="double"/>.</typeparam>
    /// <param name="absolute">The absolute tolerance, such as 0.01.</param>
    /// <param name="relative">The relative tolerance, as a fraction of the expected value, such as 0.05 for 5%.</param>
    /// <returns>The scorer, named <c>numeric-tolerance</c>; its scores carry the <c>difference</c>.</returns>
    /// <exception cref="ArgumentException">Neither bound is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is negative or not a finite number.</exception>
    public static IScorer<T, T> NumericTolerance<T>(double? absolute = null, double? relative = null)
        where T : INumberBase<T>
    {
        if (absolute is null && relative is null)
        {
            throw new ArgumentException("Scorers.NumericTolerance needs an absolute or a relative tolerance (or both), such as absolute: 0.01.", nameof(absolute));
        }

        foreach (var (value, name) in (ReadOnlySpan<(double?, string)>)[(absolute, nameof(absolute)), (relative, nameof(relative))])
        {
            if (value is { } bound && (!double.IsFinite(bound) || bound < 0))
            {
                throw new ArgumentOutOfRangeException(name, bound, $"The {name} tolerance of Scorers.NumericTolerance must be a finite number of at least 0.");
            }
        }

        return new NumericToleranceScorer<T>(absolute ?? 0, relative ?? 0);
    }

    /// <summary>
    /// Passes when the output is valid against a JSON schema; the expected outputs are not used. The output is written
    /// as JSON with <paramref name="serializerOptions"/>, except a <see cref="string"/> output, which is parsed as the
    /// JSON text it holds. A failure lists the schema errors with their JSON Pointer locations.
    /// </summary>
    /// <typeparam name="TExpected">The type of the expected outputs, which are not used.</typeparam>
    /// <typeparam name="TActual">The output type.</typeparam>
    /// <param name="schema">The JSON schema (draft 2020-12 unless it says otherwise with <c>$schema</c>).</param>
    /// <param name="serializerOptions">How the output is written as JSON; defaults to <see cref="PromptTaskOptions.DefaultSerializerOptions"/> (camelCase, enums as strings).</param>
    /// <returns>The scorer, named <c>json-schema</c>.</returns>
    /// <exception cref="ArgumentException">The schema is not valid JSON or not a valid schema.</exception>
    public static IScorer<TExpected, TActual> JsonSchema<TExpected, TActual>(string schema, JsonSerializerOptions? serializerOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        return new JsonSchemaScorer<TExpected, TActual>(schema, serializerOptions ?? PromptTaskOptions.DefaultSerializerOptions);
    }

    /// <summary>
    /// Scores a set of items against the expected set by F1, the harmonic mean of precision (the share of output items
    /// that are expected) and recall (the share of expected items in the output); duplicates count once. Two empty sets
    /// score 1; one empty set and one not score 0.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="passThreshold">The lowest F1 that passes, above 0 and at most 1; 1 by default (the sets must be equal).</param>
    /// <param name="comparer">When two items are equal; <see cref="EqualityComparer{T}.Default"/> by default.</param>
    /// <returns>The scorer, named <c>set-f1</c>; its scores carry <c>precision</c>, <c>recall</c> and <c>f1</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passThreshold"/> is not above 0 and at most 1.</exception>
    public static IScorer<IEnumerable<T>, IEnumerable<T>> SetF1<T>(double passThreshold = 1.0, IEqualityComparer<T>? comparer = null)
    {
        if (double.IsNaN(passThreshold) || passThreshold is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(passThreshold), passThreshold, "The pass threshold of Scorers.SetF1 must be above 0 and at most 1.");
        }

        return new SetF1Scorer<T>(passThreshold, comparer ?? EqualityComparer<T>.Default);
    }

    /// <summary>A scorer that passes when <paramref name="passes"/> says so.</summary>
    /// <typeparam name="TExpected">The type of the expected output.</typeparam>
    /// <typeparam name="TActual">The output type.</typeparam>
    /// <param name="name">The scorer's name, recorded in the report.</param>
    /// <param name="passes">Whether an output passes.</param>
    /// <returns>The scorer.</returns>
    public static IScorer<TExpected, TActual> Custom<TExpected, TActual>(string name, Func<TExpected, TActual, bool> passes)
    {
        ArgumentNullException.ThrowIfNull(passes);
        return Custom<TExpected, TActual>(name, (expected, actual) => passes(expected, actual) ? Score.Pass() : Score.Fail());
    }

    /// <summary>A scorer made of a function that returns the score.</summary>
    /// <typeparam name="TExpected">The type of the expected output.</typeparam>
    /// <typeparam name="TActual">The output type.</typeparam>
    /// <param name="name">The scorer's name, recorded in the report.</param>
    /// <param name="score">The score of an output.</param>
    /// <returns>The scorer.</returns>
    public static IScorer<TExpected, TActual> Custom<TExpected, TActual>(string name, Func<TExpected, TActual, Score> score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return Custom<TExpected, TActual>(name, (expected, actual, _, _) => ValueTask.FromResult(score(expected, actual)));
    }

    /// <summary>A scorer made of an asynchronous function that sees the case (its input and tags) and the cancellation token.</summary>
    /// <typeparam name="TExpected">The type of the expected output.</typeparam>
    /// <typeparam name="TActual">The output type.</typeparam>
    /// <param name="name">The scorer's name, recorded in the report.</param>
    /// <param name="score">The score of an output. If it throws, the case is an error, not a crash of the evaluation.</param>
    /// <returns>The scorer.</returns>
    public static IScorer<TExpected, TActual> Custom<TExpected, TActual>(
        string name, Func<TExpected, TActual, ScoringContext, CancellationToken, ValueTask<Score>> score)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(score);
        return new CustomScorer<TExpected, TActual>(name, score);
    }

    /// <summary>
    /// An LLM judge: <paramref name="rubric"/> is rendered with the case (<c>{{$input}}</c>, <c>{{$expected}}</c>,
    /// <c>{{$actual}}</c>, <c>{{$caseId}}</c>; see <see cref="JudgeRequest"/>) and asked to a model whose reply is
    /// constrained to <c>{"reasoning": ..., "pass": true|false}</c> (or <c>"score": 1..5</c> with
    /// <see cref="JudgeScale.Grade"/>), parsed strictly, and repaired up to <see cref="PromptTaskOptions.MaxRepairs"/>
    /// times. A reply that never parses, or a model that cannot be asked, gives a <see cref="Score.FromError">score
    /// error</see>: an error in the report, never a pass.
    /// </summary>
    /// <typeparam name="TExpected">The type of the expected output.</typeparam>
    /// <typeparam name="TActual">The output type.</typeparam>
    /// <param name="rubric">The versioned rubric prompt. The reply format is appended to its system template.</param>
    /// <param name="configure">Sets the scale, the passing grade, the task name, and the model (see <see cref="LlmJudgeOptions"/>).</param>
    /// <returns>The scorer, named <c>llm-judge:&lt;rubric&gt;@&lt;version&gt;</c>.</returns>
    /// <exception cref="FlowDefinitionException">The rubric uses a variable that <see cref="JudgeRequest"/> does not provide, or the task name is not valid.</exception>
    public static LlmJudgeScorer<TExpected, TActual> LlmJudge<TExpected, TActual>(Prompt rubric, Action<LlmJudgeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        var options = new LlmJudgeOptions();
        configure?.Invoke(options);
        return new LlmJudgeScorer<TExpected, TActual>(rubric, options);
    }
}
