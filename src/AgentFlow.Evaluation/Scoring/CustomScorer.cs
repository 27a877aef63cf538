namespace AgentFlow.Evaluation;

/// <summary>A scorer made of a delegate.</summary>
internal sealed class CustomScorer<TExpected, TActual>(
    string name, Func<TExpected, TActual, ScoringContext, CancellationToken, ValueTask<Score>> score) : IScorer<TExpected, TActual>
{
    public string Name => name;

    public async ValueTask<Score> ScoreAsync(TExpected expected, TActual actual, ScoringContext context, CancellationToken cancellationToken = default)
        => await score(expected, actual, context, cancellationToken).ConfigureAwait(false)
           ?? Score.FromError($"The scorer '{name}' returned no score (null).");
}
