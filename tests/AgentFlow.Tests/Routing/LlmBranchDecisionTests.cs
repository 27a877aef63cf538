using System.Text.Json;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;
using DescriptionAttribute = System.ComponentModel.DescriptionAttribute;

namespace AgentFlow.Tests.Routing;

/// <summary>Branches decided by an LLM: valid choices, corrections, failures, fallbacks, parsing and the request sent.</summary>
public sealed class LlmBranchDecisionTests
{
    public enum Topic
    {
        [Description("Invoices, refunds and payments")]
        Billing,

        [Description("Bugs, errors and outages")]
        Technical,

        Other,
    }

    [Test]
    public async Task Branch_WithValidLlmChoice_RunsThatCaseAndRecordsTheDecision()
    {
        var model = new ScriptedChatClient()
            .WhenNode("route", ScriptedReply.Choice("Technical", "mentions a crash", 0.8).WithUsage(120, 15));

        var result = await Route().RunAsync("app crashes", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("technical:app crashes"));
        var decision = result.Record.Routes.Single();
        Assert.That(decision.Path, Is.EqualTo("route"));
        Assert.That(decision.DefinitionPath, Is.EqualTo("route"));
        Assert.That(decision.Label, Is.EqualTo("Technical"));
        Assert.That(decision.Source, Is.EqualTo(DecisionSource.Llm));
        Assert.That(decision.IsFallback, Is.False);
        Assert.That(decision.Rationale, Is.EqualTo("mentions a crash"));
        Assert.That(decision.Confidence, Is.EqualTo(0.8));
        Assert.That(decision.Attempts, Is.EqualTo(1));
        Assert.That(decision.Rejected, Is.Empty);
        Assert.That(decision.Usage, Is.Not.Null);
        Assert.That(decision.Usage!.InputTokenCount, Is.EqualTo(120));
        Assert.That(decision.Usage.OutputTokenCount, Is.EqualTo(15));
        Assert.That(result.Record.NodesAt("route[Technical]/technical"), Has.Count.EqualTo(1));
        Assert.That(result.Record.NodesAt("route[Billing]/billing"), Is.Empty);
        Assert.That(result.Record.Fallbacks, Is.Empty);
    }

    [Test]
    public async Task Branch_InsideFlow_RecordsDecisionAndCaseAtNestedPaths()
    {
        var model = new ScriptedChatClient().WhenNode("support/route", ScriptedReply.Choice("Billing"));
        var flow = Flow.Define<string>("support").Then("trim", s => s.Trim()).Then(Route()).Build();

        var result = await flow.RunAsync(" invoice ", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("billing:invoice"));
        Assert.That(result.Record.RoutesAt("support/route").Single().Label, Is.EqualTo("Billing"));
        Assert.That(result.Record.NodesAt("support/route[Billing]/billing").Single().Status, Is.EqualTo(NodeStatus.Succeeded));
        Assert.That(model.Requests.Single().NodePath, Is.EqualTo("support/route"));
    }

    [Test]
    public async Task Branch_WithUnknownLlmLabel_SendsCorrectionThenSucceeds()
    {
        const string badReply = """{"rationale":"looks like sales","choice":"Sales","confidence":0.7}""";
        var model = new ScriptedChatClient()
            .WhenNode("route", ScriptedReply.Text(badReply).WithUsage(100, 10), ScriptedReply.Choice("Billing", "invoice", 0.9).WithUsage(130, 12));

        var result = await Route().RunAsync("invoice missing", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("billing:invoice missing"));
        Assert.That(model.Requests, Has.Count.EqualTo(2));
        var retry = model.Requests[1].Messages;
        Assert.That(retry.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User }));
        Assert.That(retry[1].Text, Is.EqualTo("Which team handles: invoice missing"));
        Assert.That(retry[2].Text, Is.EqualTo(badReply));
        Assert.That(retry[3].Text, Does.Contain("Sales").And.Contain("not one of the allowed choices"));
        Assert.That(retry[3].Text, Does.Contain("\"Billing\", \"Technical\""));

        var decision = result.Record.Routes.Single();
        Assert.That(decision.Source, Is.EqualTo(DecisionSource.Llm));
        Assert.That(decision.Attempts, Is.EqualTo(2));
        Assert.That(decision.Rejected, Has.Count.EqualTo(1));
        Assert.That(decision.Rejected[0].Attempt, Is.EqualTo(1));
        Assert.That(decision.Rejected[0].Reply, Is.EqualTo(badReply));
        Assert.That(decision.Usage!.InputTokenCount, Is.EqualTo(230), "usage adds up over every attempt");
        Assert.That(decision.Usage.OutputTokenCount, Is.EqualTo(22));
    }

    [Test]
    public void Branch_WithUnknownLlmLabelOnEveryAttempt_FailsWithRouteDecisionExceptionAfterMaxCorrections()
    {
        var model = new ScriptedChatClient()
            .WhenNode("support/route", ScriptedReply.Choice("Sales"), ScriptedReply.Choice("Marketing"), ScriptedReply.Choice("Legal"), ScriptedReply.Choice("Billing"));
        var flow = Flow.Define<string>("support").Then(Route(o => o.MaxCorrections = 2)).Build();

        var ex = Assert.ThrowsAsync<RouteDecisionException>(async () => await flow.RunAsync("hi", new RunOptions { ChatClient = model }));

        Assert.That(model.Requests, Has.Count.EqualTo(3), "MaxCorrections + 1 attempts, no more");
        Assert.That(model.UnusedReplies, Is.EqualTo(1));
        Assert.That(ex!.NodePath, Is.EqualTo("support/route"));
        Assert.That(ex.Message, Does.Contain("support/route").And.Contain("3 attempt(s)").And.Contain("FallbackTo"));
        Assert.That(ex.AllowedLabels, Is.EqualTo(new[] { "Billing", "Technical" }));
        Assert.That(ex.Rejected.Select(r => r.Attempt), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(ex.Rejected.Select(r => r.Reason), Has.All.Contain("not one of the allowed choices"));
        Assert.That(ex.Rejected[0].Reply, Does.Contain("Sales"));
        Assert.That(ex.Rejected[1].Reply, Does.Contain("Marketing"));
        Assert.That(ex.Rejected[2].Reply, Does.Contain("Legal"));
        Assert.That(ex.Record, Is.Not.Null);
        Assert.That(ex.Record!.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(ex.Record.Errors.Single().Path, Is.EqualTo("support/route"));
        Assert.That(ex.Record.Errors.Single().Exception, Is.SameAs(ex));
        Assert.That(ex.Record.Routes, Is.Empty);
    }

    [Test]
    public void Branch_WithUnknownLlmLabel_FailsWithAMessageThatDoesNotQuoteTheModelsReply()
    {
        // Run failures are logged at Warning with the exception: its message must not carry model output.
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice("secret-customer-data"), ScriptedReply.Text("not json: secret-customer-data"));

        var ex = Assert.ThrowsAsync<RouteDecisionException>(async () => await Route(o => o.MaxCorrections = 1).RunAsync("hi", new RunOptions { ChatClient = model }));

        Assert.That(ex!.Message, Does.Not.Contain("secret-customer-data"));
        Assert.That(ex.Message, Does.Contain("not a JSON object"), "the reason of the last rejection, without its text");
        Assert.That(ex.Rejected.Select(r => r.Reply), Has.All.Contain("secret-customer-data"), "the replies stay available to the caller");
    }

    [Test]
    public void Branch_WithZeroCorrections_FailsAfterOneBadAnswer()
    {
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice("Sales"), ScriptedReply.Choice("Billing"));

        var ex = Assert.ThrowsAsync<RouteDecisionException>(async () => await Route(o => o.MaxCorrections = 0).RunAsync("hi", new RunOptions { ChatClient = model }));

        Assert.That(model.Requests, Has.Count.EqualTo(1));
        Assert.That(ex!.Rejected, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Branch_WithUnknownLlmLabelAndFallback_RunsFallbackCaseAndRecordsIt()
    {
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice("Sales"), ScriptedReply.Text("no idea"));

        var result = await Route(o => o.MaxCorrections = 1, fallback: Topic.Technical).RunAsync("hi", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("technical:hi"));
        Assert.That(model.Requests, Has.Count.EqualTo(2));
        var decision = result.Record.Routes.Single();
        Assert.That(decision.Label, Is.EqualTo("Technical"));
        Assert.That(decision.Source, Is.EqualTo(DecisionSource.Fallback));
        Assert.That(decision.IsFallback, Is.True);
        Assert.That(decision.Attempts, Is.EqualTo(2));
        Assert.That(decision.Rationale, Is.Null);
        Assert.That(decision.Confidence, Is.Null);
        Assert.That(decision.Rejected.Select(r => r.Reply), Is.EqualTo(new[] { ScriptedReplyText("Sales"), "no idea" }));
        Assert.That(result.Record.Fallbacks, Is.EqualTo(new[] { "route: Fallback case 'Technical'" }));
        Assert.That(result.Record.NodesAt("route[Technical]/technical"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Branch_WithFallbackAndValidAnswer_DoesNotUseTheFallback()
    {
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice("Billing"));

        var result = await Route(fallback: Topic.Technical).RunAsync("hi", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("billing:hi"));
        Assert.That(result.Record.Routes.Single().Source, Is.EqualTo(DecisionSource.Llm));
        Assert.That(result.Record.Fallbacks, Is.Empty);
    }

    [TestCase("Billing, I think", "the reply is not a JSON object")]
    [TestCase("""{"rationale":"no choice here","confidence":0.5}""", "the reply has no string property 'choice'")]
    [TestCase("""{"choice":3}""", "the reply has no string property 'choice'")]
    [TestCase("""{"choice":"Billing","confidence":1.5}""", "the confidence is not a number between 0 and 1")]
    [TestCase("""{"choice":"Billing","confidence":-0.1}""", "the confidence is not a number between 0 and 1")]
    [TestCase("""{"choice":"Billing","confidence":"high"}""", "the confidence is not a number between 0 and 1")]
    [TestCase("""{choice: Billing}""", "the reply is not valid JSON")]
    public async Task Branch_WithMalformedReply_RejectsItWithReasonThenAcceptsCorrection(string reply, string reason)
    {
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Text(reply), ScriptedReply.Choice("Technical"));

        var result = await Route().RunAsync("hi", new RunOptions { ChatClient = model });

        var decision = result.Record.Routes.Single();
        Assert.That(decision.Label, Is.EqualTo("Technical"));
        Assert.That(decision.Attempts, Is.EqualTo(2));
        Assert.That(decision.Rejected.Single().Reason, Does.StartWith(reason));
        Assert.That(decision.Rejected.Single().Reply, Is.EqualTo(reply));
        Assert.That(model.Requests[1].LastUserText, Does.Contain(reason));
    }

    [TestCase("billing")]
    [TestCase("BILLING")]
    [TestCase("  Billing  ")]
    public async Task Branch_WithChoiceDifferingOnlyInCaseOrSpaces_AcceptsTheUniqueMatch(string choice)
    {
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice(choice));

        var result = await Route().RunAsync("hi", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("billing:hi"));
        Assert.That(result.Record.Routes.Single().Label, Is.EqualTo("Billing"));
        Assert.That(result.Record.Routes.Single().Attempts, Is.EqualTo(1));
    }

    [Test]
    public async Task Branch_WithChoiceMatchingTwoLabelsIgnoringCase_RejectsItAsAmbiguous()
    {
        var branch = Flow.Branch<string, string, string>("route")
            .DecideByLlm(s => s)
            .Case("yes", FlowTask.Create("lower", (string s) => "lower"))
            .Case("YES", FlowTask.Create("upper", (string s) => "upper"))
            .Build();
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice("Yes"), ScriptedReply.Choice("YES"));

        var result = await branch.RunAsync("hi", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("upper"));
        Assert.That(result.Record.Routes.Single().Rejected.Single().Reason, Does.Contain("not one of the allowed choices"));
    }

    [Test]
    public async Task Branch_WithJsonInsideMarkdownFence_AcceptsIt()
    {
        var reply = "Here is my decision:\n```json\n{\"rationale\":\"crash\",\"choice\":\"Technical\",\"confidence\":0.6}\n```";
        var model = new ScriptedChatClient().WhenNode("route", reply);

        var result = await Route().RunAsync("hi", new RunOptions { ChatClient = model });

        var decision = result.Record.Routes.Single();
        Assert.That(decision.Label, Is.EqualTo("Technical"));
        Assert.That(decision.Rationale, Is.EqualTo("crash"));
        Assert.That(decision.Confidence, Is.EqualTo(0.6));
        Assert.That(decision.Rejected, Is.Empty);
    }

    [Test]
    public async Task Branch_WithReplyWithoutConfidence_AcceptsItAndRecordsNoConfidence()
    {
        var model = new ScriptedChatClient().WhenNode("route", """{"choice":"Billing"}""");

        var result = await Route().RunAsync("hi", new RunOptions { ChatClient = model });

        Assert.That(result.Record.Routes.Single().Label, Is.EqualTo("Billing"));
        Assert.That(result.Record.Routes.Single().Confidence, Is.Null);
        Assert.That(result.Record.Routes.Single().Rationale, Is.Null);
    }

    [Test]
    public async Task Branch_LlmRequest_UsesTemperatureZeroAndJsonSchemaWhoseEnumListsExactlyTheCaseLabels()
    {
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice("Billing"));

        await Route().RunAsync("hi", new RunOptions { ChatClient = model });

        var options = model.Requests.Single().Options;
        Assert.That(options, Is.Not.Null);
        Assert.That(options!.Temperature, Is.EqualTo(0f));
        Assert.That(options.ModelId, Is.Null);
        var format = options.ResponseFormat as ChatResponseFormatJson;
        Assert.That(format, Is.Not.Null, "the decision asks for JSON output");
        Assert.That(format!.Schema, Is.Not.Null);
        var schema = format.Schema!.Value;
        var choice = schema.GetProperty("properties").GetProperty("choice");
        Assert.That(choice.GetProperty("enum").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "Billing", "Technical" }));
        Assert.That(schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()), Is.EquivalentTo(new[] { "rationale", "choice", "confidence" }));
        Assert.That(schema.GetProperty("additionalProperties").GetBoolean(), Is.False);
        var confidence = schema.GetProperty("properties").GetProperty("confidence");
        Assert.That(confidence.GetProperty("minimum").GetDouble(), Is.Zero);
        Assert.That(confidence.GetProperty("maximum").GetDouble(), Is.EqualTo(1));
    }

    [Test]
    public async Task Branch_LlmRequest_SendsSystemMessageWithCaseLabelsAndEnumDescriptions()
    {
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice("Billing"));
        var branch = Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(s => $"Ticket: {s}")
            .Case(Topic.Billing, Echo("billing"))
            .Case(Topic.Technical, Echo("technical"))
            .Case(Topic.Other, Echo("other"), description: "Anything else, such as praise")
            .Build();

        await branch.RunAsync("refund please", new RunOptions { ChatClient = model });

        var messages = model.Requests.Single().Messages;
        Assert.That(messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User }));
        var system = messages[0].Text;
        Assert.That(system, Does.Contain("- \"Billing\": Invoices, refunds and payments"));
        Assert.That(system, Does.Contain("- \"Technical\": Bugs, errors and outages"));
        Assert.That(system, Does.Contain("- \"Other\": Anything else, such as praise"));
        Assert.That(system, Does.Contain("route"));
        Assert.That(messages[1].Text, Is.EqualTo("Ticket: refund please"));
    }

    [Test]
    public async Task Branch_LlmRequest_CarriesModelIdTemperatureAndInstructionsFromOptions()
    {
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice("Billing"));

        await Route(o =>
        {
            o.ModelId = "gpt-test";
            o.Temperature = 0.5f;
            o.Instructions = "Prefer Technical when unsure.";
        }).RunAsync("hi", new RunOptions { ChatClient = model });

        var request = model.Requests.Single();
        Assert.That(request.Options!.ModelId, Is.EqualTo("gpt-test"));
        Assert.That(request.Options.Temperature, Is.EqualTo(0.5f));
        Assert.That(request.Messages[0].Text, Does.EndWith("Prefer Technical when unsure."));
        Assert.That(request.Purpose, Is.EqualTo("route-decision"));
    }

    [Test]
    public void Branch_WhenConfigureChangesOptionsAfterBuild_KeepsTheBuiltOptions()
    {
        LlmDecisionOptions? captured = null;
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice("Sales"), ScriptedReply.Choice("Billing"));
        var branch = Route(o =>
        {
            o.MaxCorrections = 0;
            captured = o;
        });

        captured!.MaxCorrections = 5;

        Assert.That(async () => await branch.RunAsync("hi", new RunOptions { ChatClient = model }), Throws.TypeOf<RouteDecisionException>());
        Assert.That(model.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void Branch_WhenPromptThrows_FailsWithFlowTaskExceptionAtBranchPath()
    {
        var boom = new InvalidOperationException("bad prompt");
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice("Billing"));
        var branch = Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(_ => throw boom)
            .Case(Topic.Billing, Echo("billing"))
            .Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await branch.RunAsync("hi", new RunOptions { ChatClient = model }));

        Assert.That(ex!.NodePath, Is.EqualTo("route"));
        Assert.That(ex.InnerException, Is.SameAs(boom));
        Assert.That(model.Requests, Is.Empty);
    }

    private static string ScriptedReplyText(string choice) => JsonSerializer.Serialize(new { rationale = "scripted", choice, confidence = 1.0 }, JsonSerializerOptions.Web);

    private static FlowTask<string, string> Echo(string name) => FlowTask.Create(name, (string s) => $"{name}:{s}");

    private static FlowTask<string, string> Route(Action<LlmDecisionOptions>? configure = null, Topic? fallback = null)
    {
        var builder = Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(text => $"Which team handles: {text}", configure)
            .Case(Topic.Billing, Echo("billing"))
            .Case(Topic.Technical, Echo("technical"));
        if (fallback is { } value)
        {
            builder.FallbackTo(value);
        }

        return builder.Build();
    }
}
