using System.Text.Json;
using AgentFlow.Evaluation;
using AgentFlow.Testing;
using AgentFlow.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AgentFlow.Tests.Evaluation;

/// <summary>The evaluator: bounded parallelism, timeouts and failures as case errors, the report's numbers, cancellation.</summary>
public sealed class EvaluatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static EvalSet<int, int> Numbers(int count, Func<int, string[]>? tags = null)
        => EvalSet.Create("numbers", Enumerable.Range(1, count).Select(i => new EvalCase<int, int>($"n{i}", i, i * 2, tags?.Invoke(i) ?? [])));

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static readonly FlowTask<int, int> Double = FlowTask.Create("double", (int n) => n * 2);

    [Test]
    public async Task RunAsync_ScoresEveryCase_AndReportsWhatWasRun()
    {
        var set = EvalSet.Create("arithmetic", [
            new EvalCase<int, int>("a", 1, 2, "easy"),
            new EvalCase<int, int>("b", 2, 5, "easy", "tricky"),
            new EvalCase<int, int>("c", 3, 6),
        ]);
        var options = new EvaluationOptions { Name = "double-v1", TimeProvider = new FakeTimeProvider(Start), MaxParallelism = 2 };
        options.Labels["model"] = "none";
        options.Labels["commit"] = "abc123";

        var report = await Evaluator.RunAsync(Double, set, Scorers.Exact<int>(), options);

        Assert.That((report.Name, report.TaskName, report.Scorer, report.DatasetName, report.DatasetHash), Is.EqualTo(("double-v1", "double", "exact", "arithmetic", set.ContentHash)));
        Assert.That(report.Labels, Is.EqualTo(new Dictionary<string, string> { ["commit"] = "abc123", ["model"] = "none" }));
        Assert.That(report.Labels.Keys, Is.EqualTo(new[] { "commit", "model" }), "sorted by key");
        Assert.That((report.StartedAt, report.MaxParallelism, report.CaseTimeout), Is.EqualTo((Start, 2, (TimeSpan?)TimeSpan.FromMinutes(5))));
        Assert.That(report.Cases.Select(c => (c.Id, c.Outcome)), Is.EqualTo(new[] { ("a", CaseOutcome.Passed), ("b", CaseOutcome.Failed), ("c", CaseOutcome.Passed) }));
        var b = report.Cases[1];
        Assert.That((b.Input.GetInt32(), b.Expected.GetInt32(), b.Actual!.Value.GetInt32()), Is.EqualTo((2, 5, 4)));
        Assert.That(b.Tags, Is.EqualTo(new[] { "easy", "tricky" }));
        Assert.That(b.Score!.Reason, Is.EqualTo("expected 5, got 4"));
        Assert.That(b.Run!.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(b.Run.NodesAt("double"), Has.Count.EqualTo(1), "each case's run record is kept, with its node timeline");
        Assert.That((report.Summary.Cases, report.Summary.Passed, report.Summary.Failed, report.Summary.Errors), Is.EqualTo((3, 2, 1, 0)));
        Assert.That(report.Summary.Accuracy, Is.EqualTo(2 / 3.0).Within(1e-12));
        Assert.That(report.Summary.MeanScore, Is.EqualTo(2 / 3.0).Within(1e-12));
        Assert.That((report.Prompts, report.Models), Is.EqualTo((Array.Empty<PromptVersion>(), Array.Empty<string>())));
        Assert.That(report.ToString(), Is.EqualTo("double-v1 on arithmetic: 2/3 passed (66.7%, 95% CI 20.8% to 93.9%), 0 error(s)"));
    }

    [Test]
    public async Task RunAsync_RunsAtMostMaxParallelismCasesAtOnce()
    {
        var probe = new ConcurrencyProbe();
        var (arrive, threeRunning) = Signal.Countdown(3);
        var gate = Signal.Create();
        var task = FlowTask.Create<int, int>("slow-double", async (n, ct) =>
        {
            probe.Enter();
            try
            {
                arrive();
                await gate.Task.WaitAsync(ct);
                return n * 2;
            }
            finally
            {
                probe.Exit();
            }
        });

        var running = Evaluator.RunAsync(task, Numbers(10), Scorers.Exact<int>(), new EvaluationOptions { MaxParallelism = 3 });
        await threeRunning.WaitAsync(Signal.Timeout);

        Assert.That((probe.Current, probe.Entered), Is.EqualTo((3, 3)), "a fourth case waits for a free slot");
        gate.SetResult();
        var report = await running.WaitAsync(Signal.Timeout);
        Assert.That(probe.Max, Is.EqualTo(3));
        Assert.That(report.Summary.Passed, Is.EqualTo(10));
        Assert.That(report.Cases.Select(c => c.Id), Is.EqualTo(Enumerable.Range(1, 10).Select(i => $"n{i}")), "results in the set's order");
    }

    [TestCase(0)]
    [TestCase(65)]
    public void MaxParallelism_OutsideOneTo64_IsRefused(int value)
    {
        Assert.That(() => new EvaluationOptions { MaxParallelism = value }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("MaxParallelism must be between 1 and 64"));
    }

    [Test]
    public void CaseTimeout_ThatIsNotPositive_IsRefused()
    {
        Assert.That(() => new EvaluationOptions { CaseTimeout = TimeSpan.Zero }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("CaseTimeout"));
        Assert.That(new EvaluationOptions { CaseTimeout = null }.CaseTimeout, Is.Null);
    }

    [Test]
    public async Task RunAsync_ACaseOverItsTimeout_IsAnError_WithTheNodeThatWasRunning_AndTheOthersGoOn()
    {
        var clock = new FakeTimeProvider(Start);
        var slowStarted = Signal.Create();
        var flow = Flow.Define<int>("pipeline")
            .Then("prepare", (int n) => n)
            .Then(FlowTask.Create<int, int>("compute", async (n, ct) =>
            {
                if (n == 2)
                {
                    slowStarted.SetResult();
                    await Task.Delay(Timeout.Infinite, ct);
                }

                return n * 2;
            }))
            .Build();
        var options = new EvaluationOptions { MaxParallelism = 1, CaseTimeout = TimeSpan.FromSeconds(30), TimeProvider = clock };

        var running = Evaluator.RunAsync(flow, Numbers(3), Scorers.Exact<int>(), options);
        await slowStarted.Task.WaitAsync(Signal.Timeout);
        clock.Advance(TimeSpan.FromSeconds(31));
        var report = await running.WaitAsync(Signal.Timeout);

        var timedOut = report.Cases[1];
        Assert.That(timedOut.Outcome, Is.EqualTo(CaseOutcome.Error));
        Assert.That(timedOut.Error!.Kind, Is.EqualTo(CaseErrorKind.TimedOut));
        Assert.That(timedOut.FailedNodePath, Is.EqualTo("pipeline/compute"));
        Assert.That(timedOut.Error.Message, Does.Contain("timeout of 00:00:30").And.Contain("pipeline/compute"));
        Assert.That((timedOut.Actual, timedOut.Score), Is.EqualTo(((JsonElement?)null, (Score?)null)));
        Assert.That(timedOut.Latency, Is.EqualTo(TimeSpan.FromSeconds(31)));
        Assert.That(timedOut.Run!.Status, Is.EqualTo(RunStatus.Cancelled), "the timed-out run's record is kept");
        Assert.That(report.Cases.Select(c => c.Outcome), Is.EqualTo(new[] { CaseOutcome.Passed, CaseOutcome.Error, CaseOutcome.Passed }));
        Assert.That((report.Summary.Errors, report.Summary.Passed), Is.EqualTo((1, 2)));
    }

    [Test]
    public async Task RunAsync_ACaseThatThrows_IsAnError_WithTheExceptionAndItsNodePath()
    {
        var flow = Flow.Define<int>("support")
            .Then(FlowTask.Create("lookup", (int n) => n == 2 ? throw new InvalidOperationException("No customer 2.") : n))
            .Then("double", (int n) => n * 2)
            .Build();

        var report = await Evaluator.RunAsync(flow, Numbers(3), Scorers.Exact<int>());

        var failed = report.Cases[1];
        Assert.That(failed.Outcome, Is.EqualTo(CaseOutcome.Error));
        Assert.That(failed.Error, Is.EqualTo(new CaseError(
            CaseErrorKind.TaskFailed,
            "Task 'support/lookup' failed: InvalidOperationException: No customer 2.",
            "FlowTaskException",
            "InvalidOperationException",
            "support/lookup")));
        Assert.That(failed.Run!.Errors.Single().Exception, Is.TypeOf<InvalidOperationException>());
        Assert.That((failed.Actual, failed.Score), Is.EqualTo(((JsonElement?)null, (Score?)null)));
        Assert.That((report.Summary.Passed, report.Summary.Errors, report.Summary.Failed), Is.EqualTo((2, 1, 0)));
    }

    [Test]
    public async Task RunAsync_AScorerThatThrows_MakesItsCaseAnError()
    {
        var scorer = Scorers.Custom<int, int>("picky", (e, a) => e == 4 ? throw new FormatException("Cannot read 4.") : e == a);

        var report = await Evaluator.RunAsync(Double, Numbers(3), scorer);

        Assert.That(report.Cases[1].Error, Is.EqualTo(new CaseError(CaseErrorKind.ScorerFailed, "The scorer 'picky' threw FormatException: Cannot read 4.")));
        Assert.That(report.Cases[1].Actual!.Value.GetInt32(), Is.EqualTo(4), "the output is kept");
        Assert.That(report.Summary.Errors, Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_ComputesAccuracyAndTheWilsonInterval_CountingErrorsAsNotPassed()
    {
        // 10 cases: 7 pass, 2 fail, 1 error.
        var scorer = Scorers.Custom<int, int>("seven", (expected, _) => expected switch
        {
            <= 14 => Score.Pass(),
            <= 18 => Score.Fail(),
            _ => Score.FromError("cannot score"),
        });

        var summary = (await Evaluator.RunAsync(Double, Numbers(10), scorer)).Summary;

        Assert.That((summary.Cases, summary.Passed, summary.Failed, summary.Errors), Is.EqualTo((10, 7, 2, 1)));
        Assert.That(summary.Accuracy, Is.EqualTo(0.7));
        // Wilson 95% for 7/10: (0.7 + z²/20 ± z·√(0.021 + z²/400)) / (1 + z²/10), z = 1.96: 0.3968 to 0.8922.
        Assert.That(summary.AccuracyInterval.Lower, Is.EqualTo(0.3968).Within(1e-4));
        Assert.That(summary.AccuracyInterval.Upper, Is.EqualTo(0.8922).Within(1e-4));
        Assert.That(summary.AccuracyInterval.Level, Is.EqualTo(0.95));
    }

    [TestCase(0, 5)]
    [TestCase(5, 5)]
    public void Wilson_AtZeroAndAllSuccesses_HasItsClosedForm(int successes, int trials)
    {
        // With p = 0 the interval is [0, z²/(n+z²)]; with p = 1 it is [n/(n+z²), 1].
        var z2 = Statistics.Z95 * Statistics.Z95;

        var interval = Statistics.Wilson(successes, trials);

        var expected = successes == 0 ? (0.0, z2 / (trials + z2)) : (trials / (trials + z2), 1.0);
        Assert.That(interval.Lower, Is.EqualTo(expected.Item1).Within(1e-12));
        Assert.That(interval.Upper, Is.EqualTo(expected.Item2).Within(1e-12));
        Assert.That(Statistics.Wilson(0, 0), Is.EqualTo(new ConfidenceInterval(0, 1, 0.95)));
    }

    [Test]
    public void Percentile_IsTheNearestRank()
    {
        TimeSpan[] four = [.. new[] { 10, 20, 30, 40 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

        Assert.That(Statistics.Percentile(four, 0.50), Is.EqualTo(TimeSpan.FromMilliseconds(20)), "rank ceil(0.5 * 4) = 2");
        Assert.That(Statistics.Percentile(four, 0.95), Is.EqualTo(TimeSpan.FromMilliseconds(40)), "rank ceil(0.95 * 4) = 4");
        Assert.That(Statistics.Percentile([TimeSpan.FromSeconds(3)], 0.95), Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(Statistics.Percentile([], 0.5), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task RunAsync_ReportsLatencyPercentilesOfTheCasesRuns()
    {
        // Case n takes n × 10 ms on the fake clock: 10, 20, ... 200 ms.
        var clock = new FakeTimeProvider(Start);
        var task = FlowTask.Create("timed", (int n) =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(n * 10));
            return n * 2;
        });
        var options = new EvaluationOptions { MaxParallelism = 1, TimeProvider = clock };

        var report = await Evaluator.RunAsync(task, Numbers(20), Scorers.Exact<int>(), options);

        Assert.That(report.Cases[6].Latency, Is.EqualTo(TimeSpan.FromMilliseconds(70)));
        Assert.That(report.Summary.LatencyP50, Is.EqualTo(TimeSpan.FromMilliseconds(100)), "rank ceil(0.5 * 20) = 10");
        Assert.That(report.Summary.LatencyP95, Is.EqualTo(TimeSpan.FromMilliseconds(190)), "rank ceil(0.95 * 20) = 19");
        Assert.That(report.Duration, Is.EqualTo(TimeSpan.FromMilliseconds(2100)));
    }

    [Test]
    public async Task RunAsync_BreaksTheNumbersDownPerTag()
    {
        // n1..n6; odd numbers tagged "odd", multiples of 3 tagged "three"; the task is wrong on 3.
        var task = FlowTask.Create("double-but-3", (int n) => n == 3 ? 0 : n * 2);
        var set = Numbers(6, n => [.. (n % 2 == 1 ? new[] { "odd" } : []), .. (n % 3 == 0 ? new[] { "three" } : [])]);

        var report = await Evaluator.RunAsync(task, set, Scorers.Exact<int>());

        Assert.That(report.ByTag.Keys, Is.EqualTo(new[] { "odd", "three" }));
        var odd = report.ByTag["odd"];
        Assert.That((odd.Cases, odd.Passed, odd.Failed), Is.EqualTo((3, 2, 1)));
        Assert.That(odd.Accuracy, Is.EqualTo(2 / 3.0).Within(1e-12));
        var three = report.ByTag["three"];
        Assert.That((three.Cases, three.Passed, three.Failed), Is.EqualTo((2, 1, 1)), "3 counts under both of its tags");
        Assert.That(three.AccuracyInterval, Is.EqualTo(Statistics.Wilson(1, 2)));
        Assert.That((report.Summary.Cases, report.Summary.Passed), Is.EqualTo((6, 5)));
    }

    public sealed record Capital(string City);

    [Test]
    public async Task RunAsync_SumsTokensAndCost_AndListsThePromptsAndModelsSeen()
    {
        var prompt = new Prompt("capital", "3", "Capital of {{$input}}?");
        var task = FlowTask.FromPrompt<string, Capital>("capital", prompt);
        var model = new ScriptedChatClient("gpt-test")
            .WhenPromptContains("France", ScriptedReply.Json(new { city = "Paris" }).WithUsage(100, 10))
            .WhenPromptContains("Nigeria", ScriptedReply.Json(new { city = "Lagos" }).WithUsage(200, 20));
        var prices = new Dictionary<string, ModelPrice> { ["gpt-test"] = new(InputPerMillionTokens: 1_000m, OutputPerMillionTokens: 2_000m) };
        var set = EvalSet.Create("capitals", [
            new EvalCase<string, Capital>("fr", "France", new Capital("Paris")),
            new EvalCase<string, Capital>("ng", "Nigeria", new Capital("Abuja")),
        ]);
        List<string> asked = [];
        var options = new EvaluationOptions
        {
            RunOptions = id =>
            {
                lock (asked)
                {
                    asked.Add(id);
                }

                return new RunOptions { ChatClient = model, Prices = prices };
            },
        };

        var report = await Evaluator.RunAsync(task, set, Scorers.Exact<Capital>(), options);

        Assert.That(asked, Is.EquivalentTo(new[] { "fr", "ng" }), "run options are made per case, from its id");
        Assert.That((report.Cases[0].InputTokens, report.Cases[0].OutputTokens, report.Cases[0].Cost), Is.EqualTo((100L, 10L, (decimal?)0.12m)));
        Assert.That((report.Summary.InputTokens, report.Summary.OutputTokens), Is.EqualTo((300L, 30L)));
        Assert.That(report.Summary.Cost, Is.EqualTo(0.36m), "0.1 + 0.02 + 0.2 + 0.04");
        Assert.That((report.Summary.UnpricedModelCalls, report.Summary.TokensEstimated), Is.EqualTo((0, false)));
        Assert.That(report.Prompts, Is.EqualTo(new[] { new PromptVersion("capital", "3", prompt.ContentHash, null) }));
        Assert.That(report.Models, Is.EqualTo(new[] { "gpt-test" }));
        Assert.That(report.Cases[1].Actual!.Value.GetRawText(), Is.EqualTo("{\"city\":\"Lagos\"}"));
        Assert.That(report.Cases[1].Run!.LlmCalls.Single().PromptName, Is.EqualTo("capital"));
    }

    [Test]
    public async Task RunAsync_WithoutPrices_CountsTheUnpricedCalls_AndHasNoCost()
    {
        var task = FlowTask.FromPrompt<string, string>("echo", new Prompt("echo", "1", "{{$input}}"));
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Text("a").WithUsage(5, 1), ScriptedReply.Text("b").WithUsage(5, 1));
        var set = EvalSet.Create("echo", [new EvalCase<string, string>("a", "a", "a"), new EvalCase<string, string>("b", "b", "b")]);

        var report = await Evaluator.RunAsync(task, set, Scorers.Exact<string>(), new EvaluationOptions { MaxParallelism = 1, RunOptions = _ => new RunOptions { ChatClient = model } });

        Assert.That((report.Summary.Cost, report.Summary.UnpricedModelCalls, report.Summary.InputTokens), Is.EqualTo(((decimal?)null, 2, 10L)));
    }

    [Test]
    public async Task RunAsync_WithAJudgeThatNeverParses_CountsAnError_NotAPass_AndReportsTheJudgesTokens()
    {
        var rubric = new Prompt("rubric", "1", "Expected {{$expected}}, got {{$actual}}. Same city?");
        var judge = Scorers.LlmJudge<string, string>(rubric, o => o.Model = p => p.MaxRepairs = 1);
        var model = new ScriptedChatClient("judge-model")
            .When(r => r.IsFrom("judge") && r.LastUserText.Contains("got Paris", StringComparison.Ordinal), ScriptedReply.Json(new { reasoning = "Same.", pass = true }).WithUsage(50, 5))
            .When(r => r.IsFrom("judge"), ScriptedReply.Text("Sure, it passes!").WithUsage(40, 4), ScriptedReply.Text("PASS").WithUsage(60, 6));
        var prices = new Dictionary<string, ModelPrice> { ["judge-model"] = new(1_000m, 0m) };
        var set = EvalSet.Create("cities", [new EvalCase<string, string>("fr", "France", "Paris"), new EvalCase<string, string>("ng", "Nigeria", "Abuja")]);
        var task = FlowTask.Create("capital-of", (string country) => country == "France" ? "Paris" : "Abuja?");

        var report = await Evaluator.RunAsync(task, set, judge, new EvaluationOptions { RunOptions = _ => new RunOptions { ChatClient = model, Prices = prices } });

        Assert.That(report.Cases.Select(c => c.Outcome), Is.EqualTo(new[] { CaseOutcome.Passed, CaseOutcome.Error }));
        var error = report.Cases[1].Error!;
        Assert.That(error.Kind, Is.EqualTo(CaseErrorKind.ScorerFailed));
        Assert.That(error.Message, Does.StartWith("The judge 'llm-judge:rubric@1' gave no verdict"));
        Assert.That((report.Summary.Passed, report.Summary.Errors, report.Summary.Accuracy), Is.EqualTo((1, 1, 0.5)));
        Assert.That((report.Summary.ScoringInputTokens, report.Summary.ScoringOutputTokens), Is.EqualTo((150L, 15L)));
        Assert.That(report.Summary.ScoringCost, Is.EqualTo(0.15m));
        Assert.That((report.Summary.InputTokens, report.Summary.Cost), Is.EqualTo((0L, (decimal?)null)), "the task made no model call");
        Assert.That(report.Scorer, Is.EqualTo("llm-judge:rubric@1"));
        Assert.That(report.ScoringPrompts.Single(), Is.EqualTo(new PromptVersion("rubric", "1", judge.Prompt.ContentHash, null)));
        Assert.That(report.ScoringModels, Is.EqualTo(new[] { "judge-model" }));
        Assert.That(JsonSerializer.Serialize(report, WebJson), Does.Contain("\"outcome\":\"Error\"").And.Contain("\"kind\":\"ScorerFailed\""), "enums are written by name, so stored reports survive new members");
    }

    [Test]
    public async Task RunAsync_WhenCancelled_ThrowsOperationCanceled_AndStartsNoFurtherCase()
    {
        using var cts = new CancellationTokenSource();
        var probe = new ConcurrencyProbe();
        var secondStarted = Signal.Create();
        var task = FlowTask.Create<int, int>("wait-on-2", async (n, ct) =>
        {
            probe.Enter();
            if (n == 2)
            {
                secondStarted.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }

            return n * 2;
        });

        var running = Evaluator.RunAsync(task, Numbers(5), Scorers.Exact<int>(), new EvaluationOptions { MaxParallelism = 1 }, cts.Token);
        await secondStarted.Task.WaitAsync(Signal.Timeout);
        await cts.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(async () => await running.WaitAsync(Signal.Timeout));
        Assert.That(probe.Entered, Is.EqualTo(2));
    }

    [Test]
    public void RunAsync_WithARunOptionsFactoryThatReturnsNull_SaysWhatToReturn()
    {
        var options = new EvaluationOptions { RunOptions = _ => null! };

        Assert.That(
            async () => await Evaluator.RunAsync(Double, Numbers(1), Scorers.Exact<int>(), options),
            Throws.InvalidOperationException.With.Message.Contain("EvaluationOptions.RunOptions returned null for case 'n1'"));
    }

    [Test]
    public async Task Report_SerialisesToJson_WithoutTheRunRecords()
    {
        var report = await Evaluator.RunAsync(Double, Numbers(2, n => ["t"]), Scorers.Exact<int>(), new EvaluationOptions { TimeProvider = new FakeTimeProvider(Start) });

        var json = JsonSerializer.Serialize(report, WebJson);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.That(root.GetProperty("datasetHash").GetString(), Is.EqualTo(report.DatasetHash));
        Assert.That(root.GetProperty("summary").GetProperty("accuracy").GetDouble(), Is.EqualTo(1.0));
        Assert.That(root.GetProperty("byTag").GetProperty("t").GetProperty("cases").GetInt32(), Is.EqualTo(2));
        var first = root.GetProperty("cases")[0];
        Assert.That((first.GetProperty("id").GetString(), first.GetProperty("actual").GetInt32()), Is.EqualTo(("n1", 2)));
        Assert.That(first.TryGetProperty("run", out _), Is.False);
    }
}
