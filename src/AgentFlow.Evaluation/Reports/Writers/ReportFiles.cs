namespace AgentFlow.Evaluation;

/// <summary>Writes the files of a report, a comparison or an analysis: the formats asked for, in a fixed order.</summary>
internal static class ReportFiles
{
    private static readonly ReportFormats[] Order = [ReportFormats.Markdown, ReportFormats.Json, ReportFormats.Html, ReportFormats.JUnit];

    /// <summary>Refuses no format, or a flag that is not a format.</summary>
    public static void CheckFormats(ReportFormats formats)
    {
        if (formats == ReportFormats.None || (formats & ~ReportFormats.All) != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(formats),
                formats,
                "Give one or more of ReportFormats.Markdown, Json, Html and JUnit, combined with |, or ReportFormats.All.");
        }
    }

    /// <summary>Writes <c>{baseName}.md</c>, <c>.json</c>, <c>.html</c> and <c>.junit.xml</c>, those asked for, in that order, into <paramref name="directory"/> (made if missing).</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        string directory, string baseName, ReportFormats formats, Func<ReportFormats, byte[]> content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        List<string> written = [];
        foreach (var format in Order)
        {
            if (!formats.HasFlag(format))
            {
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(directory, ReportFileNames.Of(baseName, format)));
            await File.WriteAllBytesAsync(path, content(format), cancellationToken).ConfigureAwait(false);
            written.Add(path);
        }

        return written.AsReadOnly();
    }
}
