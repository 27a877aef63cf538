using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace AgentFlow.Evaluation;

/// <summary>Passes when the output matches a regular expression: the case's expected output, or one fixed pattern.</summary>
internal sealed class RegexScorer<TExpected> : IScorer<TExpected, string>
{
    private readonly Regex? _fixed;
    private readonly RegexOptions _options;
    private readonly TimeSpan _matchTimeout;
    private readonly ConcurrentDictionary<string, Regex> _compiled = new(StringComparer.Ordinal);

    /// <summary>A scorer whose expected outputs are the patterns.</summary>
    public RegexScorer(RegexOptions options, TimeSpan matchTimeout)
    {
        _options = options;
        _matchTimeout = matchTimeout;
    }

    /// <summary>A scorer with one pattern for every case; the expected outputs are not used.</summary>
    public RegexScorer(Regex pattern)
    {
        _fixed = pattern;
        _matchTimeout = pattern.MatchTimeout;
    }

    public string Name => "regex";

    public ValueTask<Score> ScoreAsync(TExpected expected, string actual, ScoringContext context, CancellationToken cancellationToken = default)
    {
        Regex pattern;
        if (_fixed is not null)
        {
            pattern = _fixed;
        }
        else
        {
            var text = expected as string ?? string.Empty;
            try
            {
                pattern = _compiled.GetOrAdd(text, static (p, self) => new Regex(p, self._options, self._matchTimeout), this);
            }
            catch (ArgumentException ex)
            {
                return ValueTask.FromResult(Score.FromError($"The expected pattern {ScoreText.Show(text)} is not a valid regular expression: {ex.Message}"));
            }
        }

        if (actual is null)
        {
            return ValueTask.FromResult(Score.Fail("the output is null"));
        }

        try
        {
            return ValueTask.FromResult(pattern.IsMatch(actual)
                ? Score.Pass()
                : Score.Fail($"{ScoreText.Show(actual)} does not match /{pattern}/"));
        }
        catch (RegexMatchTimeoutException)
        {
            return ValueTask.FromResult(Score.FromError($"Matching /{pattern}/ took longer than {_matchTimeout.TotalMilliseconds} ms; simplify the pattern or raise the match timeout."));
        }
    }
}
