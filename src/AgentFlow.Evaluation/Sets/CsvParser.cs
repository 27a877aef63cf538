using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// Splits RFC 4180 CSV into records: fields separated by commas, a field in double quotes may hold commas, line breaks
/// and doubled quotes (<c>""</c>); records end at CRLF, LF or CR. Each record keeps the line it starts on. Blank lines are
/// skipped.
/// </summary>
internal static class CsvParser
{
    /// <summary>One record: the 1-based line it starts on, and its fields, unquoted.</summary>
    public readonly record struct Record(int Line, IReadOnlyList<string> Fields);

    /// <summary>Parses the whole text; a record with a syntax error is reported through <paramref name="error"/> and left out.</summary>
    public static List<Record> Parse(string text, Action<int, string> error)
    {
        List<Record> records = [];
        List<string> fields = [];
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var broken = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        if (i == text.Length)
        {
            return records;
        }

        while (true)
        {
            // The start of a field.
            var quoted = i < text.Length && text[i] == '"';
            if (quoted)
            {
                var openedOn = line;
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var c = text[i];
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        closed = true;
                        break;
                    }

                    if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                    {
                        line++;
                    }

                    field.Append(c);
                    i++;
                }

                if (!closed)
                {
                    error(openedOn, "A quoted field is never closed: a '\"' is missing. Inside quotes, write a quote as two quotes (\"\").");
                    return records;
                }

                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    error(line, "Text follows a closing quote. Quote the whole field, and write a quote inside it as two quotes (\"\").");
                    broken = true;
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        i++;
                    }
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    if (text[i] == '"' && !broken)
                    {
                        error(line, "A quote inside a field that does not start with one. Quote the whole field, and write the quote as two quotes (\"\").");
                        broken = true;
                    }

                    field.Append(text[i]);
                    i++;
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            // The end of a record: a line break or the end of the text.
            var blank = fields.Count == 1 && fields[0].Length == 0 && !quoted;
            if (!broken && !blank)
            {
                records.Add(new Record(recordLine, fields.ToArray()));
            }

            fields.Clear();
            broken = false;
            if (i >= text.Length)
            {
                return records;
            }

            i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
            line++;
            recordLine = line;
            if (i >= text.Length)
            {
                return records;
            }
        }
    }
}
