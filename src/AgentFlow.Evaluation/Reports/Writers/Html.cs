using System.Globalization;
using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// Encoding for HTML and SVG text and attributes, and the numbers SVG coordinates are written with. Every piece of
/// report data goes through <see cref="Encode"/>, so a value holding <c>&lt;script&gt;</c> shows as text.
/// </summary>
internal static class Html
{
    /// <summary>Text or an attribute value with <c>&amp; &lt; &gt; " '</c> encoded and unprintable characters made visible.</summary>
    public static string Encode(string text)
    {
        text = ReportText.Printable(text);
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            result.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return result.ToString();
    }

    /// <summary>A coordinate with at most one decimal, invariant: <c>12.5</c>.</summary>
    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
