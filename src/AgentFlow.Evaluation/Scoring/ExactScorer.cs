namespace AgentFlow.Evaluation;

/// <summary>Passes when the output equals the expected output by a comparer.</summary>
internal sealed class ExactScorer<T>(IEqualityComparer<T> comparer) : IScorer<T, T>
{
    public string Name => "exact";

    public ValueTask<Score> ScoreAsync(T expected, T actual, ScoringContext context, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(comparer.Equals(expected, actual)
            ? Score.Pass()
            : Score.Fail($"expected {ScoreText.Show(expected)}, got {ScoreText.Show(actual)}"));
}
