using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Llm;

/// <summary>Self-consistency with a judge: a prompt picks the best of the samples, with bounded corrections, and is recorded.</summary>
public sealed class JudgeTests
{
    public sealed record Answer(string City);

    public sealed record Question(string Country, string Candidates);

    private static readonly Prompt CapitalPrompt = new("capital", "1", "Capital of {{$input}}?");

    private static readonly Prompt PickPrompt = new("pick-capital", "2", "Which answer names the capital of {{$input}}?\n\n{{$candidates}}", "You check answers about geography.");

    private static FlowTask<string, Answer> Task(Prompt? judge = null, int samples = 3, int maxRepairs = 2, IEqualityComparer<Answer>? agreement = null)
        => FlowTask.FromPrompt<string, Answer>(
            "capital",
            CapitalPrompt,
            o =>
            {
                o.Samples = samples;
                o.Temperature = 0.7f;
                o.Judge = judge ?? PickPrompt;
                o.MaxRepairs = maxRepairs;
            },
            agreement);

    private static ScriptedChatClient Model(string[] cities, params ScriptedReply[] judge)
        => new ScriptedChatClient()
            .When(r => r.Purpose == "judge", judge)
            .When(r => r.Purpose == "prompt", [.. cities.Select(c => ScriptedReply.Json(new { city = c }))]);

    private static ScriptedReply Best(int best, string rationale = "scripted") => ScriptedReply.Json(new { rationale, best });

    [Test]
    public async Task Judge_CanPickAMinoritySample_OverTheMajority()
    {
        var model = Model(["Lagos", "Abuja", "Lagos"], Best(2, "Abuja has been the capital since 1991."));

        var result = await Task().RunAsync("Nigeria", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo(new Answer("Abuja")));
        Assert.That(result.Record.LlmCalls.Single(c => c.Purpose == "prompt").Agreement, Is.EqualTo(1 / 3.0).Within(1e-9), "the share of samples equal to the chosen output");
    }

    [Test]
    public async Task Judge_SeesTheDistinctCandidatesNumberedWithTheirJson_AndTheInputsVariables()
    {
        var model = Model(["Lagos", "Abuja", "Lagos"], Best(2));

        await Task().RunAsync("Nigeria", new RunOptions { ChatClient = model });

        var judge = model.Requests.Single(r => r.Purpose == "judge");
        Assert.That(judge.NodePath, Is.EqualTo("capital"));
        Assert.That(judge.Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.System, ChatRole.User }));
        Assert.That(judge.Messages[0].Text, Is.EqualTo("You check answers about geography."));
        Assert.That(judge.Messages[1].Text, Does.Contain("\"best\"").And.Contain("1 to 2"));
        Assert.That(judge.LastUserText, Is.EqualTo("Which answer names the capital of Nigeria?\n\nCandidate 1:\n{\"city\":\"Lagos\"}\n\nCandidate 2:\n{\"city\":\"Abuja\"}"));
        Assert.That(judge.Options!.Temperature, Is.EqualTo(0f), "the judge is asked at temperature 0, not the samples' temperature");
        var schema = ((ChatResponseFormatJson)judge.Options.ResponseFormat!).Schema!.Value;
        Assert.That(schema.GetProperty("properties").GetProperty("best").GetProperty("maximum").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task Judge_IsRecordedAsACallOfItsOwn_WithItsPromptUsageAndCost()
    {
        var model = new ScriptedChatClient()
            .When(r => r.Purpose == "judge", Best(2, "Abuja is the capital.").WithUsage(300, 20))
            .WhenNode("capital", ScriptedReply.Json(new { city = "Lagos" }).WithUsage(10, 5), ScriptedReply.Json(new { city = "Abuja" }).WithUsage(10, 5), ScriptedReply.Json(new { city = "Lagos" }).WithUsage(10, 5));
        var prices = new Dictionary<string, ModelPrice> { ["scripted"] = new(InputPerMillionTokens: 1_000m, OutputPerMillionTokens: 2_000m) };

        var result = await Task().RunAsync("Nigeria", new RunOptions { ChatClient = model, Prices = prices });

        var judge = result.Record.LlmCalls.Single(c => c.Purpose == "judge");
        Assert.That((judge.Path, judge.PromptName, judge.PromptVersion, judge.PromptHash), Is.EqualTo(("capital", "pick-capital", "2", PickPrompt.ContentHash)));
        Assert.That((judge.Attempts, judge.Succeeded, judge.Reasoning), Is.EqualTo((1, true, "Abuja is the capital.")));
        Assert.That((judge.Usage!.InputTokenCount, judge.Usage.OutputTokenCount), Is.EqualTo((300L, 20L)));
        Assert.That(judge.Cost, Is.EqualTo(0.34m));
        var prompt = result.Record.LlmCalls.Single(c => c.Purpose == "prompt");
        Assert.That((prompt.Samples, prompt.Attempts, prompt.PromptName), Is.EqualTo((3, 3, "capital")));
        Assert.That(result.Record.Usage!.InputTokenCount, Is.EqualTo(330), "the run's usage counts the judge");
    }

    [Test]
    public async Task Judge_WithAnAnswerThatIsNotACandidate_IsCorrected()
    {
        var model = Model(["Lagos", "Abuja", "Lagos"], Best(3), ScriptedReply.Text("Abuja, obviously."), Best(2));

        var result = await Task().RunAsync("Nigeria", new RunOptions { ChatClient = model });

        Assert.That(result.Output.City, Is.EqualTo("Abuja"));
        var judges = model.Requests.Where(r => r.Purpose == "judge").ToArray();
        Assert.That(judges, Has.Length.EqualTo(3));
        Assert.That(judges[1].Messages[^2].Role, Is.EqualTo(ChatRole.Assistant), "the rejected reply is kept");
        Assert.That(judges[1].LastUserText, Does.Contain("\"best\" is 3, which is not the number of a candidate (1 to 2)"));
        Assert.That(judges[2].LastUserText, Does.Contain("no JSON"));
        Assert.That(result.Record.LlmCalls.Single(c => c.Purpose == "judge").Attempts, Is.EqualTo(3));
    }

    [Test]
    public void Judge_ThatNeverChooses_FailsTheNodeWithATypedError_NotAMajorityVote()
    {
        var model = Model(["Lagos", "Abuja", "Lagos"], Best(0), Best(5));
        var flow = Flow.Define<string>("geo").Then(Task(maxRepairs: 1)).Build();

        var ex = Assert.ThrowsAsync<OutputValidationException>(async () => await flow.RunAsync("Nigeria", new RunOptions { ChatClient = model }));

        Assert.That(ex!.NodePath, Is.EqualTo("geo/capital"));
        Assert.That(ex.Message, Does.Contain("judge").And.Contain("pick-capital@2").And.Contain("MaxRepairs"));
        Assert.That((ex.Attempts, ex.LastReply), Is.EqualTo((2, "{\"rationale\":\"scripted\",\"best\":5}")));
        Assert.That(ex.Errors.Single(), Does.Contain("1 to 2"));
        Assert.That(ex.Record!.LlmCalls.Select(c => (c.Purpose, c.Succeeded)), Is.EquivalentTo(new[] { ("judge", false), ("prompt", false) }));
    }

    [Test]
    public async Task Judge_IsNotAsked_WhenTheValidSamplesAllAgree()
    {
        var model = Model(["Abuja", "Abuja", "Abuja"], Best(1));

        var result = await Task().RunAsync("Nigeria", new RunOptions { ChatClient = model });

        Assert.That(result.Output.City, Is.EqualTo("Abuja"));
        Assert.That(model.Requests.Any(r => r.Purpose == "judge"), Is.False);
        Assert.That(result.Record.LlmCalls.Select(c => c.Purpose), Is.EqualTo(new[] { "prompt" }));
        Assert.That(result.Record.LlmCalls.Single().Agreement, Is.EqualTo(1.0));
    }

    [Test]
    public async Task Judge_IsNotAsked_WithOneValidSample()
    {
        var model = new ScriptedChatClient()
            .When(r => r.Purpose == "judge", Best(1))
            .WhenNode("capital", ScriptedReply.Text("no json"), ScriptedReply.Json(new { city = "Abuja" }), ScriptedReply.Text("no json either"));

        var result = await Task(maxRepairs: 0).RunAsync("Nigeria", new RunOptions { ChatClient = model });

        Assert.That(result.Output.City, Is.EqualTo("Abuja"));
        Assert.That(model.Requests.Any(r => r.Purpose == "judge"), Is.False);
    }

    [Test]
    public async Task Judge_SeesOutputsThatAgreeByTheComparer_AsOneCandidate()
    {
        var ignoreCase = EqualityComparer<Answer>.Create((a, b) => string.Equals(a?.City, b?.City, StringComparison.OrdinalIgnoreCase), a => a.City.ToUpperInvariant().GetHashCode(StringComparison.Ordinal));
        var model = Model(["lagos", "Abuja", "LAGOS"], Best(1));

        var result = await Task(agreement: ignoreCase).RunAsync("Nigeria", new RunOptions { ChatClient = model });

        Assert.That(result.Output.City, Is.EqualTo("lagos"));
        Assert.That(model.Requests.Single(r => r.Purpose == "judge").LastUserText, Does.Contain("Candidate 2:").And.Not.Contain("Candidate 3:"));
        Assert.That(result.Record.LlmCalls.Single(c => c.Purpose == "prompt").Agreement, Is.EqualTo(2 / 3.0).Within(1e-9));
    }

    [Test]
    public void Judge_WithOneSample_IsRefusedWhenBuilt()
    {
        Assert.That(
            () => FlowTask.FromPrompt<string, Answer>("capital", CapitalPrompt, o => o.Judge = PickPrompt),
            Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("Samples is 1").And.Message.Contain("pick-capital@2"));
    }

    [Test]
    public void Judge_WithAVariableTheInputDoesNotProvide_IsRefusedWhenBuilt()
    {
        var judge = new Prompt("pick", "1", "Best answer for {{$country}}?\n{{$candidates}}");

        var ex = Assert.Throws<FlowDefinitionException>(() => Task(judge));

        Assert.That(ex!.NodePath, Is.EqualTo("capital"));
        Assert.That(ex.Message, Does.Contain("judge's user template uses {{$country}}").And.Contain("{{$candidates}}"));
    }

    [Test]
    public void Judge_ThatNeverShowsTheCandidates_IsRefusedWhenBuilt()
    {
        Assert.That(
            () => Task(new Prompt("pick", "1", "Which is best for {{$input}}?")),
            Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("never shows the candidates"));
    }

    [Test]
    public void Judge_WithAnInputPropertyNamedCandidates_IsRefusedWhenBuilt()
    {
        Assert.That(
            () => FlowTask.FromPrompt<Question, Answer>("capital", new Prompt("capital", "1", "Capital of {{$Country}}?"), o =>
            {
                o.Samples = 3;
                o.Temperature = 1;
                o.Judge = new Prompt("pick", "1", "{{$candidates}}");
            }),
            Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("has a property 'Candidates'"));
    }
}
