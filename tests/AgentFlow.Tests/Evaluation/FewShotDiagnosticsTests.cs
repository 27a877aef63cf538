using System.Text.Json;
using AgentFlow.Evaluation;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Evaluation;

/// <summary>
/// Few-shot diagnostics: a prompt task on its own examples (leave-one-out by default) and on a held-out set, both
/// accuracies with their intervals, the gap, the flags and their thresholds, and the Markdown summary.
/// </summary>
public sealed class FewShotDiagnosticsTests
{
    public enum Team
    {
        Billing,
        Technical,
    }

    public sealed record Triage(Team Team, double Confidence);

    private static readonly Prompt TeamPrompt = new("team", "2", "Team for: {{$input}}", "Answer billing or technical.");

    private static readonly PromptExample<string, string>[] Examples =
    [
        new("refund my invoice", "billing"),
        new("the app crashes", "technical"),
        new("charged twice", "billing"),
        new("login fails", "technical"),
    ];

    private static PromptTask<string, string> TeamTask() => FlowTask.FromPrompt<string, string>("team", TeamPrompt).WithExamples(Examples);

    private static EvalSet<string, string> HeldOut() => EvalSet.Create("tickets", [
        new EvalCase<string, string>("t1", "where is my receipt", "billing"),
        new EvalCase<string, string>("t2", "screen stays black", "technical"),
        new EvalCase<string, string>("t3", "card declined", "billing"),
        new EvalCase<string, string>("t4", "upload is slow", "technical"),
    ]);

    /// <summary>A model that answers each input as <paramref name="answers"/> says, whatever examples the prompt shows.</summary>
    private static ScriptedChatClient Model(Dictionary<string, string> answers)
        => new ScriptedChatClient().When(_ => true, r => answers[r.LastUserText["Team for: ".Length..]]);

    /// <summary>Right on the examples, right on one held-out case of four.</summary>
    private static Dictionary<string, string> Memorising() => new()
    {
        ["refund my invoice"] = "billing",
        ["the app crashes"] = "technical",
        ["charged twice"] = "billing",
        ["login fails"] = "technical",
        ["where is my receipt"] = "billing",
        ["screen stays black"] = "billing",
        ["card declined"] = "technical",
        ["upload is slow"] = "billing",
    };

    private static FewShotOptions Options(ScriptedChatClient model, Action<FewShotOptions>? configure = null)
    {
        var options = new FewShotOptions { Evaluation = new EvaluationOptions { RunOptions = _ => new RunOptions { ChatClient = model } } };
        configure?.Invoke(options);
        return options;
    }

    [Test]
    public async Task RunAsync_RightOnItsExamplesAndWrongOnHeldOutCases_FlagsOverfitting()
    {
        var model = Model(Memorising());

        var report = await FewShotDiagnostics.RunAsync(TeamTask(), HeldOut(), Scorers.Exact<string>(), Options(model));

        Assert.That((report.Examples.Summary.Passed, report.Examples.Summary.Cases), Is.EqualTo((4, 4)));
        Assert.That((report.HeldOut.Summary.Passed, report.HeldOut.Summary.Cases), Is.EqualTo((1, 4)));
        Assert.That((report.ExampleAccuracy, report.HeldOutAccuracy, report.Gap), Is.EqualTo((1.0, 0.25, 0.75)));
        Assert.That(report.ExampleAccuracyInterval.Lower, Is.EqualTo(0.5101).Within(1e-4), "Wilson interval of 4/4");
        Assert.That((report.HeldOutAccuracyInterval.Lower, report.HeldOutAccuracyInterval.Upper), Is.EqualTo((0.0456, 0.6994)).Within(1e-4), "Wilson interval of 1/4");
        Assert.That(report.Findings, Is.EqualTo(FewShotFindings.Overfitting));
        Assert.That((report.Overfitting, report.PromptUnclear), Is.EqualTo((true, false)));
        Assert.That(report.Examples.Cases.Select(c => c.Id), Is.EqualTo(new[] { "example-1", "example-2", "example-3", "example-4" }));
        Assert.That(report.Examples.Cases[1].Expected.GetString(), Is.EqualTo("technical"), "an example expects its own output");
        Assert.That(report.HeldOut.DatasetName, Is.EqualTo("tickets"));
        Assert.That(report.Prompt, Is.EqualTo(new PromptVersion("team", "2", TeamPrompt.ContentHash, TeamTask().ExamplesHash)));
        Assert.That(report.ToString(), Is.EqualTo($"team ({report.Prompt}): examples 4/4 (100.0%), held-out 1/4 (25.0%), gap +75.0 points; Overfitting"));
    }

    [Test]
    public async Task RunAsync_WrongOnItsOwnExamples_FlagsThePromptAsUnclear()
    {
        var answers = Memorising();
        answers["the app crashes"] = "billing";
        answers["login fails"] = "billing";
        answers["screen stays black"] = "technical";
        answers["card declined"] = "billing";

        var report = await FewShotDiagnostics.RunAsync(TeamTask(), HeldOut(), Scorers.Exact<string>(), Options(Model(answers)));

        Assert.That((report.ExampleAccuracy, report.HeldOutAccuracy), Is.EqualTo((0.5, 0.75)));
        Assert.That(report.Findings, Is.EqualTo(FewShotFindings.PromptUnclear));
        Assert.That(report.Examples.Cases.Where(c => !c.Passed).Select(c => c.Id), Is.EqualTo(new[] { "example-2", "example-4" }));
    }

    [Test]
    public async Task RunAsync_ByDefault_AsksEachExampleWithoutItselfInThePrompt()
    {
        var model = Model(Memorising());
        var task = TeamTask();

        var report = await FewShotDiagnostics.RunAsync(task, HeldOut(), Scorers.Exact<string>(), Options(model));

        Assert.That(report.ExampleMode, Is.EqualTo(FewShotExampleMode.LeaveOneOut));
        foreach (var example in Examples)
        {
            var request = model.Requests.Single(r => r.LastUserText == $"Team for: {example.Input}");
            var shown = request.Messages.Take(request.Messages.Count - 1).Where(m => m.Role == ChatRole.User).Select(m => m.Text).ToList();
            Assert.That(shown, Has.Count.EqualTo(3).And.Not.Contain($"Team for: {example.Input}"), $"the prompt for '{example.Input}' shows the other three examples");
        }

        var heldOutRequest = model.Requests.Single(r => r.LastUserText == "Team for: card declined");
        Assert.That(heldOutRequest.Messages.Count(m => m.Role == ChatRole.Assistant), Is.EqualTo(4), "held-out cases run on the task as it is");
        Assert.That(report.Examples.Prompts.Select(p => p.ExamplesHash).ToList(), Is.Unique.And.Count.EqualTo(4).And.No.EqualTo(task.ExamplesHash));
        Assert.That(report.Examples.DatasetName, Is.EqualTo("team-examples"));
    }

    [Test]
    public async Task RunAsync_InPrompt_AsksEachExampleOfTheTaskAsItIs()
    {
        var model = Model(Memorising());

        var report = await FewShotDiagnostics.RunAsync(TeamTask(), HeldOut(), Scorers.Exact<string>(), Options(model, o => o.ExampleMode = FewShotExampleMode.InPrompt));

        var request = model.Requests.Single(r => r.LastUserText == "Team for: charged twice");
        Assert.That(request.Messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text), Has.Exactly(2).EqualTo("Team for: charged twice"), "the example is in its own prompt");
        Assert.That(report.ExampleMode, Is.EqualTo(FewShotExampleMode.InPrompt));
        Assert.That(report.Examples.Prompts.Select(p => p.ExamplesHash), Is.EqualTo(new[] { TeamTask().ExamplesHash }));
    }

    [Test]
    public async Task RunAsync_WithExpectedOutputsOfAnotherType_ScoresExamplesThroughTheMapping()
    {
        var task = FlowTask.FromPrompt<string, Triage>("triage", new Prompt("triage", "1", "Ticket: {{$input}}")).WithExamples(
            new PromptExample<string, Triage>("refund my invoice", new Triage(Team.Billing, 0.9)),
            new PromptExample<string, Triage>("the app crashes", new Triage(Team.Technical, 0.8)));
        var heldOut = EvalSet.Create("tickets", [new EvalCase<string, Team>("t1", "card declined", Team.Billing)]);
        var model = new ScriptedChatClient().When(_ => true, r => ScriptedReply.Json(new { team = r.LastUserText.Contains("crashes", StringComparison.Ordinal) ? "Technical" : "Billing", confidence = 0.5 }));
        var team = Scorers.Custom<Team, Triage>("team", (expected, actual) => actual.Team == expected);

        var report = await FewShotDiagnostics.RunAsync(task, heldOut, team, triage => triage.Team, Options(model));

        Assert.That(report.Examples.Cases.Select(c => c.Expected.GetString()), Is.EqualTo(new[] { "Billing", "Technical" }));
        Assert.That((report.ExampleAccuracy, report.HeldOutAccuracy, report.Findings), Is.EqualTo((1.0, 1.0, FewShotFindings.None)));
    }

    [Test]
    public async Task RunAsync_CountsErrorsAsNotPassed()
    {
        var answers = Memorising();
        var model = new ScriptedChatClient()
            .When(r => r.LastUserText.EndsWith("charged twice", StringComparison.Ordinal), _ => ScriptedReply.Throw(new InvalidOperationException("model down")))
            .When(_ => true, r => answers[r.LastUserText["Team for: ".Length..]]);

        var report = await FewShotDiagnostics.RunAsync(TeamTask(), HeldOut(), Scorers.Exact<string>(), Options(model));

        Assert.That(report.Examples.Cases[2].Outcome, Is.EqualTo(CaseOutcome.Error));
        Assert.That(report.Examples.Cases[2].Error!.NodePath, Is.EqualTo("team"));
        Assert.That(report.ExampleAccuracy, Is.EqualTo(0.75));
        Assert.That(report.PromptUnclear, Is.True);
    }

    [Test]
    public async Task RunAsync_ThresholdsAreConfigurable_AndAValueAtAThresholdIsNotFlagged()
    {
        var answers = Memorising();
        answers["the app crashes"] = "billing";
        answers["login fails"] = "billing";

        var report = await FewShotDiagnostics.RunAsync(
            TeamTask(), HeldOut(), Scorers.Exact<string>(), Options(Model(answers), o => (o.MinExampleAccuracy, o.MaxGap) = (0.5, 0.25)));

        Assert.That((report.ExampleAccuracy, report.Gap), Is.EqualTo((0.5, 0.25)));
        Assert.That((report.MinExampleAccuracy, report.MaxGap), Is.EqualTo((0.5, 0.25)));
        Assert.That(report.Findings, Is.EqualTo(FewShotFindings.None));
        Assert.That(report with { MinExampleAccuracy = 0.51, MaxGap = 0.24 }, Has.Property(nameof(FewShotReport.Findings)).EqualTo(FewShotFindings.PromptUnclear | FewShotFindings.Overfitting));
    }

    [TestCase(-0.1)]
    [TestCase(1.1)]
    [TestCase(double.NaN)]
    public void Options_OutOfRange_AreRefusedNamingTheOption(double value)
    {
        var min = Assert.Throws<ArgumentOutOfRangeException>(() => new FewShotOptions { MinExampleAccuracy = value });
        var gap = Assert.Throws<ArgumentOutOfRangeException>(() => new FewShotOptions { MaxGap = value });

        Assert.That(min!.Message, Does.StartWith("FewShotOptions.MinExampleAccuracy must be a number from 0 to 1."));
        Assert.That(gap!.Message, Does.StartWith("FewShotOptions.MaxGap must be a number from 0 to 1."));
    }

    [Test]
    public void Options_HaveDocumentedDefaults()
    {
        var options = new FewShotOptions();

        Assert.That((options.ExampleMode, options.MinExampleAccuracy, options.MaxGap, options.Evaluation), Is.EqualTo((FewShotExampleMode.LeaveOneOut, 0.9, 0.15, (EvaluationOptions?)null)));
    }

    [Test]
    public void RunAsync_OfATaskWithoutExamples_Throws()
    {
        var task = FlowTask.FromPrompt<string, string>("team", TeamPrompt);

        var ex = Assert.ThrowsAsync<ArgumentException>(() => FewShotDiagnostics.RunAsync(task, HeldOut(), Scorers.Exact<string>()));

        Assert.That(ex!.Message, Does.StartWith("Prompt task 'team' (prompt 'team@2') has no few-shot examples, so there is nothing to diagnose."));
    }

    [Test]
    public async Task RunAsync_NamesHeldOutCasesThatAreExamples()
    {
        var heldOut = EvalSet.Create("tickets", [
            new EvalCase<string, string>("t1", "where is my receipt", "billing"),
            new EvalCase<string, string>("copy", "charged twice", "billing"),
        ]);

        var report = await FewShotDiagnostics.RunAsync(TeamTask(), heldOut, Scorers.Exact<string>(), Options(Model(Memorising())));

        Assert.That(report.HeldOutCasesInExamples, Is.EqualTo(new[] { "copy" }));
        Assert.That(report.ToMarkdown(), Does.Contain("Held-out cases whose input is an example's (not held out: their answer is in the prompt): `copy`."));
    }

    [Test]
    public void RunAsync_WhenCancelled_ThrowsOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(
            () => FewShotDiagnostics.RunAsync(TeamTask(), HeldOut(), Scorers.Exact<string>(), Options(Model(Memorising())), cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task ToMarkdown_ShowsBothAccuraciesTheGapTheFlagAndTheCasesNotPassed()
    {
        var report = await FewShotDiagnostics.RunAsync(TeamTask(), HeldOut(), Scorers.Exact<string>(), Options(Model(Memorising())));

        Assert.That(report.ToMarkdown(), Is.EqualTo(
            $"""
            ## Few-shot diagnostics: `team`

            Prompt `{report.Prompt}`, 4 example(s), each asked with the other examples in the prompt, not itself (leave-one-out).

            | Set | Cases | Passed | Errors | Accuracy | 95% CI |
            | --- | ---: | ---: | ---: | ---: | --- |
            | Own examples | 4 | 4 | 0 | 100.0% | 51.0% to 100.0% |
            | Held-out: `tickets` | 4 | 1 | 0 | 25.0% | 4.6% to 69.9% |

            Gap (examples minus held-out): +75.0 points; flagged above 15.0.

            **Overfitting.** The task does 75.0 points better on its own examples than on held-out cases, more than 15.0: the examples do not represent the cases it meets. Add examples like the held-out cases it fails, varied rather than alike.

            Held-out cases not passed: `t2`, `t3`, `t4`.

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public async Task Report_IsWrittenToJson_WithItsModeAndFindingsByName()
    {
        var report = await FewShotDiagnostics.RunAsync(TeamTask(), HeldOut(), Scorers.Exact<string>(), Options(Model(Memorising())));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report));

        var root = json.RootElement;
        Assert.That(root.GetProperty("ExampleMode").GetString(), Is.EqualTo("LeaveOneOut"));
        Assert.That(root.GetProperty("Findings").GetString(), Is.EqualTo("Overfitting"));
        Assert.That(root.GetProperty("Gap").GetDouble(), Is.EqualTo(0.75));
        Assert.That(root.GetProperty("HeldOut").GetProperty("Cases").GetArrayLength(), Is.EqualTo(4));
        Assert.That(JsonSerializer.Serialize(FewShotFindings.PromptUnclear | FewShotFindings.Overfitting), Is.EqualTo("\"PromptUnclear, Overfitting\""));
    }
}
