using System.Globalization;

namespace AgentFlow.Evaluation;

/// <summary>Scores a set of items by F1 against the expected set, and passes at a threshold.</summary>
internal sealed class SetF1Scorer<T>(double passThreshold, IEqualityComparer<T> comparer) : IScorer<IEnumerable<T>, IEnumerable<T>>
{
    public string Name => "set-f1";

    public ValueTask<Score> ScoreAsync(IEnumerable<T> expected, IEnumerable<T> actual, ScoringContext context, CancellationToken cancellationToken = default)
    {
        if (actual is null)
        {
            return ValueTask.FromResult(Score.Fail("the output is null"));
        }

        var want = new HashSet<T>(expected, comparer);
        var got = new HashSet<T>(actual, comparer);
        double precision, recall, f1;
        if (want.Count == 0 && got.Count == 0)
        {
            (precision, recall, f1) = (1, 1, 1);
        }
        else
        {
            var hits = got.Count(want.Contains);
            precision = got.Count == 0 ? 0 : hits / (double)got.Count;
            recall = want.Count == 0 ? 0 : hits / (double)want.Count;
            f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }

        var missing = want.Where(w => !got.Contains(w)).Select(x => ScoreText.Show(x)).ToArray();
        var extra = got.Where(g => !want.Contains(g)).Select(x => ScoreText.Show(x)).ToArray();
        var reason = string.Create(CultureInfo.InvariantCulture, $"precision {precision:0.###}, recall {recall:0.###}, F1 {f1:0.###}")
            + (missing.Length > 0 ? $"; missing {string.Join(", ", missing)}" : string.Empty)
            + (extra.Length > 0 ? $"; unexpected {string.Join(", ", extra)}" : string.Empty);
        var metrics = new Dictionary<string, double> { ["precision"] = precision, ["recall"] = recall, ["f1"] = f1 };
        return ValueTask.FromResult(Score.Of(f1, f1 >= passThreshold, reason, metrics));
    }
}
