using System.ComponentModel.DataAnnotations;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation;

/// <summary>Sets made from lists, subsets, and the content hash that keys a dataset.</summary>
public sealed class EvalSetTests
{
    public sealed record Question([property: Required] string Text, IReadOnlyList<string> Hints);

    private const string Jsonl =
        """
        {"id": "q1", "input": {"text": "Capital of France?", "hints": ["Europe"]}, "expected": "Paris", "tags": ["geo", "easy"]}
        {"id": "q2", "input": {"text": "Line one\nline two", "hints": []}, "expected": "Two lines", "tags": ["text"]}
        """;

    private static EvalSet<Question, string> FromJsonl(string text) => EvalSet.FromJsonl<Question, string>(new StringReader(text), "questions");

    [Test]
    public void ContentHash_IsTheSame_OnReloadAcrossFormatsLineEndingsPropertyOrderAndCaseOrder()
    {
        var original = FromJsonl(Jsonl);
        var crlf = FromJsonl(Jsonl.Replace("\n", "\r\n", StringComparison.Ordinal).Replace("\\n", "\\r\\n", StringComparison.Ordinal));
        var reordered = FromJsonl(
            """
            {"tags": ["text"], "expected": "Two lines", "input": {"hints": [], "text": "Line one\nline two"}, "id": "q2"}
            {"input": {"hints": ["Europe"],   "text": "Capital of France?"}, "id": "q1", "expected": "Paris", "tags": ["easy", "geo", "easy"]}
            """);
        var csv = EvalSet.FromCsv<Question, string>(
            new StringReader(
                "id,input.text,input.hints,expected,tags\r\n"
                + "q1,Capital of France?,\"[\"\"Europe\"\"]\",Paris,geo;easy\r\n"
                + "q2,\"Line one\r\nline two\",[],Two lines,text\r\n"),
            "questions");
        var list = EvalSet.Create("questions", [
            new EvalCase<Question, string>("q1", new Question("Capital of France?", ["Europe"]), "Paris", "geo", "easy"),
            new EvalCase<Question, string>("q2", new Question("Line one\nline two", []), "Two lines", "text"),
        ]);

        Assert.That(original.ContentHash, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(FromJsonl(Jsonl).ContentHash, Is.EqualTo(original.ContentHash), "reload");
        Assert.That(crlf.ContentHash, Is.EqualTo(original.ContentHash), "CRLF line ends, in the file and inside values");
        Assert.That(reordered.ContentHash, Is.EqualTo(original.ContentHash), "property order, whitespace, case order, tag order and duplicates");
        Assert.That(csv.ContentHash, Is.EqualTo(original.ContentHash), "the same cases from CSV");
        Assert.That(list.ContentHash, Is.EqualTo(original.ContentHash), "the same cases from a list");
    }

    [TestCase("\"expected\": \"Paris\"", "\"expected\": \"Lyon\"")]
    [TestCase("\"id\": \"q1\"", "\"id\": \"q3\"")]
    [TestCase("[\"geo\", \"easy\"]", "[\"geo\"]")]
    [TestCase("\"hints\": [\"Europe\"]", "\"hints\": [\"Asia\"]")]
    public void ContentHash_Changes_WhenAnyContentChanges(string from, string to)
    {
        Assert.That(FromJsonl(Jsonl.Replace(from, to, StringComparison.Ordinal)).ContentHash, Is.Not.EqualTo(FromJsonl(Jsonl).ContentHash));
    }

    [Test]
    public void Create_ChecksEveryCase_ByItsPositionInTheList()
    {
        var ex = Assert.Throws<EvalSetLoadException>(() => EvalSet.Create("questions", [
            new EvalCase<Question, string>("q1", new Question("Capital?", []), "Paris"),
            null!,
            new EvalCase<Question, string>("q1", new Question("Again?", []), "Paris"),
            new EvalCase<Question, string>("q4", new Question(null!, []), "Paris"),
        ]))!;

        Assert.That(ex.FileName, Is.EqualTo("questions"));
        Assert.That(ex.Errors.Select(e => (e.Line, e.Message)), Is.EqualTo(new[]
        {
            (2, "The case is null."),
            (3, "Duplicate id 'q1': line 1 has it too. Ids must be unique within a set."),
            (4, "'input' is not valid: The Text field is required."),
        }));
    }

    [Test]
    public void Create_WithNoCase_Fails()
    {
        var ex = Assert.Throws<EvalSetLoadException>(() => EvalSet.Create("empty", Array.Empty<EvalCase<string, string>>()))!;

        Assert.That(ex.Errors.Single().Message, Does.StartWith("The set has no cases"));
    }

    [TestCase("")]
    [TestCase("  ")]
    [TestCase(" q1")]
    public void EvalCase_WithAnUnusableId_Throws(string id)
    {
        Assert.That(() => new EvalCase<string, string>(id, "in", "out"), Throws.ArgumentException.With.Message.Contain("id"));
    }

    [Test]
    public void EvalCase_RefusesNullValuesAndEmptyTags_AndDropsDuplicateTags()
    {
        Assert.That(() => new EvalCase<string, string>("a", null!, "out"), Throws.ArgumentNullException.With.Message.Contain("Case 'a' has no input"));
        Assert.That(() => new EvalCase<string, string>("a", "in", null!), Throws.ArgumentNullException.With.Message.Contain("Case 'a' has no expected output"));
        Assert.That(() => new EvalCase<string, string>("a", "in", "out", "ok", " "), Throws.ArgumentException.With.Message.Contain("Case 'a': a tag is empty."));
        Assert.That(new EvalCase<string, string>("a", "in", "out", "x", "y", "x").Tags, Is.EqualTo(new[] { "x", "y" }));
    }

    [Test]
    public void Where_KeepsTheMatchingCases_WithAHashOfTheirOwn()
    {
        var set = FromJsonl(Jsonl);

        var geo = set.Where(c => c.Tags.Contains("geo"), "geo-only");

        Assert.That(geo.Name, Is.EqualTo("geo-only"));
        Assert.That(geo.Cases.Select(c => c.Id), Is.EqualTo(new[] { "q1" }));
        Assert.That(geo.ContentHash, Is.Not.EqualTo(set.ContentHash));
        Assert.That(geo.ContentHash, Is.EqualTo(FromJsonl(Jsonl.Split('\n')[0]).ContentHash));
        Assert.That(() => set.Where(_ => false), Throws.TypeOf<EvalSetLoadException>().With.Message.Contain("No case matches"));
    }
}
