using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace AgentFlow.Evaluation;

/// <summary>
/// Writes an <see cref="EvalComparison"/> as JUnit XML, so a CI server lists the regressions as failed tests: one
/// <c>&lt;testsuite&gt;</c> named <c>{baseline} → {candidate}</c> with the test's numbers and both runs as properties; a
/// <c>verdict</c> test case that fails when the candidate is significantly worse; a failed test case per regressed case
/// (named by its id, with the expected output and both runs' outputs); and a passed test case per improved case. The
/// cases that did not change are not listed: the comparison counts them but keeps no record of each.
/// </summary>
internal static class ComparisonJUnit
{
    /// <summary>The name of the test case that holds the verdict.</summary>
    public const string VerdictTestName = "verdict";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
    };

    public static byte[] WriteBytes(EvalComparison comparison)
    {
        var name = Clean($"{comparison.Baseline.Name} → {comparison.Candidate.Name}");
        var className = Clean(comparison.Candidate.TaskName + ".comparison");
        var tests = 1 + comparison.Regressed.Count + comparison.Improved.Count;
        var failures = comparison.Regressed.Count + (comparison.Verdict == ComparisonVerdict.CandidateWorse ? 1 : 0);
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", name),
            new XAttribute("tests", tests),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            new XAttribute("timestamp", comparison.Candidate.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties", Properties(comparison).Select(p => new XElement("property", new XAttribute("name", Clean(p.Name)), new XAttribute("value", Clean(p.Value))))),
            Verdict(comparison, className),
            comparison.Regressed.Select(flip => Regressed(flip, className)),
            comparison.Improved.Select(flip => Improved(flip, className)));
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites", new XAttribute("name", name), new XAttribute("tests", tests), new XAttribute("failures", failures), new XAttribute("errors", 0), suite));

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            document.Save(writer);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    public static string Write(EvalComparison comparison) => Encoding.UTF8.GetString(WriteBytes(comparison));

    private static XElement Verdict(EvalComparison comparison, string className)
    {
        var text = Clean(comparison.Conclusion + "\n" + ComparisonText.Meaning(comparison) + "\n");
        var element = new XElement("testcase", new XAttribute("classname", className), new XAttribute("name", VerdictTestName));
        element.Add(comparison.Verdict == ComparisonVerdict.CandidateWorse
            ? new XElement("failure", new XAttribute("message", Clean(comparison.Conclusion)), new XAttribute("type", nameof(ComparisonVerdict.CandidateWorse)), text)
            : new XElement("system-out", text));
        return element;
    }

    private static XElement Regressed(FlippedCase flip, string className)
        => new(
            "testcase",
            new XAttribute("classname", className),
            new XAttribute("name", Clean(flip.Id)),
            new XElement(
                "failure",
                new XAttribute("message", Clean($"Regressed: passed in the baseline, {ReportText.Outcome(flip.CandidateOutcome)} in the candidate{(string.IsNullOrWhiteSpace(flip.CandidateReason) ? "." : ": " + flip.CandidateReason)}")),
                new XAttribute("type", "regressed"),
                Clean(Body(flip))));

    private static XElement Improved(FlippedCase flip, string className)
        => new(
            "testcase",
            new XAttribute("classname", className),
            new XAttribute("name", Clean(flip.Id)),
            new XElement("system-out", Clean($"Improved: {ReportText.Outcome(flip.BaselineOutcome)} in the baseline, passed in the candidate.\n{Body(flip)}")));

    private static string Body(FlippedCase flip)
    {
        var body = new StringBuilder();
        body.Append("Expected: ").Append(ReportText.Value(flip.Expected)).Append('\n');
        Side(body, "Baseline", flip.BaselineOutcome, flip.BaselineActual, flip.BaselineScore, flip.BaselineReason);
        Side(body, "Candidate", flip.CandidateOutcome, flip.CandidateActual, flip.CandidateScore, flip.CandidateReason);
        body.Append("Input: ").Append(ReportText.Value(flip.Input)).Append('\n');
        if (flip.Tags.Count > 0)
        {
            body.Append("Tags: ").Append(string.Join(", ", flip.Tags)).Append('\n');
        }

        return body.ToString();
    }

    private static void Side(StringBuilder body, string side, CaseOutcome outcome, JsonElement? actual, double? score, string? reason)
    {
        body.Append(side).Append(" (").Append(ReportText.Outcome(outcome));
        if (score is { } value)
        {
            body.Append(", score ").Append(ReportText.Score(value));
        }

        body.Append("): ").Append(actual is null ? "no output" : ReportText.Value(actual));
        if (!string.IsNullOrWhiteSpace(reason))
        {
            body.Append(" — ").Append(reason);
        }

        body.Append('\n');
    }

    private static IEnumerable<(string Name, string Value)> Properties(EvalComparison comparison)
    {
        var o = comparison.Outcomes;
        yield return ("verdict", comparison.Verdict.ToString());
        yield return ("conclusion", comparison.Conclusion);
        yield return ("pValue", ReportText.Number(comparison.McNemar.PValue));
        yield return ("midPValue", ReportText.Number(comparison.McNemar.MidPValue));
        yield return ("significanceLevel", ReportText.Number(comparison.SignificanceLevel));
        yield return ("cases", comparison.Cases.ToString(CultureInfo.InvariantCulture));
        yield return ("sameDataset", comparison.SameDataset ? "true" : "false");
        yield return ("bothPassed", o.BothPassed.ToString(CultureInfo.InvariantCulture));
        yield return ("baselineOnly", o.BaselineOnly.ToString(CultureInfo.InvariantCulture));
        yield return ("candidateOnly", o.CandidateOnly.ToString(CultureInfo.InvariantCulture));
        yield return ("neitherPassed", o.NeitherPassed.ToString(CultureInfo.InvariantCulture));
        yield return ("accuracyDelta", ReportText.Number(comparison.AccuracyDelta));
        yield return ("accuracyDelta.lower", ReportText.Number(comparison.AccuracyDeltaInterval.Lower));
        yield return ("accuracyDelta.upper", ReportText.Number(comparison.AccuracyDeltaInterval.Upper));
        foreach (var (side, run) in new[] { ("baseline", comparison.Baseline), ("candidate", comparison.Candidate) })
        {
            yield return ($"{side}.name", run.Name);
            if (run.RunId is { } id)
            {
                yield return ($"{side}.runId", id.ToString(CultureInfo.InvariantCulture));
            }

            yield return ($"{side}.task", run.TaskName);
            yield return ($"{side}.scorer", run.Scorer);
            yield return ($"{side}.dataset", run.DatasetName);
            yield return ($"{side}.dataset.hash", run.DatasetHash);
            yield return ($"{side}.startedAt", run.StartedAt.ToString("O", CultureInfo.InvariantCulture));
            foreach (var (key, value) in run.Labels)
            {
                yield return ($"{side}.label.{key}", value);
            }

            foreach (var prompt in run.Prompts)
            {
                yield return ($"{side}.prompt", $"{prompt.Name}@{prompt.Version}" + (prompt.ContentHash is { } hash ? $" {hash}" : string.Empty) + (prompt.ExamplesHash is { } examples ? $" examples {examples}" : string.Empty));
            }

            foreach (var model in run.Models)
            {
                yield return ($"{side}.model", model);
            }

            yield return ($"{side}.accuracy", ReportText.Number(run.Summary.Accuracy));
        }
    }

    /// <summary>XML cannot hold control characters or unpaired surrogates: they are written visibly instead.</summary>
    private static string Clean(string text) => ReportText.Printable(text);
}
