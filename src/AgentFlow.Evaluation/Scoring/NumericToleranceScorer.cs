using System.Globalization;
using System.Numerics;

namespace AgentFlow.Evaluation;

/// <summary>Passes when the output is within an absolute or a relative distance of the expected number.</summary>
internal sealed class NumericToleranceScorer<T>(double absolute, double relative) : IScorer<T, T>
    where T : INumberBase<T>
{
    public string Name => "numeric-tolerance";

    public ValueTask<Score> ScoreAsync(T expected, T actual, ScoringContext context, CancellationToken cancellationToken = default)
    {
        if (actual is null)
        {
            return ValueTask.FromResult(Score.Fail("the output is null"));
        }

        var want = double.CreateSaturating(expected);
        var got = double.CreateSaturating(actual);
        var difference = Math.Abs(got - want);
        var allowed = Math.Max(absolute, relative * Math.Abs(want));
        var inv = CultureInfo.InvariantCulture;
        if (double.IsNaN(difference))
        {
            return ValueTask.FromResult(Score.Fail(string.Create(inv, $"expected {want}, got {got}: not comparable")));
        }

        var metrics = new Dictionary<string, double> { ["difference"] = difference };
        return ValueTask.FromResult(difference <= allowed
            ? Score.Of(1, true, string.Create(inv, $"{got} is within {allowed} of {want}"), metrics)
            : Score.Of(0, false, string.Create(inv, $"expected {want} ± {allowed}, got {got} (off by {difference})"), metrics));
    }
}
