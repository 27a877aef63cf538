using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AgentFlow.Evaluation;

/// <summary>
/// Writes composition analyses as JUnit XML, in the shape of <see cref="JUnitReport"/>: a <c>&lt;testsuite&gt;</c> per
/// flow named after its analysis, its numbers as properties (the gap and its interval, the accuracy, each class's
/// count), and a <c>&lt;testcase&gt;</c> per case. A case that failed has a <c>&lt;failure&gt;</c> whose type is its
/// class and whose message says where it went wrong (wrong route at a path, sub-task incorrect at a path, composability
/// gap); a case without a verdict (its run failed, or its output could not be scored) has an <c>&lt;error&gt;</c>.
/// </summary>
internal static class CompositionJUnit
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
    };

    /// <summary>One suite: the analysis's cases, each test case's class name the flow's name.</summary>
    public static byte[] Analysis(CompositionAnalysis analysis)
        => Document(analysis.Name, [Suite(analysis, analysis.FlowName, [], null)]);

    /// <summary>
    /// Two suites, the baseline's then the candidate's. Their test cases' class names are the analysis's name and the
    /// flow's (<c>direct.qa</c>), as both flows of a comparison usually share a name and CI servers key tests by class name.
    /// </summary>
    public static byte[] Comparison(CompositionComparison comparison)
    {
        var (a, b) = (comparison.Baseline, comparison.Candidate);
        var shared = ComparisonProperties(comparison).ToList();
        return Document(
            $"{a.Name} vs {b.Name}",
            [Suite(a, $"{a.Name}.{a.FlowName}", shared, null), Suite(b, $"{b.Name}.{b.FlowName}", shared, a)]);
    }

    private static byte[] Document(string name, IReadOnlyList<XElement> suites)
    {
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                "testsuites",
                new XAttribute("name", Clean(name)),
                new XAttribute("tests", suites.Sum(s => (int)s.Attribute("tests")!)),
                new XAttribute("failures", suites.Sum(s => (int)s.Attribute("failures")!)),
                new XAttribute("errors", suites.Sum(s => (int)s.Attribute("errors")!)),
                new XAttribute("time", ReportText.Seconds(TimeSpan.FromSeconds(suites.Sum(s => double.Parse(s.Attribute("time")!.Value, CultureInfo.InvariantCulture))))),
                suites));

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            document.Save(writer);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static XElement Suite(CompositionAnalysis analysis, string className, IReadOnlyList<(string Name, string Value)> extra, CompositionAnalysis? other)
    {
        var s = analysis.Summary;
        var others = other?.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        return new XElement(
            "testsuite",
            new XAttribute("name", Clean(analysis.Name)),
            new XAttribute("tests", s.Cases),
            new XAttribute("failures", s.WrongRoute + s.SubTaskIncorrect + s.CompositionGap),
            new XAttribute("errors", s.TaskFailed + s.ScoringFailed),
            new XAttribute("skipped", 0),
            new XAttribute("time", ReportText.Seconds(analysis.Duration)),
            new XAttribute("timestamp", analysis.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties", Properties(analysis).Concat(extra).Select(p => new XElement("property", new XAttribute("name", Clean(p.Name)), new XAttribute("value", Clean(p.Value))))),
            analysis.Cases.Select(c => TestCase(c, className, other is null ? null : (other.Name, others![c.Id]))));
    }

    private static XElement TestCase(CompositionCaseResult c, string className, (string Name, CompositionCaseResult Case)? other)
    {
        var element = new XElement(
            "testcase",
            new XAttribute("classname", Clean(className)),
            new XAttribute("name", Clean(c.Id)),
            new XAttribute("time", ReportText.Seconds(c.Final.Latency)));
        if (c.Outcome == CompositionOutcome.Passed)
        {
            return element;
        }

        var verdict = c.Outcome is CompositionOutcome.TaskFailed or CompositionOutcome.ScoringFailed ? "error" : "failure";
        element.Add(new XElement(
            verdict,
            new XAttribute("message", Clean(Message(c))),
            new XAttribute("type", c.Outcome.ToString()),
            Clean(Body(c, other))));
        return element;
    }

    /// <summary>The class and where the case went wrong, then why: <c>Wrong route at qa/fact: ...</c>.</summary>
    public static string Message(CompositionCaseResult c)
    {
        var at = c.Outcome switch
        {
            CompositionOutcome.WrongRoute => FirstWrong(c, StepKind.Route),
            CompositionOutcome.SubTaskIncorrect => FirstWrong(c, StepKind.SubTask),
            CompositionOutcome.TaskFailed => c.Final.Error?.NodePath,
            CompositionOutcome.ScoringFailed => c.Steps.FirstOrDefault(s => s.Status == StepStatus.ScoringFailed && c.Final.Error is null)?.Path,
            _ => null,
        };
        return $"{CompositionClasses.Name(c.Outcome)}{(at is null ? string.Empty : $" at {at}")}: {c.Explanation}";
    }

    private static string? FirstWrong(CompositionCaseResult c, StepKind kind) => c.Steps.FirstOrDefault(s => s.Kind == kind && s.Wrong)?.Path;

    private static string Body(CompositionCaseResult c, (string Name, CompositionCaseResult Case)? other)
    {
        var body = new StringBuilder();
        body.Append("Class: ").Append(CompositionClasses.Name(c.Outcome)).Append('\n');
        if (c.FirstWrongPath is { } first)
        {
            body.Append("First wrong: ").Append(first).Append('\n');
        }

        if (c.Final.Error is { } error)
        {
            body.Append("Error: ").Append(ReportText.Kind(error.Kind));
            if (error.NodePath is { } path)
            {
                body.Append(" at ").Append(path);
            }

            if (error.ExceptionType is { } type)
            {
                body.Append(" (").Append(type).Append(error.InnerExceptionType is { } inner ? $", inner: {inner}" : string.Empty).Append(')');
            }

            body.Append('\n');
        }

        if (c.Steps.Count > 0)
        {
            body.Append("Steps:\n");
            foreach (var step in c.Steps)
            {
                body.Append("  ").Append(Status(step.Status)).Append(": ").Append(step.Path).Append(step.Kind == StepKind.Route ? " (route)" : string.Empty);
                body.Append(", expected ").Append(ReportText.Value(step.Expected));
                if (step.Actual is not null)
                {
                    body.Append(", got ").Append(ReportText.Value(step.Actual));
                }

                if (step.Detail is { Length: > 0 } detail && step.Status != StepStatus.Right)
                {
                    body.Append("; ").Append(detail);
                }

                body.Append('\n');
            }
        }

        body.Append("Expected: ").Append(ReportText.Value(c.Final.Expected)).Append('\n');
        if (c.Final.Actual is not null)
        {
            body.Append("Actual: ").Append(ReportText.Value(c.Final.Actual)).Append('\n');
        }

        body.Append("Input: ").Append(ReportText.Value(c.Final.Input)).Append('\n');
        if (c.Category is { } category)
        {
            body.Append("Category: ").Append(category).Append('\n');
        }

        if (c.Tags.Count > 0)
        {
            body.Append("Tags: ").Append(string.Join(", ", c.Tags)).Append('\n');
        }

        if (other is { } o && o.Case.Outcome != c.Outcome)
        {
            body.Append("In ").Append(o.Name).Append(": ").Append(CompositionClasses.Name(o.Case.Outcome)).Append('\n');
        }

        return body.ToString();
    }

    private static string Status(StepStatus status) => status switch
    {
        StepStatus.Right => "right",
        StepStatus.Wrong => "wrong",
        StepStatus.NotRun => "not run",
        StepStatus.NotReached => "not reached",
        _ => "not scored",
    };

    private static IEnumerable<(string Name, string Value)> Properties(CompositionAnalysis analysis)
    {
        var s = analysis.Summary;
        yield return ("flow", analysis.FlowName);
        yield return ("scorer", analysis.Scorer);
        foreach (var (path, scorer) in analysis.SubTaskScorers)
        {
            yield return ($"subtask.{path}.scorer", scorer);
        }

        yield return ("dataset", analysis.DatasetName);
        yield return ("dataset.hash", analysis.DatasetHash);
        yield return ("startedAt", analysis.StartedAt.ToString("O", CultureInfo.InvariantCulture));
        foreach (var (key, value) in analysis.Labels)
        {
            yield return ($"label.{key}", value);
        }

        var report = (EvalReport?)analysis.Report;
        foreach (var prompt in report?.Prompts ?? [])
        {
            yield return ("prompt", $"{prompt.Name}@{prompt.Version}" + (prompt.ContentHash is { } hash ? $" {hash}" : string.Empty));
        }

        foreach (var model in report?.Models ?? [])
        {
            yield return ("model", model);
        }

        yield return ("accuracy", ReportText.Number(s.Accuracy));
        yield return ("accuracy.lower", ReportText.Number(s.AccuracyInterval.Lower));
        yield return ("accuracy.upper", ReportText.Number(s.AccuracyInterval.Upper));
        yield return ("accuracy.level", ReportText.Number(s.AccuracyInterval.Level));
        foreach (var property in GapProperties("gap", s.Gap))
        {
            yield return property;
        }

        yield return ("gap.resamples", s.Gap.Resamples.ToString(CultureInfo.InvariantCulture));
        yield return ("gap.seed", s.Gap.Seed.ToString(CultureInfo.InvariantCulture));
        foreach (var outcome in CompositionClasses.InPrecedence)
        {
            yield return ($"cases.{outcome}", s.Count(outcome).ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (category, group) in analysis.ByCategory)
        {
            yield return ($"category.{category}.accuracy", ReportText.Number(group.Accuracy));
            foreach (var (name, value) in GapProperties($"category.{category}.gap", group.Gap))
            {
                yield return (name, value);
            }
        }

        foreach (var node in analysis.Nodes)
        {
            if (node.Accuracy is { } accuracy)
            {
                yield return ($"node.{node.Path}.accuracy", ReportText.Number(accuracy));
            }

            yield return ($"node.{node.Path}.firstWrong", node.FirstWrong.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The gap, its numerator and denominator, and its interval; the gap is <c>undefined</c> when no case had all its sub-tasks right.</summary>
    private static IEnumerable<(string Name, string Value)> GapProperties(string prefix, GapEstimate gap)
    {
        yield return (prefix, gap.Value is { } value ? ReportText.Number(value) : "undefined");
        yield return ($"{prefix}.cases", gap.GapCases.ToString(CultureInfo.InvariantCulture));
        yield return ($"{prefix}.subTasksRightCases", gap.SubTasksRightCases.ToString(CultureInfo.InvariantCulture));
        if (gap.Interval is { } interval)
        {
            yield return ($"{prefix}.lower", ReportText.Number(interval.Lower));
            yield return ($"{prefix}.upper", ReportText.Number(interval.Upper));
            yield return ($"{prefix}.level", ReportText.Number(interval.Level));
        }
    }

    private static IEnumerable<(string Name, string Value)> ComparisonProperties(CompositionComparison comparison)
    {
        yield return ("comparison.baseline", comparison.Baseline.Name);
        yield return ("comparison.candidate", comparison.Candidate.Name);
        yield return ("comparison.accuracyDelta", ReportText.Number(comparison.AccuracyDelta));
        yield return ("comparison.gapDelta", comparison.GapDelta is { } delta ? ReportText.Number(delta) : "undefined");
        yield return ("comparison.changes", comparison.Changes.Count.ToString(CultureInfo.InvariantCulture));
        yield return ("comparison.fixed", comparison.Fixed.ToString(CultureInfo.InvariantCulture));
        yield return ("comparison.broken", comparison.Broken.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>XML cannot hold control characters or unpaired surrogates: they are written visibly instead.</summary>
    private static string Clean(string text) => ReportText.Printable(text);
}
