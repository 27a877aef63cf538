namespace AgentFlow.Evaluation;

/// <summary>The names of report files: the same on every operating system, whatever the report is called.</summary>
internal static class ReportFileNames
{
    public const string NotAllowedDescription = "< > : \" / \\ | ? * and control characters";

    public static string BaseName(EvalReport report, ReportFileOptions options) => BaseName(report.Name, "eval-report", options);

    /// <summary>The options' file name, or <paramref name="name"/> made safe, or <paramref name="fallback"/> when nothing of it is left.</summary>
    public static string BaseName(string name, string fallback, ReportFileOptions options)
    {
        if (options.FileName is { } fileName)
        {
            return fileName;
        }

        // The characters Windows refuses are a superset of what Linux and macOS refuse, so one rule gives the same name everywhere.
        var safe = new string([.. name.Select(c => IsNotAllowed(c) ? '-' : c)]).Trim('.', ' ');
        return safe.Length == 0 ? fallback : safe;
    }

    public static string Of(string baseName, ReportFormats format) => format switch
    {
        ReportFormats.Markdown => baseName + ".md",
        ReportFormats.Json => baseName + ".json",
        ReportFormats.Html => baseName + ".html",
        ReportFormats.JUnit => baseName + ".junit.xml",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "One format at a time."),
    };

    public static bool IsNotAllowed(char c) => c < ' ' || c is '<' or '>' or ':' or '"' or '/' or '\\' or '|' or '?' or '*';
}
