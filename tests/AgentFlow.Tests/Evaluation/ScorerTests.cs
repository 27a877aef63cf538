using System.Text.RegularExpressions;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation;

/// <summary>The built-in scorers other than the LLM judge: what passes, what fails, what is an error, and why.</summary>
public sealed class ScorerTests
{
    public enum Severity
    {
        Low,
        High,
    }

    public sealed record Triage(string Summary, Severity Severity, double Confidence);

    private static readonly ScoringContext Case = new("case-1");

    private static Score ScoreOf<TExpected, TActual>(IScorer<TExpected, TActual> scorer, TExpected expected, TActual actual)
        => scorer.ScoreAsync(expected, actual, Case).AsTask().GetAwaiter().GetResult();

    [Test]
    public void Exact_ComparesByValue_OrWithTheComparerGiven()
    {
        var exact = Scorers.Exact<Triage>();

        Assert.That(ScoreOf(exact, new Triage("a", Severity.High, 1), new Triage("a", Severity.High, 1)).Passed, Is.True);
        var failed = ScoreOf(exact, new Triage("a", Severity.High, 1), new Triage("a", Severity.Low, 1));
        Assert.That((failed.Passed, failed.Value, failed.IsError), Is.EqualTo((false, 0.0, false)));
        Assert.That(failed.Reason, Does.StartWith("expected Triage { Summary = a, Severity = High").And.Contain("got Triage { Summary = a, Severity = Low"));
        Assert.That(ScoreOf(Scorers.Exact(StringComparer.OrdinalIgnoreCase), "Paris", "PARIS").Passed, Is.True);
        Assert.That(ScoreOf(Scorers.Exact<string>(), "Paris", "PARIS").Passed, Is.False);
        Assert.That(exact.Name, Is.EqualTo("exact"));
    }

    [TestCase("Paris", "  paris!! ", true)]
    [TestCase("New  York", "new york.", true)]
    [TestCase("ﬁve", "five", true)] // NFKC: the ligature is two letters
    [TestCase("１２", "12", true)] // NFKC: full-width digits
    [TestCase("café", "cafe", false)] // diacritics are kept by default
    [TestCase("$5", "5", false)] // symbols are not punctuation
    [TestCase("Paris", "Lyon", false)]
    public void NormalizedText_IgnoresCasePunctuationWhitespaceAndUnicodeForms(string expected, string actual, bool passes)
    {
        Assert.That(ScoreOf(Scorers.NormalizedText(), expected, actual).Passed, Is.EqualTo(passes));
    }

    [Test]
    public void NormalizedText_FollowsItsOptions_AndShowsTheNormalisedTexts()
    {
        Assert.That(ScoreOf(Scorers.NormalizedText(new NormalizedTextOptions { IgnoreDiacritics = true }), "Café", "cafe").Passed, Is.True);
        Assert.That(ScoreOf(Scorers.NormalizedText(new NormalizedTextOptions { IgnoreCase = false }), "Paris", "paris").Passed, Is.False);
        Assert.That(ScoreOf(Scorers.NormalizedText(new NormalizedTextOptions { IgnorePunctuation = false }), "Paris", "Paris!").Passed, Is.False);
        Assert.That(ScoreOf(Scorers.NormalizedText(new NormalizedTextOptions { CollapseWhitespace = false }), "a b", "a  b").Passed, Is.False);
        Assert.That(ScoreOf(Scorers.NormalizedText(new NormalizedTextOptions { Normalization = null }), "ﬁve", "five").Passed, Is.False);
        Assert.That(ScoreOf(Scorers.NormalizedText(), "Paris", "Lyon, France").Reason, Is.EqualTo("normalised, expected \"paris\", got \"lyon france\""));
        Assert.That(ScoreOf(Scorers.NormalizedText(), "Paris", null!).Passed, Is.False);
    }

    [Test]
    public void Contains_LooksForTheExpectedText_WithTheComparisonGiven()
    {
        Assert.That(ScoreOf(Scorers.Contains(), "refund", "We will refund you.").Passed, Is.True);
        Assert.That(ScoreOf(Scorers.Contains(), "Refund", "We will refund you.").Passed, Is.False);
        Assert.That(ScoreOf(Scorers.Contains(StringComparison.OrdinalIgnoreCase), "Refund", "We will refund you.").Passed, Is.True);
        Assert.That(ScoreOf(Scorers.Contains(), "refund", "No.").Reason, Is.EqualTo("\"No.\" does not contain \"refund\""));
    }

    [Test]
    public void Regex_ReadsTheExpectedOutputAsThePattern()
    {
        var regex = Scorers.Regex(RegexOptions.IgnoreCase);

        Assert.That(ScoreOf(regex, @"^INV-\d{4}$", "inv-2024").Passed, Is.True);
        Assert.That(ScoreOf(regex, @"^INV-\d{4}$", "INV-24").Reason, Is.EqualTo("\"INV-24\" does not match /^INV-\\d{4}$/"));
    }

    [Test]
    public void Regex_WithAnExpectedPatternThatDoesNotCompile_IsAnError_NotAFail()
    {
        var score = ScoreOf(Scorers.Regex(), "(unclosed", "anything");

        Assert.That((score.IsError, score.Passed), Is.EqualTo((true, false)));
        Assert.That(score.Error, Does.StartWith("The expected pattern \"(unclosed\" is not a valid regular expression"));
    }

    [Test]
    public void Regex_WithAFixedPattern_IgnoresTheExpectedOutput()
    {
        var format = Scorers.Regex<Severity>(new Regex(@"^\d+ items?$", RegexOptions.None, TimeSpan.FromSeconds(1)));

        Assert.That(ScoreOf(format, Severity.High, "3 items").Passed, Is.True);
        Assert.That(ScoreOf(format, Severity.Low, "three items").Passed, Is.False);
    }

    [Test]
    public void Regex_ThatTimesOut_IsAnError()
    {
        var slow = Scorers.Regex<string>(new Regex("^(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(1)));

        var score = ScoreOf(slow, "-", new string('a', 5000) + "!");

        Assert.That(score.IsError, Is.True);
        Assert.That(score.Error, Does.Contain("took longer than 1 ms"));
    }

    [Test]
    public void NumericTolerance_PassesWithinTheWiderOfTheAbsoluteAndRelativeBounds()
    {
        var absolute = Scorers.NumericTolerance<double>(absolute: 0.5);
        var relative = Scorers.NumericTolerance<decimal>(relative: 0.1);
        var both = Scorers.NumericTolerance<int>(absolute: 2, relative: 0.05);

        Assert.That(ScoreOf(absolute, 10.0, 10.5).Passed, Is.True);
        Assert.That(ScoreOf(absolute, 10.0, 10.6).Passed, Is.False);
        Assert.That(ScoreOf(relative, 200m, 219m).Passed, Is.True);
        Assert.That(ScoreOf(relative, 200m, 221m).Passed, Is.False);
        Assert.That(ScoreOf(both, 100, 104).Passed, Is.True, "2 absolute, but 5 relative");
        Assert.That(ScoreOf(both, 10, 12).Passed, Is.True, "0.5 relative, but 2 absolute");
        Assert.That(ScoreOf(both, 10, 13).Passed, Is.False);
        var failed = ScoreOf(absolute, 10.0, 12.0);
        Assert.That(failed.Metrics["difference"], Is.EqualTo(2.0));
        Assert.That(failed.Reason, Is.EqualTo("expected 10 ± 0.5, got 12 (off by 2)"));
        Assert.That(ScoreOf(absolute, 10.0, double.NaN).Passed, Is.False);
    }

    [Test]
    public void NumericTolerance_RefusesMissingOrNegativeBounds()
    {
        Assert.That(() => Scorers.NumericTolerance<double>(), Throws.ArgumentException.With.Message.Contain("absolute or a relative tolerance"));
        Assert.That(() => Scorers.NumericTolerance<double>(absolute: -1), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("absolute tolerance"));
        Assert.That(() => Scorers.NumericTolerance<double>(relative: double.PositiveInfinity), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("relative tolerance"));
    }

    private const string TriageSchema =
        """
        {
          "type": "object",
          "properties": {
            "summary": { "type": "string", "minLength": 3 },
            "severity": { "enum": ["Low", "High"] },
            "confidence": { "type": "number", "minimum": 0, "maximum": 1 }
          },
          "required": ["summary", "severity", "confidence"]
        }
        """;

    [Test]
    public void JsonSchema_ValidatesTheOutputAsJson_AndListsEachError()
    {
        var schema = Scorers.JsonSchema<Triage, Triage>(TriageSchema);

        Assert.That(ScoreOf(schema, null!, new Triage("Double charge", Severity.High, 0.9)).Passed, Is.True);
        var failed = ScoreOf(schema, null!, new Triage("No", Severity.High, 1.5));
        Assert.That((failed.Passed, failed.IsError), Is.EqualTo((false, false)));
        Assert.That(failed.Reason, Does.Contain("/summary: ").And.Contain("/confidence: "));
    }

    [Test]
    public void JsonSchema_ReadsATextOutputAsTheJsonItHolds()
    {
        var schema = Scorers.JsonSchema<string, string>(TriageSchema);

        Assert.That(ScoreOf(schema, "", """{"summary": "Double charge", "severity": "High", "confidence": 0.9}""").Passed, Is.True);
        Assert.That(ScoreOf(schema, "", """{"summary": "Double charge"}""").Reason, Does.Contain("severity").And.Contain("confidence"));
        Assert.That(ScoreOf(schema, "", "Sure! Here is the JSON").Reason, Does.StartWith("the output is not JSON"));
    }

    [Test]
    public void JsonSchema_ThatIsNotValid_IsRefusedWhenTheScorerIsMade()
    {
        Assert.That(() => Scorers.JsonSchema<string, string>("{ not json"), Throws.ArgumentException.With.Message.Contain("JSON schema of Scorers.JsonSchema is not valid"));
    }

    [Test]
    public void SetF1_ScoresPrecisionRecallAndF1_AndPassesAtTheThreshold()
    {
        var f1 = Scorers.SetF1<string>(passThreshold: 0.6);

        var score = ScoreOf(f1, ["a", "b", "c", "d"], ["a", "b", "x"]);

        // precision 2/3, recall 2/4, F1 = 2 * (2/3) * (1/2) / (2/3 + 1/2) = 4/7
        Assert.That(score.Metrics["precision"], Is.EqualTo(2 / 3.0).Within(1e-12));
        Assert.That(score.Metrics["recall"], Is.EqualTo(0.5).Within(1e-12));
        Assert.That(score.Value, Is.EqualTo(4 / 7.0).Within(1e-12));
        Assert.That(score.Passed, Is.False, "4/7 is below 0.6");
        Assert.That(score.Reason, Is.EqualTo("precision 0.667, recall 0.5, F1 0.571; missing \"c\", \"d\"; unexpected \"x\""));
        Assert.That(ScoreOf(f1, ["a", "b", "c"], ["c", "b", "b"]).Value, Is.EqualTo(0.8).Within(1e-12), "duplicates count once");
        Assert.That(ScoreOf(f1, ["a", "b", "c"], ["c", "b", "b"]).Passed, Is.True);
    }

    [Test]
    public void SetF1_OnEmptySets_ScoresOneOnlyWhenBothAreEmpty()
    {
        var f1 = Scorers.SetF1<int>();

        Assert.That(ScoreOf(f1, [], Array.Empty<int>()).Value, Is.EqualTo(1));
        Assert.That(ScoreOf(f1, [1], Array.Empty<int>()).Value, Is.Zero);
        Assert.That(ScoreOf(f1, [], new[] { 1 }).Value, Is.Zero);
        Assert.That(ScoreOf(Scorers.SetF1(comparer: StringComparer.OrdinalIgnoreCase), ["A"], ["a"]).Passed, Is.True);
        Assert.That(() => Scorers.SetF1<int>(passThreshold: 0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Custom_MakesScorersFromDelegates()
    {
        var even = Scorers.Custom<int, int>("same-parity", (expected, actual) => expected % 2 == actual % 2);
        var closeness = Scorers.Custom<int, int>("closeness", (expected, actual) => Score.Of(1.0 / (1 + Math.Abs(expected - actual)), expected == actual));
        var byTag = Scorers.Custom<int, int>("by-tag", (expected, actual, context, _) => ValueTask.FromResult(context.Tags.Contains("lenient") ? Score.Pass() : Score.Fail(context.CaseId)));

        Assert.That((even.Name, ScoreOf(even, 2, 4).Passed, ScoreOf(even, 2, 3).Passed), Is.EqualTo(("same-parity", true, false)));
        Assert.That(ScoreOf(closeness, 2, 5).Value, Is.EqualTo(0.25));
        Assert.That(byTag.ScoreAsync(1, 2, new ScoringContext("c7", tags: ["lenient"])).AsTask().Result.Passed, Is.True);
        Assert.That(byTag.ScoreAsync(1, 2, new ScoringContext("c7")).AsTask().Result.Reason, Is.EqualTo("c7"));
    }

    [Test]
    public void Custom_ReturningNull_IsAnError()
    {
        var broken = Scorers.Custom<int, int>("broken", (_, _) => (Score)null!);

        Assert.That(ScoreOf(broken, 1, 1).Error, Is.EqualTo("The scorer 'broken' returned no score (null)."));
    }

    [Test]
    public void Score_RefusesValuesOutsideZeroToOne_AndAnErrorNeverPasses()
    {
        Assert.That(() => Score.Of(1.5, true), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => Score.Of(double.NaN, true), Throws.TypeOf<ArgumentOutOfRangeException>());
        var error = Score.FromError("no verdict");
        Assert.That((error.IsError, error.Passed, error.Value), Is.EqualTo((true, false, 0.0)));
        Assert.That(error.ToString(), Is.EqualTo("error: no verdict"));
        Assert.That(Score.Of(0.75, true, "close").ToString(), Is.EqualTo("passed (0.75): close"));
    }
}
