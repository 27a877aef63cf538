using System.Globalization;
using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>Passes when both texts are equal once normalised.</summary>
internal sealed class NormalizedTextScorer(NormalizedTextOptions options) : IScorer<string, string>
{
    public string Name => "normalized-text";

    public ValueTask<Score> ScoreAsync(string expected, string actual, ScoringContext context, CancellationToken cancellationToken = default)
    {
        if (actual is null)
        {
            return ValueTask.FromResult(Score.Fail("the output is null"));
        }

        var want = Normalize(expected, options);
        var got = Normalize(actual, options);
        return ValueTask.FromResult(string.Equals(want, got, StringComparison.Ordinal)
            ? Score.Pass()
            : Score.Fail($"normalised, expected {ScoreText.Show(want)}, got {ScoreText.Show(got)}"));
    }

    internal static string Normalize(string text, NormalizedTextOptions options)
    {
        if (options.Normalization is { } form)
        {
            text = text.Normalize(form);
        }

        if (options.IgnoreDiacritics)
        {
            var decomposed = text.Normalize(NormalizationForm.FormD);
            text = new string([.. decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]).Normalize(NormalizationForm.FormC);
        }

        if (options.IgnoreCase)
        {
            text = text.ToLowerInvariant();
        }

        if (options.IgnorePunctuation)
        {
            text = new string([.. text.Where(c => !char.IsPunctuation(c))]);
        }

        if (options.CollapseWhitespace)
        {
            text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }

        return text;
    }
}
