using System.Globalization;
using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// A unified line diff (the format of <c>diff -u</c> and <c>git diff</c>): a longest common subsequence of the lines,
/// shown as hunks of removed (<c>-</c>) and added (<c>+</c>) lines with up to three unchanged lines of context.
/// </summary>
internal static class LineDiff
{
    /// <summary>The most cells of the LCS table; past it, the differing middle is shown as removed, then added.</summary>
    private const int MaxTableCells = 4_000_000;

    private const int Context = 3;

    /// <summary>Splits a text into lines at <c>\n</c> after normalising CRLF; <see langword="null"/> and empty text have no line.</summary>
    public static IReadOnlyList<string> Lines(string? text)
        => string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    /// <summary>
    /// The unified diff from <paramref name="before"/> to <paramref name="after"/>, with <c>---</c> and <c>+++</c> headers,
    /// LF line ends and no final line end; empty when the lines are equal.
    /// </summary>
    public static string Unified(IReadOnlyList<string> before, IReadOnlyList<string> after, string beforeLabel, string afterLabel)
    {
        var edits = Edits(before, after);
        if (edits.All(e => e.Op == ' '))
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.Append("--- ").Append(beforeLabel).Append('\n').Append("+++ ").Append(afterLabel);
        foreach (var (start, end) in Hunks(edits))
        {
            var oldStart = edits[start].Before;
            var newStart = edits[start].After;
            var oldCount = 0;
            var newCount = 0;
            for (var i = start; i < end; i++)
            {
                oldCount += edits[i].Op == '+' ? 0 : 1;
                newCount += edits[i].Op == '-' ? 0 : 1;
            }

            text.Append('\n').Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@");
            for (var i = start; i < end; i++)
            {
                text.Append('\n').Append(edits[i].Op).Append(edits[i].Line);
            }
        }

        return text.ToString();
    }

    /// <summary>A hunk's range as <c>diff -u</c> writes it: the first line (from 1) and the count, the count left out when 1, and the line before an empty range.</summary>
    private static string Range(int start, int count) => count switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{start},0"),
        1 => (start + 1).ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{start + 1},{count}"),
    };

    /// <summary>The ranges of edits shown as hunks: each change with up to <see cref="Context"/> unchanged lines around it, close changes merged.</summary>
    private static List<(int Start, int End)> Hunks(List<Edit> edits)
    {
        List<(int Start, int End)> hunks = [];
        for (var i = 0; i < edits.Count; i++)
        {
            if (edits[i].Op == ' ')
            {
                continue;
            }

            var start = Math.Max(0, i - Context);
            var last = i;
            while (last + 1 < edits.Count)
            {
                // The next change joins this hunk when the unchanged lines between them are at most twice the context.
                var next = last + 1;
                while (next < edits.Count && edits[next].Op == ' ')
                {
                    next++;
                }

                if (next == edits.Count || next - last - 1 > 2 * Context)
                {
                    break;
                }

                last = next;
            }

            var end = Math.Min(edits.Count, last + 1 + Context);
            hunks.Add((start, end));
            i = end - 1;
        }

        return hunks;
    }

    /// <summary>The edit script: every line of both texts in order, unchanged (' '), removed ('-') or added ('+'), with the indices (from 0) it has in each.</summary>
    private static List<Edit> Edits(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var prefix = 0;
        while (prefix < before.Count && prefix < after.Count && string.Equals(before[prefix], after[prefix], StringComparison.Ordinal))
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < before.Count - prefix && suffix < after.Count - prefix
               && string.Equals(before[before.Count - 1 - suffix], after[after.Count - 1 - suffix], StringComparison.Ordinal))
        {
            suffix++;
        }

        List<Edit> edits = [];
        for (var i = 0; i < prefix; i++)
        {
            edits.Add(new Edit(' ', before[i], i, i));
        }

        var n = before.Count - prefix - suffix;
        var m = after.Count - prefix - suffix;
        if ((long)(n + 1) * (m + 1) > MaxTableCells)
        {
            for (var i = 0; i < n; i++)
            {
                edits.Add(new Edit('-', before[prefix + i], prefix + i, prefix));
            }

            for (var j = 0; j < m; j++)
            {
                edits.Add(new Edit('+', after[prefix + j], prefix + n, prefix + j));
            }
        }
        else
        {
            Middle(before, after, prefix, n, m, edits);
        }

        for (var k = 0; k < suffix; k++)
        {
            edits.Add(new Edit(' ', before[prefix + n + k], prefix + n + k, prefix + m + k));
        }

        return edits;
    }

    /// <summary>The edits of the differing middle, from a table of the longest common subsequence of every pair of suffixes.</summary>
    private static void Middle(IReadOnlyList<string> before, IReadOnlyList<string> after, int offset, int n, int m, List<Edit> edits)
    {
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = string.Equals(before[offset + i], after[offset + j], StringComparison.Ordinal)
                    ? lcs[i + 1, j + 1] + 1
                    : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var (x, y) = (0, 0);
        while (x < n || y < m)
        {
            if (x < n && y < m && string.Equals(before[offset + x], after[offset + y], StringComparison.Ordinal))
            {
                edits.Add(new Edit(' ', before[offset + x], offset + x, offset + y));
                x++;
                y++;
            }
            else if (y < m && (x == n || lcs[x, y + 1] > lcs[x + 1, y]))
            {
                edits.Add(new Edit('+', after[offset + y], offset + x, offset + y));
                y++;
            }
            else
            {
                // Removals come before additions at the same place, as diff -u shows them.
                edits.Add(new Edit('-', before[offset + x], offset + x, offset + y));
                x++;
            }
        }
    }

    /// <summary>One line of the edit script and where it is (or would be) in each text.</summary>
    private readonly record struct Edit(char Op, string Line, int Before, int After);
}
