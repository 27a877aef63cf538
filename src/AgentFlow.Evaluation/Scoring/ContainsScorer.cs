namespace AgentFlow.Evaluation;

/// <summary>Passes when the output contains the expected text.</summary>
internal sealed class ContainsScorer(StringComparison comparison) : IScorer<string, string>
{
    public string Name => "contains";

    public ValueTask<Score> ScoreAsync(string expected, string actual, ScoringContext context, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(actual is not null && actual.Contains(expected, comparison)
            ? Score.Pass()
            : Score.Fail($"{ScoreText.Show(actual)} does not contain {ScoreText.Show(expected)}"));
}
