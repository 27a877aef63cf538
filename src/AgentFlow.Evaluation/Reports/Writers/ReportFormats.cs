namespace AgentFlow.Evaluation;

/// <summary>
/// The files <see cref="EvalReportWriter.WriteAsync"/> writes for a report, and <see cref="EvalComparisonWriter.WriteAsync"/>
/// for a comparison; combine them with <c>|</c>.
/// </summary>
[Flags]
public enum ReportFormats
{
    /// <summary>No file.</summary>
    None = 0,

    /// <summary>A Markdown summary (<c>.md</c>): labels, the numbers overall and per tag, the failed and error cases.</summary>
    Markdown = 1,

    /// <summary>The whole report as JSON (<c>.json</c>), which <c>EvalReport.FromJson</c> reads back.</summary>
    Json = 2,

    /// <summary>A self-contained HTML page (<c>.html</c>) with charts and every case.</summary>
    Html = 4,

    /// <summary>JUnit XML (<c>.junit.xml</c>) for CI test reports: one test case per case.</summary>
    JUnit = 8,

    /// <summary>All four.</summary>
    All = Markdown | Json | Html | JUnit,
}
