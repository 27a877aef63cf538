using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>A sub-task whose expected results are <typeparamref name="TExpected"/> and whose output the scorer reads as <typeparamref name="TOut"/>.</summary>
/// <typeparam name="TExpected">The type of the expected results.</typeparam>
/// <typeparam name="TOut">The type the scorer scores.</typeparam>
/// <remarks>Make one with <see cref="SubTask.At{TExpected, TOut}"/>.</remarks>
public sealed class SubTask<TExpected, TOut> : SubTask
{
    internal SubTask(string path, IScorer<TExpected, TOut> scorer)
        : base(path, scorer.Name, typeof(TExpected), typeof(TOut))
    {
        Scorer = scorer;
    }

    /// <summary>Gets the scorer that compares the node's output with the expected result.</summary>
    public IScorer<TExpected, TOut> Scorer { get; }

    internal override bool TryReadExpected<TIn, TCaseExpected>(CaseReader<TIn, TCaseExpected> reader, JsonElement json, string field, int line, out object expected)
    {
        var read = reader.TryRead(() => json.Deserialize<TExpected>(reader.SerializerOptions), field, line, out TExpected value);
        expected = value!;
        return read;
    }

    internal override bool Accepts(object? output) => output is TOut || (output is null && default(TOut) is null);

    internal override ValueTask<Score> ScoreAsync(object expected, object? actual, ScoringContext context, CancellationToken cancellationToken)
        => Scorer.ScoreAsync((TExpected)expected, (TOut)actual!, context, cancellationToken);
}
