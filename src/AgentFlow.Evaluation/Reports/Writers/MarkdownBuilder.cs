using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// Writes GitHub-flavoured Markdown: headings, bullets, tables whose cells are escaped so that no value can break the
/// table or turn into markup (a pipe, a line break, <c>&lt;script&gt;</c>, <c>*</c> or <c>_</c> stay text), and values
/// cut short past a limit. The building block of the report's Markdown, and of any later Markdown page.
/// </summary>
internal sealed class MarkdownBuilder(int maxValueLength)
{
    private readonly StringBuilder _text = new();

    /// <summary>Gets a value indicating whether some value was cut short, so the page should say so.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Text escaped for Markdown: characters with inline meaning backslash-escaped, line breaks as <c>&lt;br&gt;</c>.</summary>
    public static string Escape(string text)
    {
        text = ReportText.Printable(text);
        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    result.Append("<br>");
                    break;
                case '\n':
                    result.Append("<br>");
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '&' or '#' or '!' or '$':
                    result.Append('\\').Append(c);
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// Text as inline code, for identifiers such as hashes and node paths; escaped text instead when it holds a backtick
    /// or a line break, which a code span cannot show. Pipes are escaped, as tables need even inside code.
    /// </summary>
    public static string Code(string text)
        => text.Length == 0 || text.Contains('`', StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal)
            ? Escape(text)
            : "`" + ReportText.Printable(text).Replace("|", "\\|", StringComparison.Ordinal) + "`";

    /// <summary>A value, cut to the page's limit, then escaped.</summary>
    public string Value(string text)
    {
        var shown = ReportText.Truncate(text, maxValueLength, out var truncated);
        Truncated |= truncated;
        return Escape(shown);
    }

    /// <summary>A heading of the given level; <paramref name="text"/> is escaped.</summary>
    public MarkdownBuilder Heading(int level, string text)
    {
        _text.Append('#', level).Append(' ').Append(Escape(text)).Append("\n\n");
        return this;
    }

    /// <summary>A paragraph of Markdown, written as it is.</summary>
    public MarkdownBuilder Paragraph(string markdown)
    {
        _text.Append(markdown).Append("\n\n");
        return this;
    }

    /// <summary>A bulleted list of Markdown items, written as they are.</summary>
    public MarkdownBuilder Bullets(IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            _text.Append("- ").Append(item).Append('\n');
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>A table; headers are escaped, cells are Markdown written as they are (escape values with <see cref="Value"/>).</summary>
    public MarkdownBuilder Table(IReadOnlyList<MarkdownColumn> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        _text.Append('|');
        foreach (var column in columns)
        {
            _text.Append(' ').Append(Escape(column.Header)).Append(" |");
        }

        _text.Append("\n|");
        foreach (var column in columns)
        {
            _text.Append(column.AlignRight ? " ---: |" : " --- |");
        }

        _text.Append('\n');
        foreach (var row in rows)
        {
            _text.Append('|');
            foreach (var cell in row)
            {
                _text.Append(' ').Append(cell.Length == 0 ? " " : cell).Append(" |");
            }

            _text.Append('\n');
        }

        _text.Append('\n');
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString().TrimEnd('\n') + "\n";
}
