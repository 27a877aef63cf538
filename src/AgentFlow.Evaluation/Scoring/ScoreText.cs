using System.Globalization;

namespace AgentFlow.Evaluation;

/// <summary>Short renderings of values for a score's reason: strings quoted, long values cut.</summary>
internal static class ScoreText
{
    private const int MaxLength = 200;

    public static string Show(object? value)
    {
        var text = value switch
        {
            null => "null",
            string s => $"\"{s}\"",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? value.GetType().Name,
        };
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "...");
    }
}
