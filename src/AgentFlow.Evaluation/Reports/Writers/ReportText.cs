using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>
/// How report files write numbers, times and values: invariant culture, one rule per kind of number, so that a report
/// always gives the same text. Shared by the Markdown, HTML and JUnit writers (and any later page, such as a comparison).
/// </summary>
internal static class ReportText
{
    /// <summary>The ellipsis that ends a value cut short.</summary>
    public const string Ellipsis = "…";

    /// <summary>Written where there is no value, such as the cost when no call was priced.</summary>
    public const string None = "—";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly JsonWriterOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>A proportion as a percentage with one decimal: <c>66.7%</c>.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", Invariant) + "%";

    /// <summary>An interval as percentages: <c>20.8–93.9%</c>.</summary>
    public static string Range(ConfidenceInterval interval)
        => (interval.Lower * 100).ToString("0.0", Invariant) + "–" + (interval.Upper * 100).ToString("0.0", Invariant) + "%";

    /// <summary>An accuracy with its interval: <c>66.7% (95% CI 20.8–93.9%)</c>.</summary>
    public static string Accuracy(EvalSummary summary)
        => $"{Percent(summary.Accuracy)} ({Level(summary.AccuracyInterval)} CI {Range(summary.AccuracyInterval)})";

    /// <summary>A confidence level: <c>95%</c>.</summary>
    public static string Level(ConfidenceInterval interval) => (interval.Level * 100).ToString("0.##", Invariant) + "%";

    /// <summary>A score value with up to three decimals: <c>0.667</c>, <c>1</c>.</summary>
    public static string Score(double value) => value.ToString("0.###", Invariant);

    /// <summary>A whole number with thousands separators: <c>12,345</c>.</summary>
    public static string Count(long value) => value.ToString("#,0", Invariant);

    /// <summary>A cost with two to six decimals, in the price table's currency: <c>0.36</c>, <c>0.000125</c>; <see cref="None"/> when nothing was priced.</summary>
    public static string Cost(decimal? value) => value is { } cost ? cost.ToString("#,0.00####", Invariant) : None;

    /// <summary>
    /// A latency: under 10 ms with up to two decimals (<c>0.25 ms</c>), under a second in whole milliseconds
    /// (<c>87 ms</c>), under 100 seconds in seconds with two decimals (<c>1.25 s</c>), under 100 minutes in minutes with
    /// one decimal (<c>5.2 min</c>), then in hours with one decimal (<c>1.7 h</c>).
    /// </summary>
    public static string Latency(TimeSpan value)
    {
        var ms = value.TotalMilliseconds;
        return ms switch
        {
            < 10 => ms.ToString("0.##", Invariant) + " ms",
            < 1000 => ms.ToString("0", Invariant) + " ms",
            < 100_000 => value.TotalSeconds.ToString("0.00", Invariant) + " s",
            < 6_000_000 => value.TotalMinutes.ToString("0.0", Invariant) + " min",
            _ => value.TotalHours.ToString("#,0.0", Invariant) + " h",
        };
    }

    /// <summary>Seconds with three decimals, as JUnit's <c>time</c> attribute has them: <c>0.031</c>.</summary>
    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.000", Invariant);

    /// <summary>A number as written in machine-read places (JUnit properties): the shortest text that reads back as the same value.</summary>
    public static string Number(double value) => value.ToString("R", Invariant);

    /// <summary>The report's timestamp in UTC: <c>2026-11-26 09:00:00 UTC</c>.</summary>
    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant);

    /// <summary>The first 12 characters of a hash, enough to tell versions apart at a glance.</summary>
    public static string ShortHash(string hash) => hash.Length > 12 ? hash[..12] : hash;

    /// <summary>Tokens in and out: <c>1,200 in / 80 out</c>, marked when some were estimated.</summary>
    public static string Tokens(long input, long output, bool estimated)
        => $"{Count(input)} in / {Count(output)} out{(estimated ? " (some estimated)" : string.Empty)}";

    /// <summary>
    /// A JSON snapshot as a person reads it: a string as its text, anything else as compact JSON (whatever the
    /// whitespace of the file it was read from, so a report read back from JSON gives the same text); empty for none.
    /// </summary>
    public static string Value(JsonElement? value)
    {
        if (value is not { } element)
        {
            return string.Empty;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString()!;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, CompactJson))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="max"/> characters, the last being <see cref="Ellipsis"/>,
    /// never splitting a surrogate pair; <paramref name="truncated"/> says whether it was cut.
    /// </summary>
    public static string Truncate(string text, int max, out bool truncated)
    {
        truncated = text.Length > max;
        if (!truncated)
        {
            return text;
        }

        var keep = max - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), Ellipsis);
    }

    /// <summary>
    /// <paramref name="text"/> with what no text file should hold made visible: control characters other than tab and
    /// line breaks as <c>\u0001</c>, and unpaired surrogates as U+FFFD. XML cannot hold either.
    /// </summary>
    public static string Printable(string text)
    {
        if (!NeedsCleaning(text))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                result.Append('\uFFFD');
            }
            else if (IsControl(c))
            {
                result.Append(Invariant, $"\\u{(int)c:X4}");
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>A case's outcome as one word: <c>passed</c>, <c>failed</c>, <c>error</c>.</summary>
    public static string Outcome(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Passed => "passed",
        CaseOutcome.Failed => "failed",
        _ => "error",
    };

    /// <summary>An error's kind as words: <c>task failed</c>, <c>timed out</c>, <c>scorer failed</c>.</summary>
    public static string Kind(CaseErrorKind kind) => kind switch
    {
        CaseErrorKind.TaskFailed => "task failed",
        CaseErrorKind.TimedOut => "timed out",
        CaseErrorKind.ScorerFailed => "scorer failed",
        _ => kind.ToString(),
    };

    /// <summary>Why a case did not pass: its error's message with the exception type, or the score's reason.</summary>
    public static string Reason(CaseResult result)
    {
        if (result.Error is { } error)
        {
            var type = error.ExceptionType is null ? string.Empty
                : error.InnerExceptionType is null ? $" ({error.ExceptionType})"
                : $" ({error.ExceptionType} wrapping {error.InnerExceptionType})";
            return error.Message + type;
        }

        return result.Score?.Reason ?? string.Empty;
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
        {
            if (IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsControl(char c) => (c < ' ' && c is not ('\t' or '\n' or '\r')) || c == '\u007F';
}
