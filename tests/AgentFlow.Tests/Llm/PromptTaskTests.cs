using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Llm;

/// <summary>Prompt tasks: rendering, typed output, validation, repairs, records and failures.</summary>
public sealed class PromptTaskTests
{
    public enum Severity
    {
        Low,
        High,
    }

    public sealed record Ticket(string Customer, string Text);

    public sealed record Triage(
        [property: Required, MinLength(3)] string Summary,
        Severity Severity,
        [property: System.ComponentModel.DataAnnotations.Range(0, 1)] double Confidence);

    private static readonly Prompt TriagePrompt = new(
        "triage",
        "3",
        "Customer {{$Customer}} wrote: {{$Text}}",
        "Summarise the ticket and rate its severity.");

    [Test]
    public async Task PromptTask_RendersTheTemplateFromTheInputsProperties_AndParsesTheTypedReply()
    {
        var model = new ScriptedChatClient().WhenNode("triage", ScriptedReply.Json(new { summary = "Double charge", severity = "High", confidence = 0.8 }).WithUsage(40, 12));
        var task = FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt);

        var result = await task.RunAsync(new Ticket("Ana", "I was charged twice & it's <urgent>"), new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo(new Triage("Double charge", Severity.High, 0.8)));
        var request = model.Requests.Single();
        Assert.That(request.Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User }));
        Assert.That(request.Messages[0].Text, Is.EqualTo("Summarise the ticket and rate its severity."));
        Assert.That(request.Messages[1].Text, Is.EqualTo("Customer Ana wrote: I was charged twice & it's <urgent>"), "values are not HTML-encoded");
        Assert.That(request.Purpose, Is.EqualTo("prompt"));
        var call = result.Record.LlmCalls.Single();
        Assert.That((call.Path, call.Purpose, call.PromptName, call.PromptVersion, call.PromptHash), Is.EqualTo(("triage", "prompt", "triage", "3", TriagePrompt.ContentHash)));
        Assert.That((call.Attempts, call.Succeeded, call.ModelId), Is.EqualTo((1, true, "scripted")));
        Assert.That(call.Usage!.InputTokenCount, Is.EqualTo(40));
        Assert.That(call.Usage.OutputTokenCount, Is.EqualTo(12));
    }

    [Test]
    public async Task PromptTask_AsksWithTemperatureZeroAndAJsonSchemaOfTheOutputType()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Json(new { summary = "Fine", severity = "Low", confidence = 1 }));

        await FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt).RunAsync(new Ticket("Bo", "hello"), new RunOptions { ChatClient = model });

        var options = model.Requests.Single().Options!;
        Assert.That(options.Temperature, Is.EqualTo(0f));
        var format = options.ResponseFormat as ChatResponseFormatJson;
        Assert.That(format?.Schema, Is.Not.Null);
        var schema = format!.Schema!.Value;
        Assert.That(schema.GetProperty("properties").TryGetProperty("summary", out _), Is.True, schema.ToString());
        Assert.That(schema.GetProperty("properties").GetProperty("severity").GetProperty("enum").EnumerateArray().Select(e => e.GetString()), Is.EquivalentTo(new[] { "Low", "High" }));
    }

    [Test]
    public async Task PromptTask_WithAReplyThatFailsValidation_SendsTheErrorsBackAndAcceptsTheRepair()
    {
        var model = new ScriptedChatClient().WhenNode(
            "triage",
            ScriptedReply.Json(new { summary = "x", severity = "High", confidence = 3.5 }),
            ScriptedReply.Json(new { summary = "Double charge", severity = "High", confidence = 0.7 }));

        var result = await FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt).RunAsync(new Ticket("Ana", "charged twice"), new RunOptions { ChatClient = model });

        Assert.That(result.Output.Summary, Is.EqualTo("Double charge"));
        Assert.That(model.Requests, Has.Count.EqualTo(2));
        var repair = model.Requests[1].Messages;
        Assert.That(repair[^2].Role, Is.EqualTo(ChatRole.Assistant), "the rejected reply is kept in the conversation");
        Assert.That(repair[^1].Text, Does.Contain("Summary").And.Contain("Confidence"), "the repair names each invalid member");
        Assert.That(result.Record.LlmCalls.Single().Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task PromptTask_WithAReplyThatIsNotJson_RepairsIt()
    {
        var model = new ScriptedChatClient().Enqueue(
            "Sure! It's a billing issue.",
            "```json\n{\"summary\":\"Billing issue\",\"severity\":\"Low\",\"confidence\":0.5}\n```");

        var result = await FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt).RunAsync(new Ticket("Ana", "bill"), new RunOptions { ChatClient = model });

        Assert.That(result.Output.Severity, Is.EqualTo(Severity.Low));
        Assert.That(model.Requests[1].LastUserText, Does.Contain("no JSON"));
    }

    [Test]
    public void PromptTask_WhenEveryReplyFails_ThrowsOutputValidationExceptionWithTheLastReplyAndErrors()
    {
        var model = new ScriptedChatClient().When(_ => true, _ => ScriptedReply.Json(new { summary = "Double charge", severity = "Critical", confidence = 0.5 }));
        var flow = Flow.Define<Ticket>("support").Then(FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt, o => o.MaxRepairs = 1)).Build();

        var ex = Assert.ThrowsAsync<OutputValidationException>(async () => await flow.RunAsync(new Ticket("Ana", "x"), new RunOptions { ChatClient = model }));

        Assert.That(ex!.NodePath, Is.EqualTo("support/triage"));
        Assert.That(ex.Attempts, Is.EqualTo(2));
        Assert.That(model.Requests, Has.Count.EqualTo(2), "MaxRepairs + 1 calls, no more");
        Assert.That(ex.Errors.Single(), Does.Contain("does not match the required shape"));
        Assert.That(ex.LastReply, Does.Contain("Critical"));
        Assert.That(ex.Message, Does.Contain("support/triage").And.Contain("MaxRepairs").And.Not.Contain("Double charge"));
        Assert.That(ex.Record!.LlmCalls.Single().Succeeded, Is.False);
        Assert.That(ex.Record.Errors.Single().Exception, Is.SameAs(ex));
    }

    [Test]
    public async Task PromptTask_WithStringOutput_ReturnsTheReplyTextWithoutSchemaOrParsing()
    {
        var model = new ScriptedChatClient().Enqueue("Dear Ana, we are on it.");
        var reply = FlowTask.FromPrompt<Ticket, string>("reply", new Prompt("reply", "1", "Write to {{$Customer}} about: {{$Text}}"));

        var result = await reply.RunAsync(new Ticket("Ana", "refund"), new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("Dear Ana, we are on it."));
        Assert.That(model.Requests.Single().Options!.ResponseFormat, Is.Null);
        Assert.That(model.Requests.Single().Messages.Single().Text, Is.EqualTo("Write to Ana about: refund"));
    }

    [Test]
    public async Task PromptTask_WithASimpleInput_OffersItAsInput()
    {
        var model = new ScriptedChatClient().Enqueue("4");
        var task = FlowTask.FromPrompt<int, string>("double", new Prompt("double", "1", "Double {{$input}}."));

        await task.RunAsync(2, new RunOptions { ChatClient = model });

        Assert.That(model.Requests.Single().LastUserText, Is.EqualTo("Double 2."));
    }

    [Test]
    public void PromptTask_WithAVariableTheInputDoesNotProvide_FailsWhenBuilt()
    {
        var prompt = new Prompt("triage", "1", "Customer {{$Custmer}} wrote: {{$Text}}");

        var ex = Assert.Throws<FlowDefinitionException>(() => FlowTask.FromPrompt<Ticket, string>("triage", prompt));

        Assert.That(ex!.Message, Does.Contain("{{$Custmer}}").And.Contain("{{$Customer}}"));
    }

    [Test]
    public void PromptTask_WithAFunctionCallInTheTemplate_FailsWhenBuilt()
    {
        var prompt = new Prompt("p", "1", "Today is {{time.Now}}: {{$input}}");

        Assert.That(() => FlowTask.FromPrompt<string, string>("p", prompt), Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("{{time.Now}}"));
    }

    [Test]
    public void PromptTask_WithNoChatClient_FailsWithFlowConfigurationExceptionNamingThePath()
    {
        var ex = Assert.ThrowsAsync<FlowConfigurationException>(async () => await FlowTask.FromPrompt<string, string>("p", new Prompt("p", "1", "{{$input}}")).RunAsync("x"));

        Assert.That(ex!.NodePath, Is.EqualTo("p"));
        Assert.That(ex.Message, Does.Contain("Prompt task"));
    }

    [Test]
    public void PromptTask_WhenTheModelCallThrows_FailsWithFlowTaskExceptionAndRecordsTheFailedCall()
    {
        var outage = new InvalidOperationException("model unavailable");
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(outage));

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await FlowTask.FromPrompt<string, string>("p", new Prompt("p", "1", "{{$input}}")).RunAsync("x", new RunOptions { ChatClient = model }));

        Assert.That(ex!.InnerException, Is.SameAs(outage));
        Assert.That(ex.Record!.LlmCalls.Single().Succeeded, Is.False);
    }

    [Test]
    public void PromptTask_WhenTheRunIsCancelledDuringTheCall_ThrowsOperationCanceledExceptionUnwrapped()
    {
        using var cts = new CancellationTokenSource();
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Text("late").WithDelay(TimeSpan.FromSeconds(30)));
        var task = FlowTask.FromPrompt<string, string>("p", new Prompt("p", "1", "{{$input}}"));
        cts.CancelAfter(TimeSpan.FromMilliseconds(50));

        Assert.That(async () => await task.RunAsync("x", new RunOptions { ChatClient = model }, cts.Token).WaitAsync(TestSupport.Signal.Timeout), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void PromptTaskOptions_OutOfRange_ThrowNamingTheOption()
    {
        var options = new PromptTaskOptions();

        Assert.That(() => options.MaxRepairs = 11, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("MaxRepairs"));
        Assert.That(() => options.Temperature = -1, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("Temperature"));
    }

    [Test]
    public void PromptTask_Describes_ItsPromptAndRendersAsAPromptShape()
    {
        var task = FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt);

        Assert.That(task.Describe().Kind, Is.EqualTo(NodeKind.Prompt));
        Assert.That(task.Describe().Detail, Does.StartWith("triage@3"));
        Assert.That(task.ToMermaid(), Does.Contain("triage[/\"triage\"/]"));
    }

    [Test]
    public async Task PromptTask_InTheTimeline_ShowsThePromptVersionAndTokens()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Text("ok").WithUsage(7, 2));

        var result = await FlowTask.FromPrompt<string, string>("p", new Prompt("p", "9", "{{$input}}")).RunAsync("x", new RunOptions { ChatClient = model });

        Assert.That(result.Record.FormatTimeline(), Does.Contain("model p (prompt, prompt p@9): 1 call(s)").And.Contain("7 in / 2 out tokens"));
    }

    [Test]
    public async Task LlmDecision_IsRecordedAmongTheRunsModelCalls()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Choice("Nope"), ScriptedReply.Choice("High"));
        var branch = Flow.Branch<string, Severity, string>("route")
            .DecideByLlm(s => s)
            .Case(Severity.Low, FlowTask.Create("low", (string s) => s))
            .Case(Severity.High, FlowTask.Create("high", (string s) => s))
            .Build();

        var result = await branch.RunAsync("x", new RunOptions { ChatClient = model });

        var call = result.Record.LlmCalls.Single();
        Assert.That((call.Path, call.Purpose, call.Attempts, call.Succeeded, call.PromptName), Is.EqualTo(("route", "route-decision", 2, true, (string?)null)));
    }

    [Test]
    public void Json_OfTheDefaultSerializerOptions_WritesEnumsAsStrings()
    {
        Assert.That(JsonSerializer.Serialize(Severity.High, PromptTaskOptions.DefaultSerializerOptions), Is.EqualTo("\"High\""));
    }
}
