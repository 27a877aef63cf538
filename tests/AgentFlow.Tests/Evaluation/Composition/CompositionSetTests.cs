using System.ComponentModel.DataAnnotations;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Composition;

/// <summary>Composition sets: cases with expected sub-task results and routes, from JSON Lines or a list, every error with its line.</summary>
public sealed class CompositionSetTests
{
    public sealed record Country([property: Required, MinLength(2)] string Name, string Code = "");

    private static readonly SubTask<string, string> CountryName = SubTask.At("qa/country", Scorers.NormalizedText());

    private static readonly SubTask<Country, Country> CountryRecord = SubTask.At("qa/lookup", Scorers.Exact<Country>());

    private static readonly SubTask[] Declared = [CountryName, CountryRecord];

    private static CompositionSet<string, string> Load(string text) => CompositionSet.FromJsonl<string, string>(new StringReader(text), "capitals.jsonl", Declared);

    private static EvalSetLoadException LoadFails(string text) => Assert.Throws<EvalSetLoadException>(() => Load(text))!;

    [Test]
    public void FromJsonl_ReadsCasesWithTypedSubTaskResults_RoutesAndCategories()
    {
        var set = Load(
            """
            {"id": "nairobi", "input": "Calling code of the country whose capital is Nairobi?", "expected": "+254", "category": "calling-code", "subtasks": {"qa/country": "Kenya", "qa/lookup": {"name": "Kenya", "code": "+254"}}, "routes": {"qa/fact": "CallingCode"}, "tags": ["africa"]}

            {"input": "Currency of the country whose capital is Oslo?", "expected": "Norwegian krone", "routes": {"qa/fact": "Currency"}}
            """);

        Assert.That(set.Name, Is.EqualTo("capitals.jsonl"));
        Assert.That(set.Cases.Select(c => c.Id), Is.EqualTo(new[] { "nairobi", "line-3" }));
        var nairobi = set.Cases[0];
        Assert.That((nairobi.Input, nairobi.Expected, nairobi.Category), Is.EqualTo(("Calling code of the country whose capital is Nairobi?", "+254", "calling-code")));
        Assert.That(nairobi.SubTasks.Select(s => (s.Path, s.Expected)), Is.EqualTo(new (string, object)[] { ("qa/country", "Kenya"), ("qa/lookup", new Country("Kenya", "+254")) }));
        Assert.That(nairobi.SubTasks[1].SubTask, Is.SameAs(CountryRecord), "each value is read with the sub-task declared at its path");
        Assert.That(nairobi.Routes, Is.EqualTo(new[] { new RouteExpectation("qa/fact", "CallingCode") }));
        Assert.That(nairobi.Tags, Is.EqualTo(new[] { "africa" }));
        Assert.That((set.Cases[1].Category, set.Cases[1].SubTasks.Count), Is.EqualTo(((string?)null, 0)));
        Assert.That(set.Categories, Is.EqualTo(new[] { "calling-code" }));
        Assert.That(set.SubTasks, Is.EqualTo(new SubTask[] { CountryName, CountryRecord }));
    }

    [Test]
    public void FromJsonl_ListsEveryErrorOfTheFile_WithItsLine()
    {
        var ex = LoadFails(
            """
            {"id": "ok", "input": "q", "expected": "a", "subtasks": {"qa/country": "Kenya"}}
            {"id": "nothing", "input": "q", "expected": "a"}
            {"id": "unknown", "input": "q", "expected": "a", "subtasks": {"qa/contry": "Kenya"}}
            {"id": "wrong-type", "input": "q", "expected": "a", "subtasks": {"qa/lookup": "Kenya"}}
            {"id": "invalid", "input": "q", "expected": "a", "subtasks": {"qa/lookup": {"name": "K"}}}
            {"id": "label", "input": "q", "expected": "a", "routes": {"qa/fact": 3}}
            {"id": "routes", "input": "q", "expected": "a", "routes": ["qa/fact"]}
            {"id": "category", "input": "q", "expected": "a", "category": " padded ", "routes": {"qa/fact": "Currency"}}
            {"id": "ok", "input": "q", "expected": "a", "routes": {"qa/fact": "Currency"}}
            {"id": "typo", "input": "q", "expected": "a", "subtask": {"qa/country": "Kenya"}}
            {"id": "path", "input": "q", "expected": "a", "routes": {"qa//fact": "Currency"}}
            """);

        Assert.That(ex.FileName, Is.EqualTo("capitals.jsonl"));
        Assert.That(ex.Errors.Select(e => e.Line), Is.EqualTo(new[] { 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }));
        Assert.That(ex.Errors[0].Message, Does.StartWith("Case 'nothing' expects no sub-task result and no route"));
        Assert.That(ex.Errors[1].Message, Is.EqualTo("Unknown sub-task 'qa/contry': give a SubTask at this path to the loader (declared: qa/country, qa/lookup)."));
        Assert.That(ex.Errors[2].Message, Does.StartWith("'subtasks.qa/lookup' is not a valid Country"));
        Assert.That(ex.Errors[3].Message, Does.StartWith("'subtasks.qa/lookup' is not valid:").And.Contain("Name"));
        Assert.That(ex.Errors[4].Message, Does.StartWith("The route 'qa/fact' must be a case label as a non-empty string, not a number"));
        Assert.That(ex.Errors[5].Message, Does.StartWith("'routes' must be an object"));
        Assert.That(ex.Errors[6].Message, Is.EqualTo("Case 'category': the category ' padded ' has leading or trailing spaces; remove them."));
        Assert.That(ex.Errors[7].Message, Does.StartWith("Duplicate id 'ok': line 1"));
        Assert.That(ex.Errors[8].Message, Does.StartWith("Unknown property 'subtask'"));
        Assert.That(ex.Errors[9].Message, Does.StartWith("'routes': The node path 'qa//fact' has an empty segment"));
        Assert.That(ex.Message, Does.StartWith("The eval set 'capitals.jsonl' is not valid (10 errors):").And.Contain("capitals.jsonl(3): Unknown sub-task 'qa/contry'"));
    }

    [TestCase("")]
    [TestCase("\n \n")]
    public void FromJsonl_WithNoCase_Fails(string text)
    {
        Assert.That(LoadFails(text).Errors.Single().Message, Does.StartWith("The file holds no cases"));
    }

    [Test]
    public void FromJsonl_RefusesTwoSubTasksAtOnePath()
    {
        Assert.That(
            () => CompositionSet.FromJsonl<string, string>(new StringReader(""), "x", [CountryName, SubTask.At("qa/country", Scorers.Exact<string>())]),
            Throws.ArgumentException.With.Message.Contain("Two sub-tasks are declared at 'qa/country'"));
    }

    [Test]
    public void FromJsonl_ReadsAFile_NamedAfterIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"capitals-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, "\uFEFF{\"input\": \"q\", \"expected\": \"a\", \"subtasks\": {\"qa/country\": \"Kenya\"}}\r\n");
        try
        {
            var set = CompositionSet.FromJsonl<string, string>(path, Declared);

            Assert.That((set.Name, set.Cases.Single().Id), Is.EqualTo((Path.GetFileNameWithoutExtension(path), "line-1")));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Create_CollectsTheSubTasksItsCasesUse_AndChecksEveryCase()
    {
        var set = CompositionSet.Create("capitals", [
            new CompositionCase<string, string>("a", "q1", "+254") { Category = "calling-code" }.Expect(CountryName, "Kenya").ExpectRoute("qa/fact", "CallingCode"),
            new CompositionCase<string, string>("b", "q2", "krone").Expect(CountryRecord, new Country("Norway")).Expect(SubTask.At("qa/country", Scorers.NormalizedText()), "Norway"),
        ]);

        Assert.That(set.SubTasks.Select(s => s.Path), Is.EqualTo(new[] { "qa/country", "qa/lookup" }));

        var ex = Assert.Throws<EvalSetLoadException>(() => CompositionSet.Create("bad", [
            new CompositionCase<string, string>("a", "q", "x").Expect(CountryName, "Kenya"),
            new CompositionCase<string, string>("a", "q", "x").Expect(CountryName, "Kenya"),
            new CompositionCase<string, string>("c", "q", "x"),
            new CompositionCase<string, string>("d", "q", "x").Expect(SubTask.At("qa/country", Scorers.Exact<string>()), "Kenya"),
            new CompositionCase<string, string>("e", "q", "x").Expect(CountryRecord, new Country("K")),
            null!,
        ]))!;

        Assert.That(ex.Errors.Select(e => e.Line), Is.EqualTo(new[] { 2, 3, 4, 5, 6 }));
        Assert.That(ex.Errors[0].Message, Does.StartWith("Duplicate id 'a'"));
        Assert.That(ex.Errors[1].Message, Does.StartWith("Case 'c' expects no sub-task result and no route"));
        Assert.That(ex.Errors[2].Message, Is.EqualTo("The sub-task at 'qa/country' differs from one an earlier case uses: 'exact' of String and String against 'normalized-text' of String and String. Use one SubTask per path."));
        Assert.That(ex.Errors[3].Message, Does.StartWith("'subtasks.qa/lookup' is not valid:"));
        Assert.That(ex.Errors[4].Message, Is.EqualTo("The case is null."));
    }

    [Test]
    public void Case_RefusesBadExpectations_NamingTheCaseAndThePath()
    {
        var @case = new CompositionCase<string, string>("a", "q", "x").Expect(CountryName, "Kenya").ExpectRoute("qa/fact", "Currency");

        Assert.That(() => @case.Expect(CountryName, "Norway"), Throws.ArgumentException.With.Message.Contain("Case 'a' already expects a result of 'qa/country'"));
        Assert.That(() => @case.Expect(CountryName, null!), Throws.ArgumentNullException.With.Message.Contain("'qa/country' is null"));
        Assert.That(() => @case.ExpectRoute("qa/fact", "CallingCode"), Throws.ArgumentException.With.Message.Contain("already expects a decision at 'qa/fact'"));
        Assert.That(() => @case.ExpectRoute("qa/other", " "), Throws.ArgumentException.With.Message.Contain("label expected at 'qa/other' is empty"));
        Assert.That(() => @case.ExpectRoute("/qa", "x"), Throws.ArgumentException.With.Message.Contain("empty segment"));
        Assert.That(() => new CompositionCase<string, string>("a", "q", "x") { Category = "" }, Throws.ArgumentException.With.Message.StartWith("Case 'a': the category is empty."));
        Assert.That(() => SubTask.At(" qa/country", Scorers.Exact<string>()), Throws.ArgumentException.With.Message.Contain("leading or trailing spaces"));
        Assert.That(@case.SubTasks, Has.Count.EqualTo(1), "a case is immutable: failed additions leave it as it was");
    }

    [Test]
    public void ContentHash_CoversTheExpectations_NotTheLayoutOfTheFile()
    {
        var a = Load("""{"id": "x", "input": "q", "expected": "a", "subtasks": {"qa/country": "Kenya"}, "routes": {"qa/fact": "Currency"}}""");
        var reordered = Load("""{"routes": {"qa/fact": "Currency"}, "subtasks": {"qa/country": "Kenya"}, "expected": "a", "input": "q", "id": "x"}""");
        var otherSubTask = Load("""{"id": "x", "input": "q", "expected": "a", "subtasks": {"qa/country": "Kenia"}, "routes": {"qa/fact": "Currency"}}""");
        var otherRoute = Load("""{"id": "x", "input": "q", "expected": "a", "subtasks": {"qa/country": "Kenya"}, "routes": {"qa/fact": "CallingCode"}}""");
        var category = Load("""{"id": "x", "input": "q", "expected": "a", "category": "c", "subtasks": {"qa/country": "Kenya"}, "routes": {"qa/fact": "Currency"}}""");

        Assert.That(reordered.ContentHash, Is.EqualTo(a.ContentHash));
        Assert.That(new[] { otherSubTask.ContentHash, otherRoute.ContentHash, category.ContentHash }, Has.None.EqualTo(a.ContentHash));
        Assert.That(otherSubTask.ToEvalSet().ContentHash, Is.EqualTo(a.ToEvalSet().ContentHash), "the plain set of final outputs does not see the expectations");
    }
}
