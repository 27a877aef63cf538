using AgentFlow.Testing;

namespace AgentFlow.Tests.Llm;

/// <summary>Self-consistency: several samples, a majority vote on the typed output, and the agreement recorded.</summary>
public sealed class SelfConsistencyTests
{
    public sealed record Answer(string City);

    private static readonly Prompt CapitalPrompt = new("capital", "1", "Capital of {{$input}}?");

    [Test]
    public async Task Samples_ReturnTheOutputMostOfThemAgreeOn_AndRecordTheAgreement()
    {
        var model = new ScriptedChatClient().WhenNode(
            "capital",
            ScriptedReply.Json(new { city = "Nairobi" }),
            ScriptedReply.Json(new { city = "Mombasa" }),
            ScriptedReply.Json(new { city = "Nairobi" }),
            ScriptedReply.Json(new { city = "Nairobi" }),
            ScriptedReply.Json(new { city = "Kisumu" }));
        var task = FlowTask.FromPrompt<string, Answer>("capital", CapitalPrompt, o =>
        {
            o.Samples = 5;
            o.Temperature = 0.7f;
        });

        var result = await task.RunAsync("Kenya", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo(new Answer("Nairobi")));
        var call = result.Record.LlmCalls.Single();
        Assert.That((call.Samples, call.Attempts, call.Agreement), Is.EqualTo((5, 5, 0.6)));
        Assert.That(model.Requests.Select(r => r.Options!.Temperature), Is.All.EqualTo(0.7f));
    }

    [Test]
    public async Task Samples_ThatFailValidation_CountAgainstTheAgreementButNotTheVote()
    {
        var calls = 0;
        var model = new ScriptedChatClient().When(_ => true, _ => Interlocked.Increment(ref calls) == 1
            ? ScriptedReply.Text("no json")
            : ScriptedReply.Json(new { city = "Nairobi" }));
        var task = FlowTask.FromPrompt<string, Answer>("capital", CapitalPrompt, o =>
        {
            o.Samples = 3;
            o.Temperature = 1;
            o.MaxRepairs = 0;
        });

        var result = await task.RunAsync("Kenya", new RunOptions { ChatClient = model });

        Assert.That(result.Output.City, Is.EqualTo("Nairobi"));
        Assert.That(result.Record.LlmCalls.Single().Agreement, Is.EqualTo(2 / 3.0).Within(1e-9));
    }

    [Test]
    public void Samples_ThatAllFailValidation_FailTheTaskAndAreRecorded()
    {
        var model = new ScriptedChatClient().When(_ => true, _ => ScriptedReply.Text("no json"));
        var task = FlowTask.FromPrompt<string, Answer>("capital", CapitalPrompt, o =>
        {
            o.Samples = 3;
            o.Temperature = 1;
            o.MaxRepairs = 0;
        });

        var ex = Assert.ThrowsAsync<OutputValidationException>(async () => await task.RunAsync("Kenya", new RunOptions { ChatClient = model }));

        Assert.That(model.Requests, Has.Count.EqualTo(3));
        Assert.That(ex!.Record!.LlmCalls.Single().Samples, Is.EqualTo(3));
        Assert.That(ex.Record.LlmCalls.Single().Succeeded, Is.False);
    }

    [Test]
    public async Task Samples_UseTheGivenComparer_ToDecideWhenOutputsAgree()
    {
        var model = new ScriptedChatClient().WhenNode(
            "capital",
            ScriptedReply.Json(new { city = "nairobi" }),
            ScriptedReply.Json(new { city = "Mombasa" }),
            ScriptedReply.Json(new { city = "NAIROBI" }));
        var ignoreCase = EqualityComparer<Answer>.Create((a, b) => string.Equals(a?.City, b?.City, StringComparison.OrdinalIgnoreCase), a => a.City.ToUpperInvariant().GetHashCode(StringComparison.Ordinal));
        var task = FlowTask.FromPrompt<string, Answer>("capital", CapitalPrompt, o =>
        {
            o.Samples = 3;
            o.Temperature = 0.7f;
        }, ignoreCase);

        var result = await task.RunAsync("Kenya", new RunOptions { ChatClient = model });

        Assert.That(result.Output.City, Is.EqualTo("nairobi").Or.EqualTo("NAIROBI"));
        Assert.That(result.Record.LlmCalls.Single().Agreement, Is.EqualTo(2 / 3.0).Within(1e-9));
    }

    [Test]
    public void Samples_AtTemperatureZero_AreRefusedWhenBuilt()
    {
        Assert.That(
            () => FlowTask.FromPrompt<string, Answer>("capital", CapitalPrompt, o => o.Samples = 3),
            Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("temperature 0"));
    }

    [Test]
    public void Samples_OutOfRange_ThrowNamingTheOption()
    {
        Assert.That(() => new PromptTaskOptions { Samples = 11 }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("Samples"));
        Assert.That(() => new PromptTaskOptions { Samples = 0 }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("Samples"));
    }

    [Test]
    [CancelAfter(10_000)]
    public void ASampleThatFails_CancelsTheOthers_AndFailsTheNodeWithItsOwnError()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var broken = new InvalidOperationException("the provider rejected the request");
        var slow = ScriptedReply.Json(new { city = "Paris" }).WithDelay(TimeSpan.FromHours(1));
        var model = new ScriptedChatClient { TimeProvider = time }.Enqueue(ScriptedReply.Throw(broken), slow, slow);
        var task = FlowTask.FromPrompt<string, Answer>("capital", CapitalPrompt, o =>
        {
            o.Samples = 3;
            o.Temperature = 0.7f;
        });

        // The slow samples wait on a clock that never moves: without cancelling them the run would never end.
        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await task.RunAsync("France", new RunOptions { ChatClient = model, TimeProvider = time }));

        Assert.That(ex!.InnerException, Is.SameAs(broken));
        Assert.That(ex.Record!.LlmCalls.Single().Succeeded, Is.False);
    }
}
