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
        return safe.Length == 0 ? fallback : AvoidReserved(safe);
    }

    /// <summary>The name, with <c>-report</c> added when Windows reserves it for a device.</summary>
    public static string AvoidReserved(string name) => IsReservedOnWindows(name) ? name + "-report" : name;

    /// <summary>Names Windows reserves for devices, whatever the extension: CON, PRN, AUX, NUL, COM1-9 and LPT1-9.</summary>
    private static bool IsReservedOnWindows(string name)
    {
        var stem = name.Split('.')[0].TrimEnd(' ').ToUpperInvariant();
        return stem is "CON" or "PRN" or "AUX" or "NUL"
            || (stem.Length == 4 && (stem.StartsWith("COM", StringComparison.Ordinal) || stem.StartsWith("LPT", StringComparison.Ordinal)) && stem[3] is >= '1' and <= '9');
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
