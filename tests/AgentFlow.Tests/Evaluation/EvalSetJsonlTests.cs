using System.ComponentModel.DataAnnotations;
using System.Text;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation;

/// <summary>Eval sets from JSON Lines: typed cases, default ids, and every error of a file listed with its line.</summary>
public sealed class EvalSetJsonlTests
{
    public enum Team
    {
        Billing,
        Technical,
    }

    public sealed record Ticket([property: Required, MinLength(3)] string Text, int Priority = 0);

    private static EvalSet<Ticket, Team> Load(string text) => EvalSet.FromJsonl<Ticket, Team>(new StringReader(text), "tickets.jsonl");

    private static EvalSetLoadException LoadFails(string text)
        => Assert.Throws<EvalSetLoadException>(() => Load(text))!;

    [Test]
    public void FromJsonl_ReadsTypedCases_WithIdsTagsAndDefaults()
    {
        var set = Load(
            """
            {"id": "refund", "input": {"text": "Refund my invoice", "priority": 2}, "expected": "Billing", "tags": ["billing", "easy"]}

            {"input": {"text": "The app crashes"}, "expected": "Technical"}
            {"id": 7, "input": {"Text": "Charged twice"}, "expected": "Billing", "tags": null}
            """);

        Assert.That(set.Name, Is.EqualTo("tickets.jsonl"));
        Assert.That(set.Cases.Select(c => c.Id), Is.EqualTo(new[] { "refund", "line-3", "7" }), "a missing id is line-N, the line it is on");
        Assert.That(set.Cases[0].Input, Is.EqualTo(new Ticket("Refund my invoice", 2)));
        Assert.That(set.Cases.Select(c => c.Expected), Is.EqualTo(new[] { Team.Billing, Team.Technical, Team.Billing }));
        Assert.That(set.Cases[0].Tags, Is.EqualTo(new[] { "billing", "easy" }));
        Assert.That(set.Cases[1].Tags, Is.Empty);
        Assert.That(set.Cases[2].Input.Text, Is.EqualTo("Charged twice"), "property names are matched case-insensitively");
    }

    [Test]
    public void FromJsonl_ListsEveryErrorOfTheFile_WithItsLine()
    {
        var ex = LoadFails(
            """
            {"id": "ok", "input": {"text": "Refund please"}, "expected": "Billing"}
            {"id": "broken", "input": {"text": "Refund please"
            {"id": "no-input", "expected": "Billing"}
            {"id": "no-expected", "input": {"text": "Refund please"}}
            {"id": "wrong-type", "input": {"text": "Refund please", "priority": "high"}, "expected": "Billing"}
            {"id": "ok", "input": {"text": "Refund again"}, "expected": "Billing"}
            {"id": "typo", "input": {"text": "Refund please"}, "expected": "Billing", "tag": ["x"]}
            {"id": "too-short", "input": {"text": "Hi"}, "expected": "Billing"}
            {"id": "bad-enum", "input": {"text": "Refund please"}, "expected": "Sales"}
            {"id": "null-input", "input": null, "expected": "Billing"}
            """);

        Assert.That(ex.FileName, Is.EqualTo("tickets.jsonl"));
        Assert.That(ex.Errors.Select(e => e.Line), Is.EqualTo(new[] { 2, 3, 4, 5, 6, 7, 8, 9, 10 }));
        Assert.That(ex.Errors[0].Message, Does.StartWith("Not valid JSON"));
        Assert.That(ex.Errors[1].Message, Is.EqualTo("The case has no 'input'."));
        Assert.That(ex.Errors[2].Message, Is.EqualTo("The case has no 'expected'."));
        Assert.That(ex.Errors[3].Message, Does.StartWith("'input' is not a valid Ticket").And.Contain("$.priority"));
        Assert.That(ex.Errors[4].Message, Is.EqualTo("Duplicate id 'ok': line 1 has it too. Ids must be unique within a set."));
        Assert.That(ex.Errors[5].Message, Does.Contain("Unknown property 'tag'").And.Contain("tags"));
        Assert.That(ex.Errors[6].Message, Does.StartWith("'input' is not valid:").And.Contain("Text"));
        Assert.That(ex.Errors[7].Message, Does.StartWith("'expected' is not a valid Team"));
        Assert.That(ex.Errors[8].Message, Is.EqualTo("'input' is null; every case needs one."));
        Assert.That(ex.Message, Does.StartWith("The eval set 'tickets.jsonl' is not valid (9 errors):").And.Contain("tickets.jsonl(3): The case has no 'input'."));
    }

    [Test]
    public void FromJsonl_RejectsLinesThatAreNotCases()
    {
        var ex = LoadFails(
            """
            ["input", "expected"]
            {"id": ["a"], "input": {"text": "Refund please"}, "expected": "Billing"}
            {"input": {"text": "Refund please"}, "expected": "Billing", "tags": ["ok", 3]}
            {"input": {"text": "Refund please"}, "input": {"text": "Again please"}, "expected": "Billing"}
            {"id": " padded ", "input": {"text": "Refund please"}, "expected": "Billing"}
            """);

        Assert.That(ex.Errors.Select(e => (e.Line, e.Message[..20])), Is.EqualTo(new[]
        {
            (1, "A line must be a JSO"),
            (2, "'id' must be a strin"),
            (3, "'tags' must be an ar"),
            (4, "The property 'input'"),
            (5, "The case id ' padded"),
        }));
    }

    [Test]
    public void FromJsonl_NamesTheCharacterWhereTheJsonBreaks_NotTheByte()
    {
        const string Line = "{\"input\": {\"text\": \"Rückerstattung für Müller\"}, \"expected\": \"Billing\"}}";

        var ex = LoadFails(Line);

        Assert.That(ex.Errors.Single().Message, Does.StartWith($"Not valid JSON at character {Line.Length}:"));
    }

    [TestCase("")]
    [TestCase("\n  \n\n")]
    public void FromJsonl_WithNoCase_Fails(string text)
    {
        var ex = LoadFails(text);

        Assert.That(ex.Errors.Single().Line, Is.EqualTo(1));
        Assert.That(ex.Errors.Single().Message, Does.StartWith("The file holds no cases"));
    }

    [Test]
    public void FromJsonl_ReadsAFileWithAByteOrderMarkAndCrlf_NamedAfterTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"agentflow-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllText(
                path,
                "{\"id\": \"a\", \"input\": {\"text\": \"Refund please\"}, \"expected\": \"Billing\"}\r\n\r\n{\"input\": {\"text\": \"App crash\"}, \"expected\": \"Technical\"}\r\n",
                new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

            var set = EvalSet.FromJsonl<Ticket, Team>(path);

            Assert.That(set.Name, Is.EqualTo(Path.GetFileNameWithoutExtension(path)));
            Assert.That(set.Cases.Select(c => (c.Id, c.Expected)), Is.EqualTo(new[] { ("a", Team.Billing), ("line-3", Team.Technical) }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void FromJsonl_NamesTheFileInItsErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"agentflow-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllText(path, "{\"input\": {\"text\": \"Refund please\"}}\n");

            var ex = Assert.Throws<EvalSetLoadException>(() => EvalSet.FromJsonl<Ticket, Team>(path))!;

            Assert.That(ex.FileName, Is.EqualTo(path));
            Assert.That(ex.Message, Does.Contain($"{path}(1): The case has no 'expected'."));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void FromJsonl_ReadsAStringByteOrderMarkAtTheStartOfText()
    {
        var set = EvalSet.FromJsonl<string, string>(new StringReader("\uFEFF{\"input\": \"hi\", \"expected\": \"hello\"}"), "greetings");

        Assert.That(set.Cases.Single().Input, Is.EqualTo("hi"));
    }

    [Test]
    public void FromJsonl_ListsAtMostTwentyErrorsInTheMessage_AndAllInErrors()
    {
        var text = string.Join("\n", Enumerable.Range(1, 25).Select(_ => "{\"input\": {\"text\": \"Refund please\"}}"));

        var ex = LoadFails(text);

        Assert.That(ex.Errors, Has.Count.EqualTo(25));
        Assert.That(ex.Message, Does.Contain("tickets.jsonl(20):").And.Not.Contain("tickets.jsonl(21):").And.Contain("... and 5 more (see Errors)."));
    }
}
