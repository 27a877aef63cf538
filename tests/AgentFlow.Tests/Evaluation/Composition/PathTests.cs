using AgentFlow.Evaluation;
using AgentFlow.Testing;

namespace AgentFlow.Tests.Evaluation.Composition;

/// <summary>
/// How expectations name nodes in loops and maps, and how they are checked against the flow before anything runs:
/// unknown paths, outputs the scorer cannot score, routes at nodes that decide nothing, labels a branch does not have.
/// </summary>
public sealed class PathTests
{
    public enum Fact
    {
        CallingCode,
        Currency,
    }

    /// <summary>qa: a loop whose body appends a mark, until the model says stop; then each letter's code in a map, joined.</summary>
    private static Flow<string, string> Loops() => Flow.Define<string>("qa")
        .Then(Flow.Loop("refine", FlowTask.Create("draft", (string text) => text + "!"))
            .UntilLlm(text => $"Is '{text}' ready?")
            .MaxIterations(5)
            .Build())
        .Then("letters", (string text) => (IReadOnlyList<char>)[.. text])
        .Then(Flow.Map("each", FlowTask.Create("code", (char c) => (int)c), maxDegreeOfParallelism: 2))
        .Then("join", (IReadOnlyList<int> codes) => string.Join(",", codes))
        .Build();

    private static ScriptedChatClient StopsAfterTwo() => new ScriptedChatClient()
        .WhenNode("qa/refine", r => ScriptedReply.Choice(r.LastUserText.Contains("!!", StringComparison.Ordinal) ? "stop" : "continue"));

    private static Task<CompositionAnalysis> Analyse<TOut>(FlowTask<string, TOut> flow, CompositionSet<string, TOut> set, ScriptedChatClient? model = null)
        => CompositionAnalyzer.RunAsync(flow, set, Scorers.Exact<TOut>(), new CompositionOptions { Evaluation = { RunOptions = _ => new RunOptions { ChatClient = model } } });

    private static CompositionCase<string, string> Case(string id = "hi") => new(id, "hi", "104,105,33,33");

    [Test]
    public async Task ADefinitionPathInALoop_NamesTheLastIteration_AndARunTimePath_ThatIteration()
    {
        var draft = SubTask.At("qa/refine/draft", Scorers.Exact<string>());
        var firstDraft = SubTask.At("qa/refine#1/draft", Scorers.Exact<string>());
        var thirdDraft = SubTask.At("qa/refine#3/draft", Scorers.Exact<string>());
        var set = CompositionSet.Create("loops", [
            Case().Expect(draft, "hi!!").Expect(firstDraft, "hi!").Expect(thirdDraft, "hi!!!")
                .ExpectRoute("qa/refine", "stop").ExpectRoute("qa/refine#1", "continue"),
        ]);

        var result = (await Analyse(Loops(), set, StopsAfterTwo())).Cases.Single();

        Assert.That(result.Steps.Select(s => (s.Path, s.Status, s.RunPath)), Is.EqualTo(new (string, StepStatus, string?)[]
        {
            ("qa/refine#1/draft", StepStatus.Right, "qa/refine#1/draft"),
            ("qa/refine#1", StepStatus.Right, "qa/refine#1"),
            ("qa/refine/draft", StepStatus.Right, "qa/refine#2/draft"),
            ("qa/refine", StepStatus.Right, "qa/refine#2"),
            ("qa/refine#3/draft", StepStatus.NotRun, null),
        }), "each loop exit is decided after its iteration's body");
        Assert.That(result.Outcome, Is.EqualTo(CompositionOutcome.Passed));
        Assert.That(result.SubTasksRight, Is.False, "the third iteration never ran");
    }

    [Test]
    public async Task AnItemOfAMap_IsNamedByItsIndex()
    {
        var second = SubTask.At("qa/each#1/code", Scorers.Exact<int>());
        var set = CompositionSet.Create("maps", [Case().Expect(second, 105), Case("wrong").Expect(second, 106)]);

        var analysis = await Analyse(Loops(), set, StopsAfterTwo());

        Assert.That(analysis.Cases.Select(c => (c.Steps.Single().Status, c.Steps.Single().RunPath)), Is.EqualTo(new[] { (StepStatus.Right, "qa/each#1/code"), (StepStatus.Wrong, "qa/each#1/code") }));
    }

    [Test]
    public void ANodeInAMap_WithoutItsItem_IsRefusedBeforeAnythingRuns()
    {
        var set = CompositionSet.Create("maps", [Case().Expect(SubTask.At("qa/each/code", Scorers.Exact<int>()), 104)]);

        var ex = Assert.ThrowsAsync<CompositionExpectationException>(() => Analyse(Loops(), set, StopsAfterTwo()))!;

        Assert.That(ex.Errors, Is.EqualTo(new[]
        {
            new ExpectationError("qa/each/code", "The node runs once per item of the map 'qa/each', so this path names no one execution: name the item, such as 'qa/each#0/code'."),
        }));
    }

    [Test]
    public void ExpectationsThatDoNotFitTheFlow_AreAllListed_WithTheirPaths_BeforeAnythingRuns()
    {
        var runs = 0;
        var flow = Flow.Define<string>("qa")
            .Then("count", (string text) =>
            {
                Interlocked.Increment(ref runs);
                return text.Length;
            })
            .Then(Flow.Branch<int, Fact, string>("fact")
                .DecideBy(n => n > 3 ? Fact.Currency : Fact.CallingCode)
                .Case(Fact.CallingCode, FlowTask.Create("calling-code", (int n) => $"+{n}"))
                .Case(Fact.Currency, FlowTask.Create("currency", (int n) => $"{n} kr"))
                .Build())
            .Build();
        var set = CompositionSet.Create("bad", [
            new CompositionCase<string, string>("a", "abc", "+3")
                .Expect(SubTask.At("qa/cuont", Scorers.Exact<int>()), 3)
                .Expect(SubTask.At("qa/fact[CallingCode]/calling-code", Scorers.Exact<int>()), 3)
                .Expect(SubTask.At("qa/count#1", Scorers.Exact<int>()), 3)
                .ExpectRoute("qa/count", "x")
                .ExpectRoute("qa/fact", "callingcode"),
            new CompositionCase<string, string>("b", "abcd", "4 kr").ExpectRoute("qa/fact", "Sales"),
        ]);

        var ex = Assert.ThrowsAsync<CompositionExpectationException>(() => CompositionAnalyzer.RunAsync(flow, set, Scorers.Exact<string>()))!;

        Assert.That(runs, Is.Zero, "nothing ran");
        Assert.That((ex.FlowName, ex.SetName), Is.EqualTo(("qa", "bad")));
        Assert.That(ex.Errors.Select(e => e.Path), Is.EqualTo(new[] { "qa/count", "qa/count#1", "qa/cuont", "qa/fact", "qa/fact", "qa/fact[CallingCode]/calling-code" }));
        Assert.That(ex.Errors[0].Message, Does.StartWith("The node is a Code task: only a branch (its case) and a loop (its exit, stop or continue) make route decisions."));
        Assert.That(ex.Errors[1].Message, Does.StartWith("'count#1' has an index, but 'qa/count' is a Code node"));
        Assert.That(ex.Errors[2].Message, Does.StartWith("No node of the flow 'qa' is at this path.").And.Contain("qa/count"));
        Assert.That(ex.Errors[3].Message, Is.EqualTo("The label 'callingcode' (expected by case 'a') is not one of the node's: CallingCode, Currency. Labels are compared exactly: did you mean 'CallingCode'?"));
        Assert.That(ex.Errors[4].Message, Is.EqualTo("The label 'Sales' (expected by case 'b') is not one of the node's: CallingCode, Currency."));
        Assert.That(ex.Errors[5].Message, Does.StartWith("The node returns String, but the sub-task's scorer 'exact' scores Int32."));
        Assert.That(ex.Message, Does.StartWith("The composition set 'bad' does not fit the flow 'qa' (6 errors):\n  qa/count: The node is a Code task"));
    }

    [Test]
    public async Task AScorerOfABaseType_ScoresTheNodesOutput()
    {
        var flow = Flow.Define<string>("qa").Then("upper", (string s) => s.ToUpperInvariant()).Then("length", (string s) => s.Length).Build();
        var anything = SubTask.At("qa/upper", Scorers.Custom<string, object>("text", (expected, actual) => actual.ToString() == expected));
        var set = CompositionSet.Create("base", [new CompositionCase<string, int>("a", "abc", 3).Expect(anything, "ABC")]);

        var analysis = await CompositionAnalyzer.RunAsync(flow, set, Scorers.Exact<int>());

        Assert.That(analysis.Cases.Single().Steps.Single().Status, Is.EqualTo(StepStatus.Right));
    }
}
