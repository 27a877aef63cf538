using System.ComponentModel.DataAnnotations;
using System.Text;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation;

/// <summary>Eval sets from CSV: simple and per-property columns, RFC 4180 quoting, and every error with its line.</summary>
public sealed class EvalSetCsvTests
{
    public enum Team
    {
        Billing,
        Technical,
    }

    public sealed record Ticket([property: Required, MinLength(3)] string Text, int Priority = 0, bool Urgent = false);

    public sealed record Routing(Team Team, IReadOnlyList<string> Labels);

    private static EvalSet<TIn, TExpected> Load<TIn, TExpected>(string text) => EvalSet.FromCsv<TIn, TExpected>(new StringReader(text), "cases.csv");

    private static EvalSetLoadException LoadFails<TIn, TExpected>(string text)
        => Assert.Throws<EvalSetLoadException>(() => Load<TIn, TExpected>(text))!;

    [Test]
    public void FromCsv_ReadsSimpleColumns_WithIdsAndTags()
    {
        var set = Load<string, Team>(
            """
            id,input,expected,tags
            refund,Refund my invoice,Billing,billing; easy
            ,The app crashes,Technical,
            """);

        Assert.That(set.Cases.Select(c => (c.Id, c.Input, c.Expected)), Is.EqualTo(new[]
        {
            ("refund", "Refund my invoice", Team.Billing),
            ("line-3", "The app crashes", Team.Technical),
        }));
        Assert.That(set.Cases[0].Tags, Is.EqualTo(new[] { "billing", "easy" }));
        Assert.That(set.Cases[1].Tags, Is.Empty);
    }

    [Test]
    public void FromCsv_ReadsPropertyColumns_AndJsonForComplexValues()
    {
        var set = Load<Ticket, Routing>(
            """
            Input.Text,input.priority,input.urgent,expected
            Refund my invoice,2,TRUE,"{""team"": ""Billing"", ""labels"": [""refund""]}"
            The app crashes,,,"{""team"": ""Technical"", ""labels"": []}"
            """);

        Assert.That(set.Cases[0].Input, Is.EqualTo(new Ticket("Refund my invoice", 2, Urgent: true)));
        Assert.That(set.Cases[0].Expected.Team, Is.EqualTo(Team.Billing));
        Assert.That(set.Cases[0].Expected.Labels, Is.EqualTo(new[] { "refund" }));
        Assert.That(set.Cases[1].Input, Is.EqualTo(new Ticket("The app crashes")), "an empty property cell leaves the property out");
    }

    [Test]
    public void FromCsv_FollowsRfc4180Quoting_AndCountsLinesInsideQuotedFields()
    {
        var set = Load<string, string>(
            "id,input,expected\n"
            + "comma,\"Hello, world\",\"say \"\"hi\"\"\"\n"
            + "multi,\"line one\nline two\",\"ok\"\n"
            + "after,plain,text\n");

        Assert.That(set.Cases[0].Input, Is.EqualTo("Hello, world"));
        Assert.That(set.Cases[0].Expected, Is.EqualTo("say \"hi\""));
        Assert.That(set.Cases[1].Input, Is.EqualTo("line one\nline two"));
        Assert.That(set.Cases[1].Expected, Is.EqualTo("ok"));
        Assert.That(set.Cases[2].Id, Is.EqualTo("after"));
    }

    [Test]
    public void FromCsv_ReportsTheLineARecordStartsOn_AfterAMultilineField()
    {
        var ex = LoadFails<string, string>(
            "id,input,expected\n"
            + "multi,\"line one\nline two\nline three\",ok\n"
            + "dup,plain,text\n"
            + "dup,plain,text\n");

        Assert.That(ex.Errors.Single().Line, Is.EqualTo(6));
        Assert.That(ex.Errors.Single().Message, Does.Contain("line 5 has it too"));
    }

    [Test]
    public void FromCsv_ListsHeaderErrors_OnLineOne()
    {
        var ex = LoadFails<Ticket, Team>(
            """
            id,input.text,input.colour,input,answer,ID
            a,Refund please,red,x,Billing,b
            """);

        Assert.That(ex.Errors.Select(e => e.Line), Is.All.EqualTo(1));
        var messages = ex.Errors.Select(e => e.Message).ToArray();
        Assert.That(messages, Has.Some.StartsWith("Unknown column 'input.colour': Ticket has no property 'colour'. Its properties: Text, Priority, Urgent."));
        Assert.That(messages, Has.Some.EqualTo("Both 'input' and 'input.<Property>' columns: use one or the other."));
        Assert.That(messages, Has.Some.StartsWith("Unknown column 'answer'."));
        Assert.That(messages, Has.Some.EqualTo("The column 'ID' appears twice."));
        Assert.That(messages, Has.Some.StartsWith("There is no 'expected' column"));
    }

    [Test]
    public void FromCsv_RefusesPropertyColumnsForASimpleType()
    {
        var ex = LoadFails<string, string>("input.length,expected\n5,x\n");

        Assert.That(ex.Errors.Select(e => e.Message), Has.Some.EqualTo("The column 'input.length' names a property, but input is a String: use one 'input' column."));
    }

    [Test]
    public void FromCsv_ListsEveryRowError_WithItsLine()
    {
        var ex = LoadFails<Ticket, Team>(
            """
            id,input.text,input.priority,expected
            ok,Refund please,1,Billing
            short,Hi,1,Billing
            enum,Refund please,1,Sales
            number,Refund please,high,Billing
            fields,Refund please,1
            empty,Refund please,1,
            quote,Refund "please",1,Billing
            ok,Refund again,1,Billing
            """);

        Assert.That(ex.Errors.Select(e => e.Line), Is.EqualTo(new[] { 3, 4, 5, 6, 7, 8, 9 }));
        Assert.That(ex.Errors[0].Message, Does.StartWith("'input' is not valid:"));
        Assert.That(ex.Errors[1].Message, Does.StartWith("'expected' is not a valid Team"));
        Assert.That(ex.Errors[2].Message, Does.StartWith("'input' is not a valid Ticket").And.Contain("$.priority"));
        Assert.That(ex.Errors[3].Message, Is.EqualTo("The row has 3 field(s), the header has 4. Quote a field that holds a comma."));
        Assert.That(ex.Errors[4].Message, Is.EqualTo("'expected' is empty."));
        Assert.That(ex.Errors[5].Message, Does.StartWith("A quote inside a field that does not start with one."));
        Assert.That(ex.Errors[6].Message, Does.StartWith("Duplicate id 'ok'"));
    }

    [Test]
    public void FromCsv_WithAQuoteNeverClosed_NamesTheLineItOpensOn()
    {
        var ex = LoadFails<string, string>("input,expected\na,b\n\"open,c\nd,e\n");

        Assert.That(ex.Errors.Single().Line, Is.EqualTo(3));
        Assert.That(ex.Errors.Single().Message, Does.StartWith("A quoted field is never closed"));
    }

    [Test]
    public void FromCsv_WithTextAfterAClosingQuote_Fails()
    {
        var ex = LoadFails<string, string>("input,expected\n\"a\"b,c\n");

        Assert.That(ex.Errors.Single().Message, Does.StartWith("Text follows a closing quote."));
    }

    [Test]
    public void FromCsv_WithAComplexValueThatIsNotJson_SaysHowToWriteIt()
    {
        var ex = LoadFails<string, Routing>("input,expected\nhello,Billing\n");

        Assert.That(ex.Errors.Single().Message, Does.StartWith("'expected' is not JSON").And.Contain("Routing is written in its cell as JSON"));
    }

    [TestCase("")]
    [TestCase("id,input,expected\n")]
    [TestCase("\n\n")]
    public void FromCsv_WithNoCase_Fails(string text)
    {
        var ex = LoadFails<string, string>(text);

        Assert.That(ex.Errors.Single().Message, Does.StartWith("The file holds no cases"));
    }

    [Test]
    public void FromCsv_ReadsAFileWithAByteOrderMarkAndCrlf()
    {
        var path = Path.Combine(Path.GetTempPath(), $"agentflow-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "id,input,expected\r\na,\"x\r\ny\",Billing\r\n\r\nb,z,Technical\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

            var set = EvalSet.FromCsv<string, Team>(path);

            Assert.That(set.Cases.Select(c => (c.Id, c.Input, c.Expected)), Is.EqualTo(new[] { ("a", "x\r\ny", Team.Billing), ("b", "z", Team.Technical) }));
            Assert.That(set.Name, Is.EqualTo(Path.GetFileNameWithoutExtension(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Errors_NamingATypeNestedInAGenericType_AreStillLoadErrors()
    {
        var ex = Assert.Throws<EvalSetLoadException>(() => Load<Outer<int>.Inner, int>("id,input.Name,input.Colour,expected\na,x,red,1\n"));

        Assert.That(ex!.Errors.Single().Message, Does.Contain("Colour").And.Contain("Inner"));
    }

    public sealed class Outer<T>
    {
        public sealed record Inner(string Name);
    }
}
