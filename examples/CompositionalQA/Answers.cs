using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AgentFlow.Evaluation;

namespace CompositionalQA;

/// <summary>How answers are scored: an answer is right when it mentions the expected value as whole words, whatever the case, accents and punctuation.</summary>
public static partial class Answers
{
    /// <summary>Gets the scorer of final answers: <c>"The calling code is +254."</c> passes for <c>+254</c>, <c>+2541</c> does not.</summary>
    public static IScorer<string, string> Mentions { get; } = Scorers.Custom<string, string>("mentions", Score);

    /// <summary>Scores an answer: a pass when it mentions the expected value, else a failure that says what it said.</summary>
    /// <param name="expected">The expected value.</param>
    /// <param name="answer">The answer.</param>
    /// <returns>The score.</returns>
    public static Score Score(string expected, string? answer)
        => Said(answer, expected) ? AgentFlow.Evaluation.Score.Pass() : AgentFlow.Evaluation.Score.Fail($"\"{answer}\" does not mention \"{expected}\"");

    /// <summary>Whether <paramref name="answer"/> holds the words of <paramref name="expected"/>, in order and next to each other.</summary>
    /// <param name="answer">The answer.</param>
    /// <param name="expected">The expected value.</param>
    /// <returns>Whether it does.</returns>
    public static bool Said(string? answer, string expected)
    {
        var said = Words(answer ?? string.Empty);
        var wanted = Words(expected);
        if (wanted.Length == 0)
        {
            return false;
        }

        for (var i = 0; i + wanted.Length <= said.Length; i++)
        {
            if (said.AsSpan(i, wanted.Length).SequenceEqual(wanted))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Words(string text)
    {
        var plain = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(char.ToLowerInvariant(c));
            }
        }

        return [.. Word().Matches(plain.ToString()).Select(m => m.Value)];
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
