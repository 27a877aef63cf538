using System.ComponentModel.DataAnnotations;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Llm;

/// <summary>Typed few-shot examples: shown as user/assistant turns, checked when built, hashed and recorded.</summary>
public sealed class FewShotExampleTests
{
    public enum Severity
    {
        Low,
        High,
    }

    public sealed record Ticket(string Customer, string Text);

    public sealed record Triage([property: Required, MinLength(3)] string Summary, Severity Severity);

    public sealed record Tagged([property: Required] string Summary, List<Tag> Tags);

    public sealed record Tag([property: Required, MinLength(2)] string Name);

    private static readonly Prompt TriagePrompt = new("triage", "3", "Customer {{$Customer}} wrote: {{$Text}}", "Summarise the ticket and rate its severity.");

    private static readonly PromptExample<Ticket, Triage> Charged = new(new Ticket("Ana", "I was charged twice"), new Triage("Double charge", Severity.High));

    private static readonly PromptExample<Ticket, Triage> Font = new(new Ticket("Bo", "The font is small"), new Triage("Small font", Severity.Low));

    private static ScriptedChatClient Model() => new ScriptedChatClient().When(_ => true, _ => ScriptedReply.Json(new { summary = "Refund asked", severity = "Low" }));

    [Test]
    public async Task Examples_AreShownAsUserAndAssistantTurns_BetweenTheSystemMessageAndTheInput()
    {
        var model = Model();
        var task = FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt).WithExamples(Charged, Font);

        await task.RunAsync(new Ticket("Cy", "Refund please"), new RunOptions { ChatClient = model });

        var messages = model.Requests.Single().Messages;
        Assert.That(messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User, ChatRole.Assistant, ChatRole.User }));
        Assert.That(messages.Select(m => m.Text), Is.EqualTo(new[]
        {
            "Summarise the ticket and rate its severity.",
            "Customer Ana wrote: I was charged twice",
            "{\"summary\":\"Double charge\",\"severity\":\"High\"}",
            "Customer Bo wrote: The font is small",
            "{\"summary\":\"Small font\",\"severity\":\"Low\"}",
            "Customer Cy wrote: Refund please",
        }));
    }

    [Test]
    public async Task Examples_WithChainOfThought_ReplyWithTheirReasoningBeforeTheAnswer()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Json(new { reasoning = "r", answer = new { summary = "Refund asked", severity = "Low" } }));
        var task = FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt, o => o.ChainOfThought = true)
            .WithExamples(Charged with { Reasoning = "Two charges for one order: money is lost." });

        await task.RunAsync(new Ticket("Cy", "Refund please"), new RunOptions { ChatClient = model });

        var messages = model.Requests.Single().Messages;
        Assert.That(messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User }));
        Assert.That(messages[3].Text, Is.EqualTo("{\"reasoning\":\"Two charges for one order: money is lost.\",\"answer\":{\"summary\":\"Double charge\",\"severity\":\"High\"}}"));
    }

    [Test]
    public async Task Examples_OfAStringOutput_ReplyWithTheText()
    {
        var model = new ScriptedChatClient().Enqueue("Dear Cy, we are on it.");
        var task = FlowTask.FromPrompt<Ticket, string>("reply", new Prompt("reply", "1", "Write to {{$Customer}}: {{$Text}}"))
            .WithExamples(new PromptExample<Ticket, string>(new Ticket("Ana", "refund"), "Dear Ana, your refund is on its way."));

        await task.RunAsync(new Ticket("Cy", "late"), new RunOptions { ChatClient = model });

        var messages = model.Requests.Single().Messages;
        Assert.That(messages.Select(m => (m.Role, m.Text)), Is.EqualTo(new[]
        {
            (ChatRole.User, "Write to Ana: refund"),
            (ChatRole.Assistant, "Dear Ana, your refund is on its way."),
            (ChatRole.User, "Write to Cy: late"),
        }));
    }

    [Test]
    public async Task Examples_StayInTheConversation_WhenAReplyIsRepaired()
    {
        var model = new ScriptedChatClient().Enqueue(
            ScriptedReply.Json(new { summary = "x", severity = "Low" }),
            ScriptedReply.Json(new { summary = "Refund asked", severity = "Low" }));
        var task = FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt).WithExamples(Charged);

        await task.RunAsync(new Ticket("Cy", "Refund please"), new RunOptions { ChatClient = model });

        var repair = model.Requests[1].Messages;
        Assert.That(repair.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User, ChatRole.Assistant, ChatRole.User }));
        Assert.That(repair[1].Text, Is.EqualTo("Customer Ana wrote: I was charged twice"));
        Assert.That(repair[3].Text, Is.EqualTo("Customer Cy wrote: Refund please"));
    }

    [Test]
    public async Task WithExamples_ReturnsANewTask_AndLeavesThisOneWithout()
    {
        var model = Model();
        var plain = FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt);
        var withOne = plain.WithExamples(Charged, Font).WithExamples(Font);

        await plain.RunAsync(new Ticket("Cy", "Refund please"), new RunOptions { ChatClient = model });

        Assert.That(model.Requests.Single().Messages, Has.Count.EqualTo(2));
        Assert.That(plain.Examples, Is.Empty);
        Assert.That(plain.ExamplesHash, Is.Null);
        Assert.That(withOne.Examples, Is.EqualTo(new[] { Font }), "WithExamples replaces the examples");
        Assert.That((withOne.Name, withOne.Prompt), Is.EqualTo(("triage", TriagePrompt)));
    }

    [Test]
    public async Task Examples_AreRecorded_WithTheirCountAndHash()
    {
        var task = FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt).WithExamples(Charged, Font);

        var result = await task.RunAsync(new Ticket("Cy", "Refund please"), new RunOptions { ChatClient = Model() });

        var call = result.Record.LlmCalls.Single();
        Assert.That(call.ExampleCount, Is.EqualTo(2));
        Assert.That(call.ExamplesHash, Is.EqualTo(task.ExamplesHash).And.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public void ExamplesHash_ChangesWhenAnExampleChanges_AndNotOtherwise()
    {
        static string? Hash(Prompt prompt, params PromptExample<Ticket, Triage>[] examples)
            => FlowTask.FromPrompt<Ticket, Triage>("triage", prompt).WithExamples(examples).ExamplesHash;

        var original = Hash(TriagePrompt, Charged, Font);

        Assert.That(Hash(TriagePrompt, Charged with { Input = new Ticket("Ana", "I was charged twice") }, Font), Is.EqualTo(original), "equal examples, other instances");
        Assert.That(Hash(new Prompt("triage", "4", "Ticket from {{$Customer}}: {{$Text}}"), Charged, Font), Is.EqualTo(original), "the prompt has a hash of its own");
        Assert.That(Hash(TriagePrompt, Charged with { Output = new Triage("Double charge", Severity.Low) }, Font), Is.Not.EqualTo(original), "an output changed");
        Assert.That(Hash(TriagePrompt, Charged with { Input = new Ticket("Ana", "I was charged three times") }, Font), Is.Not.EqualTo(original), "an input changed");
        Assert.That(Hash(TriagePrompt, Font, Charged), Is.Not.EqualTo(original), "the order changed");
        Assert.That(Hash(TriagePrompt, Charged), Is.Not.EqualTo(original), "an example removed");
    }

    [Test]
    public void AnExample_WhoseOutputFailsValidation_IsRefusedWhenBuilt()
    {
        var task = FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt);

        var ex = Assert.Throws<FlowDefinitionException>(() => task.WithExamples(Charged, Charged with { Output = new Triage("x", Severity.Low) }));

        Assert.That(ex!.NodePath, Is.EqualTo("triage"));
        Assert.That(ex.Message, Does.Contain("Examples[1].Output").And.Contain("summary: The field Summary must be a string or array type with a minimum length of '3'."));
    }

    [Test]
    public void AnExample_WithAnInvalidNestedItem_IsRefusedWhenBuilt()
    {
        var task = FlowTask.FromPrompt<string, Tagged>("tag", new Prompt("tag", "1", "{{$input}}"));

        Assert.That(
            () => task.WithExamples(new PromptExample<string, Tagged>("login fails", new Tagged("Login", [new("auth"), new("x")]))),
            Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("Examples[0].Output").And.Message.Contain("tags[1].name:"));
    }

    [Test]
    public void Examples_WithNullParts_AreRefusedWhenBuilt()
    {
        var task = FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt);

        var ex = Assert.Throws<FlowDefinitionException>(() => task.WithExamples(new PromptExample<Ticket, Triage>(null!, Charged.Output), new PromptExample<Ticket, Triage>(Charged.Input, null!), null!));

        Assert.That(ex!.Errors.Select(e => e.Message), Has.Some.Contain("Examples[0].Input is null")
            .And.Some.Contain("Examples[1].Output is null")
            .And.Some.Contain("Examples[2] is null"));
    }

    [Test]
    public void Reasoning_MustMatchChainOfThought_WhenBuilt()
    {
        Assert.That(
            () => FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt, o => o.ChainOfThought = true).WithExamples(Charged),
            Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("Examples[0] has no Reasoning"));
        Assert.That(
            () => FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt).WithExamples(Charged with { Reasoning = "because" }),
            Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("Examples[0] has a Reasoning, but ChainOfThought is off"));
    }

    [Test]
    public async Task Examples_AreShownToEverySample()
    {
        var model = new ScriptedChatClient().When(_ => true, _ => ScriptedReply.Json(new { summary = "Refund asked", severity = "Low" }));
        var task = FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt, o =>
        {
            o.Samples = 3;
            o.Temperature = 0.7f;
        }).WithExamples(Charged);

        await task.RunAsync(new Ticket("Cy", "Refund please"), new RunOptions { ChatClient = model });

        Assert.That(model.Requests, Has.Count.EqualTo(3));
        Assert.That(model.Requests.Select(r => r.Messages.Count(m => m.Role == ChatRole.Assistant)), Is.All.EqualTo(1));
    }
}
