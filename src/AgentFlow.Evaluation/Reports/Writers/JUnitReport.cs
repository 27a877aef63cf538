using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AgentFlow.Evaluation;

/// <summary>
/// Writes an <see cref="EvalReport"/> as JUnit XML, in the common shape Jenkins, GitLab and Azure DevOps read:
/// <c>&lt;testsuites&gt;</c> holding one <c>&lt;testsuite&gt;</c> named after the report, its labels and numbers as
/// <c>&lt;properties&gt;</c>, and a <c>&lt;testcase&gt;</c> per case whose <c>classname</c> is the task's name, whose
/// <c>name</c> is the case's id and whose <c>time</c> is its latency in seconds; a failed case has a
/// <c>&lt;failure&gt;</c> (message: the score's reason), an error case an <c>&lt;error&gt;</c> (type: the exception's).
/// </summary>
internal static class JUnitReport
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
    };

    public static byte[] WriteBytes(EvalReport report)
    {
        var summary = report.Summary;
        var time = ReportText.Seconds(report.Duration);
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", Clean(report.Name)),
            new XAttribute("tests", summary.Cases),
            new XAttribute("failures", summary.Failed),
            new XAttribute("errors", summary.Errors),
            new XAttribute("skipped", 0),
            new XAttribute("time", time),
            new XAttribute("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties", Properties(report).Select(p => new XElement("property", new XAttribute("name", Clean(p.Name)), new XAttribute("value", Clean(p.Value))))),
            report.Cases.Select(c => TestCase(report, c)));
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                "testsuites",
                new XAttribute("name", Clean(report.Name)),
                new XAttribute("tests", summary.Cases),
                new XAttribute("failures", summary.Failed),
                new XAttribute("errors", summary.Errors),
                new XAttribute("time", time),
                suite));

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            document.Save(writer);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    public static string Write(EvalReport report) => Encoding.UTF8.GetString(WriteBytes(report));

    private static XElement TestCase(EvalReport report, CaseResult c)
    {
        var element = new XElement(
            "testcase",
            new XAttribute("classname", Clean(report.TaskName)),
            new XAttribute("name", Clean(c.Id)),
            new XAttribute("time", ReportText.Seconds(c.Latency)));
        if (c.Error is { } error)
        {
            element.Add(new XElement(
                "error",
                new XAttribute("message", Clean(error.Message)),
                new XAttribute("type", Clean(error.ExceptionType ?? error.Kind.ToString())),
                Clean(ErrorBody(c, error))));
        }
        else if (c.Outcome == CaseOutcome.Failed)
        {
            var score = c.Score!;
            element.Add(new XElement(
                "failure",
                new XAttribute("message", Clean(score.Reason ?? $"The output did not pass the scorer '{report.Scorer}' (score {ReportText.Score(score.Value)}).")),
                new XAttribute("type", "failed"),
                Clean(FailureBody(report, c))));
        }

        return element;
    }

    private static string FailureBody(EvalReport report, CaseResult c)
    {
        var body = new StringBuilder();
        body.Append("Expected: ").Append(ReportText.Value(c.Expected)).Append('\n');
        body.Append("Actual: ").Append(ReportText.Value(c.Actual)).Append('\n');
        body.Append("Score: ").Append(ReportText.Score(c.Score!.Value)).Append(" (").Append(report.Scorer).Append(")\n");
        Common(body, c);
        return body.ToString();
    }

    private static string ErrorBody(CaseResult c, CaseError error)
    {
        var body = new StringBuilder();
        body.Append("Kind: ").Append(error.Kind).Append('\n');
        if (error.NodePath is { } path)
        {
            body.Append("Node path: ").Append(path).Append('\n');
        }

        if (error.ExceptionType is { } type)
        {
            body.Append("Exception: ").Append(type).Append(error.InnerExceptionType is { } inner ? $" (inner: {inner})" : string.Empty).Append('\n');
        }

        body.Append("Expected: ").Append(ReportText.Value(c.Expected)).Append('\n');
        if (c.Actual is not null)
        {
            body.Append("Actual: ").Append(ReportText.Value(c.Actual)).Append('\n');
        }

        Common(body, c);
        return body.ToString();
    }

    private static void Common(StringBuilder body, CaseResult c)
    {
        body.Append("Input: ").Append(ReportText.Value(c.Input)).Append('\n');
        if (c.Tags.Count > 0)
        {
            body.Append("Tags: ").Append(string.Join(", ", c.Tags)).Append('\n');
        }
    }

    private static IEnumerable<(string Name, string Value)> Properties(EvalReport report)
    {
        var s = report.Summary;
        yield return ("task", report.TaskName);
        yield return ("scorer", report.Scorer);
        yield return ("dataset", report.DatasetName);
        yield return ("dataset.hash", report.DatasetHash);
        yield return ("startedAt", report.StartedAt.ToString("O", CultureInfo.InvariantCulture));
        yield return ("maxParallelism", report.MaxParallelism.ToString(CultureInfo.InvariantCulture));
        if (report.CaseTimeout is { } timeout)
        {
            yield return ("caseTimeout", ReportText.Seconds(timeout));
        }

        foreach (var (key, value) in report.Labels)
        {
            yield return ($"label.{key}", value);
        }

        foreach (var prompt in report.Prompts)
        {
            yield return ("prompt", PromptText(prompt));
        }

        foreach (var model in report.Models)
        {
            yield return ("model", model);
        }

        foreach (var prompt in report.ScoringPrompts)
        {
            yield return ("scoring.prompt", PromptText(prompt));
        }

        foreach (var model in report.ScoringModels)
        {
            yield return ("scoring.model", model);
        }

        yield return ("accuracy", ReportText.Number(s.Accuracy));
        yield return ("accuracy.lower", ReportText.Number(s.AccuracyInterval.Lower));
        yield return ("accuracy.upper", ReportText.Number(s.AccuracyInterval.Upper));
        yield return ("accuracy.level", ReportText.Number(s.AccuracyInterval.Level));
        yield return ("meanScore", ReportText.Number(s.MeanScore));
        yield return ("latency.p50", ReportText.Seconds(s.LatencyP50));
        yield return ("latency.p95", ReportText.Seconds(s.LatencyP95));
        yield return ("tokens.input", s.InputTokens.ToString(CultureInfo.InvariantCulture));
        yield return ("tokens.output", s.OutputTokens.ToString(CultureInfo.InvariantCulture));
        if (s.Cost is { } cost)
        {
            yield return ("cost", cost.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (tag, summary) in report.ByTag)
        {
            yield return ($"tag.{tag}.accuracy", ReportText.Number(summary.Accuracy));
        }
    }

    private static string PromptText(PromptVersion prompt)
        => $"{prompt.Name}@{prompt.Version}" + (prompt.ContentHash is { } hash ? $" {hash}" : string.Empty) + (prompt.ExamplesHash is { } examples ? $" examples {examples}" : string.Empty);

    /// <summary>XML cannot hold control characters or unpaired surrogates: they are written visibly instead.</summary>
    private static string Clean(string text) => ReportText.Printable(text);
}
