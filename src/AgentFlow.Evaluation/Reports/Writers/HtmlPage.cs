using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// A self-contained HTML page under construction: the document shell with the inline stylesheet, and the pieces report
/// pages share (label lists, cards, outcome badges, values cut to a limit). Every text given is encoded here; markup
/// is only what the page adds. The building block of the report page, and of any later page (such as a comparison).
/// </summary>
internal sealed class HtmlPage(int maxValueLength)
{
    private readonly StringBuilder _body = new();

    /// <summary>Gets a value indicating whether some value was cut short, so the page should say so.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Adds markup as it is.</summary>
    public HtmlPage Raw(string html)
    {
        _body.Append(html);
        return this;
    }

    /// <summary>A value cut to the page's limit, encoded, in a <c>&lt;pre&gt;</c> that keeps its line breaks.</summary>
    public string Value(string text)
    {
        var shown = ReportText.Truncate(text, maxValueLength, out var truncated);
        Truncated |= truncated;
        return $"<pre class=\"value\">{Html.Encode(shown)}</pre>";
    }

    /// <summary>A text cut to the page's limit, then encoded.</summary>
    public string Text(string text)
    {
        var shown = ReportText.Truncate(text, maxValueLength, out var truncated);
        Truncated |= truncated;
        return Html.Encode(shown);
    }

    /// <summary>A list of labelled facts, each value already HTML.</summary>
    public static string Facts(IEnumerable<(string Label, string Html)> facts)
        => "<dl class=\"meta\">" + string.Concat(facts.Select(f => $"<div><dt>{Html.Encode(f.Label)}</dt><dd>{f.Html}</dd></div>")) + "</dl>";

    /// <summary>A summary card: a label, a big value, a detail line and optional extra markup (a chart strip).</summary>
    public static string Card(string label, string value, string detail, string? extraHtml = null, string? cssClass = null)
        => $"<div class=\"card{(cssClass is null ? string.Empty : " " + cssClass)}\"><div class=\"label\">{Html.Encode(label)}</div><div class=\"value\">{Html.Encode(value)}</div><div class=\"detail\">{Html.Encode(detail)}</div>{extraHtml}</div>";

    /// <summary>An outcome as a badge with a symbol and a word, so it reads without colour: ✓ passed, ✗ failed, ⚠ error.</summary>
    public static string Badge(CaseOutcome outcome)
        => $"<span class=\"badge {ReportText.Outcome(outcome)}\">{Symbol(outcome)} {ReportText.Outcome(outcome)}</span>";

    /// <summary>The symbol of an outcome.</summary>
    public static string Symbol(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Passed => "✓",
        CaseOutcome.Failed => "✗",
        _ => "⚠",
    };

    /// <summary>Text as inline code.</summary>
    public static string Code(string text) => $"<code>{Html.Encode(text)}</code>";

    /// <summary>Texts as chips.</summary>
    public static string Chips(IEnumerable<string> texts) => string.Concat(texts.Select(t => $"<span class=\"chip\">{Html.Encode(t)}</span>"));

    /// <summary>A legend of the outcome colours and patterns.</summary>
    public static string OutcomeLegend()
        => "<ul class=\"legend\"><li><span class=\"swatch passed\"></span>✓ passed</li><li><span class=\"swatch failed\"></span>✗ failed</li><li><span class=\"swatch error\"></span>⚠ error (hatched)</li></ul>";

    /// <summary>The whole document: the shell, the stylesheet (and the page's own rules after it), and the body added so far.</summary>
    public string ToDocument(string title, string? extraStyles = null)
        => "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           + "<meta name=\"generator\" content=\"AgentFlow.Evaluation\">\n"
           + $"<title>{Html.Encode(title)}</title>\n<style>\n{HtmlStyles.Sheet}\n{(extraStyles is null ? string.Empty : extraStyles + "\n")}</style>\n</head>\n<body>\n<div class=\"page\">\n{_body}</div>\n</body>\n</html>\n";
}
