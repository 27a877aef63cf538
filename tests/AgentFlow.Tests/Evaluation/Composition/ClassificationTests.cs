using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using AgentFlow.Evaluation;
using AgentFlow.Testing;
using AgentFlow.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AgentFlow.Tests.Evaluation.Composition;

/// <summary>
/// Each case's class (passed, task failed, scoring failed, wrong route, sub-task incorrect, composability gap) and the
/// precedence between them, on a flow whose model is scripted: which country has a capital, which fact the question
/// asks for (a route decided by the model), the fact from code, and a composed answer.
/// </summary>
public sealed class ClassificationTests
{
    public enum Fact
    {
        CallingCode,
        Currency,
    }

    private static readonly Dictionary<string, string> Countries = new() { ["Nairobi"] = "Kenya", ["Oslo"] = "Norway", ["Lima"] = "Peru" };

    private static readonly Dictionary<string, string> Codes = new() { ["Kenya"] = "+254", ["Norway"] = "+47", ["Peru"] = "+51", ["Sweden"] = "+46" };

    private static readonly Dictionary<string, string> Currencies = new() { ["Kenya"] = "Kenyan shilling", ["Norway"] = "Norwegian krone", ["Peru"] = "Peruvian sol", ["Sweden"] = "Swedish krona" };

    private static readonly SubTask<string, string> Country = SubTask.At("qa/country", Scorers.Exact<string>());

    private static readonly SubTask<string, string> Code = SubTask.At("qa/fact[CallingCode]/calling-code", Scorers.Exact<string>());

    /// <summary>qa: country (prompt) -> fact (route by the model) -> calling-code or currency (code) -> compose (prompt).</summary>
    private static Flow<string, string> Qa() => Flow.Define<string>("qa")
        .Then(FlowTask.FromPrompt<string, string>("country", new Prompt("country", "1", "Which country has the capital {{$input}}?")))
        .Then(Flow.Branch<string, Fact, string>("fact")
            .DecideByLlm(country => $"Which fact about {country} does the question ask for?")
            .Case(Fact.CallingCode, FlowTask.Create("calling-code", (string country) => Codes[country]))
            .Case(Fact.Currency, FlowTask.Create("currency", (string country) => Currencies[country]))
            .Build())
        .Then(FlowTask.FromPrompt<string, string>("compose", new Prompt("compose", "1", "The fact is {{$input}}. Answer the question.")))
        .Build();

    /// <summary>A model that answers right, except where a test plants another answer.</summary>
    private static ScriptedChatClient Model(
        Dictionary<string, string>? countries = null, Dictionary<string, string>? facts = null, Dictionary<string, string>? answers = null, string? failing = null)
        => new ScriptedChatClient()
            .WhenNode("qa/country", r =>
            {
                var capital = Countries.Keys.Single(r.LastUserText.Contains);
                return capital == failing
                    ? ScriptedReply.Throw(new InvalidOperationException($"The model refused to name the country of {capital}."))
                    : countries?.GetValueOrDefault(capital) ?? Countries[capital];
            })
            .WhenNode("qa/fact", r => ScriptedReply.Choice(facts?.FirstOrDefault(f => r.LastUserText.Contains(f.Key)).Value ?? "CallingCode"))
            .WhenNode("qa/compose", r =>
            {
                var fact = r.LastUserText["The fact is ".Length..r.LastUserText.IndexOf(". Answer", StringComparison.Ordinal)];
                return answers?.GetValueOrDefault(fact) ?? fact;
            });

    private static CompositionCase<string, string> Case(string capital, string code)
        => new CompositionCase<string, string>(capital, capital, code) { Category = "calling-code" }
            .Expect(Country, Countries[capital])
            .Expect(Code, code)
            .ExpectRoute("qa/fact", Fact.CallingCode);

    private static readonly CompositionSet<string, string> Set = CompositionSet.Create("capitals", [Case("Nairobi", "+254"), Case("Oslo", "+47"), Case("Lima", "+51")]);

    private static CompositionOptions Options(ScriptedChatClient model) => new() { Evaluation = { RunOptions = _ => new RunOptions { ChatClient = model } } };

    private static async Task<CompositionCaseResult> Analyse(ScriptedChatClient model, string id = "Nairobi")
    {
        var analysis = await CompositionAnalyzer.RunAsync(Qa(), Set, Scorers.Exact<string>(), Options(model));
        return analysis.Cases.Single(c => c.Id == id);
    }

    [Test]
    public async Task EveryStepAndTheFinalRight_IsPassed()
    {
        var result = await Analyse(Model());

        Assert.That((result.Outcome, result.SubTasksRight, result.FinalRight, result.FirstWrongPath), Is.EqualTo((CompositionOutcome.Passed, (bool?)true, (bool?)true, (string?)null)));
        Assert.That(result.Steps.Select(s => (s.Path, s.Kind, s.Status, s.RunPath)), Is.EqualTo(new[]
        {
            ("qa/country", StepKind.SubTask, StepStatus.Right, "qa/country"),
            ("qa/fact", StepKind.Route, StepStatus.Right, "qa/fact"),
            ("qa/fact[CallingCode]/calling-code", StepKind.SubTask, StepStatus.Right, "qa/fact[CallingCode]/calling-code"),
        }), "steps in the order they happened in the run, not the order listed");
        Assert.That(result.Steps[0].Actual!.Value.GetString(), Is.EqualTo("Kenya"));
        Assert.That(result.Steps[1].Detail, Is.EqualTo("chose CallingCode by Llm, confidence 1.00, rationale: \"scripted\""));
        Assert.That(result.Final.Actual!.Value.GetString(), Is.EqualTo("+254"));
        Assert.That(result.Explanation, Is.EqualTo("The final output passed."));
    }

    [Test]
    public async Task AllStepsRight_AndTheFinalWrong_IsTheCompositionGap()
    {
        var result = await Analyse(Model(answers: new() { ["+254"] = "+255" }));

        Assert.That((result.Outcome, result.SubTasksRight, result.FinalRight), Is.EqualTo((CompositionOutcome.CompositionGap, (bool?)true, (bool?)false)));
        Assert.That(result.Steps.Select(s => s.Status), Is.All.EqualTo(StepStatus.Right));
        Assert.That(result.FirstWrongPath, Is.Null);
        Assert.That(result.Explanation, Is.EqualTo("Every listed sub-task and route was right (3), but the final output is wrong (expected \"+254\", got \"+255\")."));
    }

    [Test]
    public async Task AWrongSubTask_AndTheFinalWrong_IsSubTaskIncorrect_WithTheFirstWrongStep()
    {
        var result = await Analyse(Model(countries: new() { ["Nairobi"] = "Sweden" }));

        Assert.That((result.Outcome, result.SubTasksRight, result.FinalRight), Is.EqualTo((CompositionOutcome.SubTaskIncorrect, (bool?)false, (bool?)false)));
        Assert.That(result.Steps.Select(s => s.Status), Is.EqualTo(new[] { StepStatus.Wrong, StepStatus.Right, StepStatus.Wrong }));
        Assert.That(result.FirstWrongPath, Is.EqualTo("qa/country"), "the country went wrong first; the code of Sweden followed from it");
        Assert.That(result.Explanation, Does.StartWith("The sub-task qa/country was wrong (expected \"Kenya\", got \"Sweden\"). The final output is wrong"));
    }

    [Test]
    public async Task AWrongRoute_IsWrongRoute_AndTheSubTaskItSkipped_DidNotRun()
    {
        var result = await Analyse(Model(facts: new() { ["Kenya"] = "Currency" }));

        Assert.That((result.Outcome, result.SubTasksRight, result.FinalRight), Is.EqualTo((CompositionOutcome.WrongRoute, (bool?)false, (bool?)false)));
        var code = result.Steps.Single(s => s.Path == Code.Path);
        Assert.That((code.Status, code.Detail, code.Actual), Is.EqualTo((StepStatus.NotRun, "it did not run", (JsonElement?)null)));
        Assert.That(result.Steps.Single(s => s.Kind == StepKind.Route).Actual!.Value.GetString(), Is.EqualTo("Currency"));
        Assert.That(result.Explanation, Does.StartWith("The route at qa/fact chose Currency, CallingCode was expected."));
    }

    [Test]
    public async Task WrongRoute_TakesPrecedenceOverAnEarlierWrongSubTask()
    {
        // Sweden instead of Kenya (the first wrong step), then the currency instead of the calling code.
        var result = await Analyse(Model(countries: new() { ["Nairobi"] = "Sweden" }, facts: new() { ["Sweden"] = "Currency" }));

        Assert.That(result.Outcome, Is.EqualTo(CompositionOutcome.WrongRoute));
        Assert.That(result.FirstWrongPath, Is.EqualTo("qa/country"), "the first wrong step is still the sub-task: the class and the first wrong node answer different questions");
    }

    [Test]
    public async Task AFinalRightDespiteWrongSteps_IsPassed_AndCountsAsSubTasksWrongFinalRight()
    {
        // The model names the wrong country but composes the right answer anyway.
        var model = Model(countries: new() { ["Nairobi"] = "Sweden" }, answers: new() { ["+46"] = "+254" });
        var analysis = await CompositionAnalyzer.RunAsync(Qa(), Set, Scorers.Exact<string>(), Options(model));

        var result = analysis.Cases[0];
        Assert.That((result.Outcome, result.SubTasksRight, result.FinalRight), Is.EqualTo((CompositionOutcome.Passed, (bool?)false, (bool?)true)));
        Assert.That(result.Explanation, Does.StartWith("The final output passed, although the sub-task qa/country was wrong"));
        Assert.That((analysis.Summary.Table.SubTasksWrongFinalRight, analysis.Summary.Table.BothRight, analysis.Summary.Passed), Is.EqualTo((1, 2, 3)));
    }

    [Test]
    public async Task ARunThatThrows_IsTaskFailed_WhateverItsSteps_AndIsLeftOutOfTheTableAndTheGap()
    {
        var analysis = await CompositionAnalyzer.RunAsync(Qa(), Set, Scorers.Exact<string>(), Options(Model(failing: "Oslo", answers: new() { ["+254"] = "+1" })));

        var failed = analysis.Cases[1];
        Assert.That((failed.Outcome, failed.SubTasksRight, failed.FinalRight), Is.EqualTo((CompositionOutcome.TaskFailed, (bool?)null, (bool?)null)));
        Assert.That(failed.Steps.Select(s => s.Status), Is.EqualTo(new[] { StepStatus.NotReached, StepStatus.NotReached, StepStatus.NotReached }));
        Assert.That(failed.Steps[0].Detail, Does.StartWith("it failed:"), "the failing sub-task ran and failed: neither right nor wrong");
        Assert.That(failed.Explanation, Does.StartWith("The run did not complete at qa/country: ").And.Contain("refused to name the country of Oslo"));
        Assert.That(failed.Final.Error!.Kind, Is.EqualTo(CaseErrorKind.TaskFailed));
        Assert.That((analysis.Summary.TaskFailed, analysis.Summary.CompositionGap, analysis.Summary.Passed), Is.EqualTo((1, 1, 1)));
        Assert.That((analysis.Summary.Table.Cases, analysis.Summary.Gap.GapCases, analysis.Summary.Gap.SubTasksRightCases), Is.EqualTo((2, 1, 2)), "the failed run counts in neither");
        Assert.That(analysis.Summary.Accuracy, Is.EqualTo(1 / 3.0), "but it counts against the accuracy");
        Assert.That(analysis.Nodes.Single(n => n.Path == "qa/country").TaskFailures, Is.EqualTo(1));
    }

    [Test]
    public async Task AReplyThatNeverValidates_IsTaskFailed()
    {
        var flow = Flow.Define<string>("qa")
            .Then(FlowTask.FromPrompt<string, CountryReply>("country", new Prompt("country", "1", "Which country has the capital {{$input}}?")))
            .Then("name", (CountryReply reply) => reply.Country)
            .Build();
        var model = new ScriptedChatClient().WhenNode("qa/country", _ => "Kenya, I think.");
        var set = CompositionSet.Create("capitals", [new CompositionCase<string, string>("n", "Nairobi", "Kenya").Expect(SubTask.At("qa/name", Scorers.Exact<string>()), "Kenya")]);

        var result = (await CompositionAnalyzer.RunAsync(flow, set, Scorers.Exact<string>(), Options(model))).Cases.Single();

        Assert.That(result.Outcome, Is.EqualTo(CompositionOutcome.TaskFailed));
        Assert.That(result.Final.Error!.ExceptionType, Is.EqualTo(nameof(OutputValidationException)));
        Assert.That(result.Steps.Single().Status, Is.EqualTo(StepStatus.NotReached));
    }

    public sealed record CountryReply([property: Required] string Country);

    [Test]
    public async Task ACaseOverItsTimeout_IsTaskFailed()
    {
        var clock = new FakeTimeProvider();
        var started = Signal.Create();
        var flow = Flow.Define<string>("qa")
            .Then("country", (string capital) => Countries[capital])
            .Then(FlowTask.Create<string, string>("code", async (country, ct) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return Codes[country];
            }))
            .Build();
        var set = CompositionSet.Create("capitals", [new CompositionCase<string, string>("n", "Nairobi", "+254").Expect(Country, "Kenya")]);
        var options = new CompositionOptions { Evaluation = { CaseTimeout = TimeSpan.FromSeconds(30), TimeProvider = clock } };

        var running = CompositionAnalyzer.RunAsync(flow, set, Scorers.Exact<string>(), options);
        await started.Task.WaitAsync(Signal.Timeout);
        clock.Advance(TimeSpan.FromSeconds(31));
        var result = (await running.WaitAsync(Signal.Timeout)).Cases.Single();

        Assert.That((result.Outcome, result.Final.Error!.Kind, result.Final.Error.NodePath), Is.EqualTo((CompositionOutcome.TaskFailed, CaseErrorKind.TimedOut, "qa/code")));
        Assert.That(result.Steps.Single().Status, Is.EqualTo(StepStatus.Right), "a sub-task that ran before the timeout is still scored");
        Assert.That(result.SubTasksRight, Is.Null);
    }

    [Test]
    public async Task AFinalOutputTheScorerCannotScore_IsScoringFailed_EvenWithAWrongRoute()
    {
        var scorer = Scorers.Custom<string, string>("picky", (_, _) => Score.FromError("The judge never answered."));

        var analysis = await CompositionAnalyzer.RunAsync(Qa(), Set, scorer, Options(Model(facts: new() { ["Kenya"] = "Currency" })));

        var result = analysis.Cases[0];
        Assert.That((result.Outcome, result.FinalRight, result.SubTasksRight), Is.EqualTo((CompositionOutcome.ScoringFailed, (bool?)null, (bool?)false)));
        Assert.That(result.Explanation, Is.EqualTo("The final output could not be scored: The judge never answered."));
        Assert.That(analysis.Summary.Table.Cases, Is.Zero);
        Assert.That(analysis.Summary.Gap.IsDefined, Is.False);
    }

    [Test]
    public async Task ASubTaskTheScorerCannotScore_IsScoringFailed_OnlyWhenNothingElseExplainsTheFailure()
    {
        var unscorable = SubTask.At("qa/country", Scorers.Custom<string, string>("country-judge", (_, actual) => actual == "Norway" ? throw new FormatException("Cannot read Norway.") : Score.FromError("No verdict.")));
        var set = CompositionSet.Create("capitals", [
            new CompositionCase<string, string>("alone", "Nairobi", "+254").Expect(unscorable, "Kenya").ExpectRoute("qa/fact", "CallingCode"),
            new CompositionCase<string, string>("with-wrong-route", "Oslo", "+47").Expect(unscorable, "Norway").ExpectRoute("qa/fact", "CallingCode"),
            new CompositionCase<string, string>("final-right", "Lima", "+51").Expect(unscorable, "Peru"),
        ]);
        var model = Model(facts: new() { ["Norway"] = "Currency" }, answers: new() { ["+254"] = "+1" });

        var analysis = await CompositionAnalyzer.RunAsync(Qa(), set, Scorers.Exact<string>(), Options(model));

        Assert.That(analysis.Cases.Select(c => (c.Outcome, c.SubTasksRight)), Is.EqualTo(new[]
        {
            (CompositionOutcome.ScoringFailed, (bool?)null),
            (CompositionOutcome.WrongRoute, (bool?)false),
            (CompositionOutcome.Passed, (bool?)null),
        }));
        Assert.That(analysis.Cases[0].Explanation, Is.EqualTo("The final output is wrong (expected \"+254\", got \"+1\"), and the sub-task qa/country could not be scored: No verdict."));
        Assert.That(analysis.Cases[1].Steps[0].Detail, Is.EqualTo("The scorer 'country-judge' threw FormatException: Cannot read Norway."));
        Assert.That(analysis.Summary.Table.Cases, Is.EqualTo(1), "only the case whose sub-tasks are known to be wrong");
        Assert.That(analysis.Nodes.Single(n => n.Path == "qa/country").ScoringFailed, Is.EqualTo(3));
    }

    /// <summary>The precedence, on made-up results: each row's outcome is the first class that holds.</summary>
    public static IEnumerable<TestCaseData> Precedence()
    {
        static TestCaseData Row(string name, CompositionOutcome expected, CaseErrorKind? error, bool finalPassed, params StepStatus[] steps)
            => new TestCaseData(error, finalPassed, steps).Returns(expected).SetName($"Precedence_{name}");

        var failed = CaseErrorKind.TaskFailed;
        yield return Row("TaskFailed_BeatsEverything", CompositionOutcome.TaskFailed, failed, false, StepStatus.Wrong, StepStatus.ScoringFailed);
        yield return Row("TimedOut_IsTaskFailed", CompositionOutcome.TaskFailed, CaseErrorKind.TimedOut, false, StepStatus.Right);
        yield return Row("FinalUnscorable_BeatsWrongSteps", CompositionOutcome.ScoringFailed, CaseErrorKind.ScorerFailed, false, StepStatus.Wrong);
        yield return Row("Passed_BeatsWrongSteps", CompositionOutcome.Passed, null, true, StepStatus.Wrong, StepStatus.NotRun, StepStatus.ScoringFailed);
        yield return Row("WrongRoute_BeatsWrongSubTask", CompositionOutcome.WrongRoute, null, false, StepStatus.Wrong, StepStatus.Wrong);
        yield return Row("RouteNotMade_IsWrongRoute", CompositionOutcome.WrongRoute, null, false, StepStatus.Right, StepStatus.NotRun);
        yield return Row("WrongSubTask_BeatsUnscorableSubTask", CompositionOutcome.SubTaskIncorrect, null, false, StepStatus.Wrong, StepStatus.Right, StepStatus.ScoringFailed);
        yield return Row("SubTaskNotRun_IsSubTaskIncorrect", CompositionOutcome.SubTaskIncorrect, null, false, StepStatus.NotRun, StepStatus.Right);
        yield return Row("UnscorableSubTask_BeatsGap", CompositionOutcome.ScoringFailed, null, false, StepStatus.ScoringFailed, StepStatus.Right);
        yield return Row("AllRight_FinalWrong_IsGap", CompositionOutcome.CompositionGap, null, false, StepStatus.Right, StepStatus.Right);
    }

    /// <param name="steps">The first is a sub-task, the second a route, further ones sub-tasks.</param>
    [TestCaseSource(nameof(Precedence))]
    public CompositionOutcome Classify_GivesTheFirstClassThatHolds(CaseErrorKind? error, bool finalPassed, StepStatus[] steps)
    {
        var json = JsonSerializer.SerializeToElement("x");
        var final = new CaseResult
        {
            Id = "c",
            Tags = [],
            Input = json,
            Expected = json,
            Outcome = error is not null ? CaseOutcome.Error : finalPassed ? CaseOutcome.Passed : CaseOutcome.Failed,
            Score = error is null ? (finalPassed ? Score.Pass() : Score.Fail("wrong")) : null,
            Error = error is { } kind ? new CaseError(kind, "it went wrong", NodePath: "qa/step") : null,
            Latency = TimeSpan.Zero,
        };
        var results = steps.Select((status, i) => new StepResult
        {
            Path = $"qa/step{i}",
            Kind = i == 1 ? StepKind.Route : StepKind.SubTask,
            Status = status,
            Expected = json,
        }).ToList();

        return CaseAnalyzer<string, string>.Classify(final, results, results.FirstOrDefault(s => s.Wrong)).Outcome;
    }
}
