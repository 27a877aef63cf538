using DescriptionAttribute = System.ComponentModel.DescriptionAttribute;
using System.Text.Json;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using FunctionResultContent = Microsoft.Extensions.AI.FunctionResultContent;

namespace AgentFlow.Tests.Llm;

/// <summary>Agent tasks: the tool loop, the allow-list, tool errors, the cap on rounds, records and cancellation.</summary>
public sealed class AgentTaskTests
{
    public sealed record Forecast(string City, string Summary);

    private static readonly Prompt WeatherPrompt = new("weather", "1", "What is the weather in {{$input}}?");

    private static AIFunction Weather(Func<string, string>? forecast = null)
        => AIFunctionFactory.Create((string city) => (forecast ?? (c => $"Sunny in {c}"))(city), "get_weather", "Gets today's weather in a city.");

    private static FlowTask<string, Forecast> Agent(Action<PromptTaskOptions>? configure = null, params AIFunction[] tools)
        => FlowTask.FromAgent<string, Forecast>("agent", WeatherPrompt, options =>
        {
            foreach (var tool in tools.Length == 0 ? [Weather()] : tools)
            {
                options.Tools.Add(tool);
            }

            configure?.Invoke(options);
        });

    [Test]
    public async Task Agent_CallsTheToolTheModelAsksFor_SendsItsResultBack_AndReadsTheFinalReplyAsTheOutput()
    {
        var model = new ScriptedChatClient().WhenNode(
            "agent",
            ScriptedReply.ToolCall("get_weather", new { city = "Paris" }),
            ScriptedReply.Json(new { city = "Paris", summary = "Sunny" }));

        var result = await Agent().RunAsync("Paris", new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo(new Forecast("Paris", "Sunny")));
        Assert.That(model.Requests, Has.Count.EqualTo(2));
        Assert.That(model.Requests[0].ToolNames, Is.EqualTo(new[] { "get_weather" }));
        Assert.That(model.Requests[0].Options!.Tools!.Single(), Is.Not.InstanceOf<AIFunction>(), "only declarations go to the client, so no middleware runs the tool behind the allow-list");
        Assert.That(model.Requests[0].Options!.ResponseFormat, Is.InstanceOf<ChatResponseFormatJson>(), "the output's schema is still asked for");
        var sentBack = model.Requests[1].ToolResults.Single();
        Assert.That(sentBack.CallId, Is.EqualTo("call-0-0"));
        Assert.That(sentBack.Result?.ToString(), Is.EqualTo("Sunny in Paris"));
        Assert.That(model.Requests[1].Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.User, ChatRole.Assistant, ChatRole.Tool }));

        var call = result.Record.ToolCalls.Single();
        Assert.That((call.Path, call.ToolName, call.CallId, call.Round, call.Succeeded, call.Error), Is.EqualTo(("agent", "get_weather", "call-0-0", 1, true, (string?)null)));
        Assert.That((call.Arguments, call.Result), Is.EqualTo(((IReadOnlyDictionary<string, object?>?)null, (object?)null)), "arguments and results are sensitive");
        var llm = result.Record.LlmCalls.Single();
        Assert.That((llm.Attempts, llm.ToolCalls, llm.Succeeded, llm.Purpose), Is.EqualTo((2, 1, true, "agent")));
        Assert.That(model.Requests.Select(r => r.Purpose), Is.All.EqualTo("agent"));
        Assert.That(result.Record.Nodes.Single().Kind, Is.EqualTo(NodeKind.Agent));
    }

    [Test]
    public async Task Agent_WithSeveralCallsInOneReply_RunsThemInOrder_AndSendsEveryResultBackInOneToolMessage()
    {
        List<string> order = [];
        var weather = Weather(city =>
        {
            order.Add(city);
            return $"Rain in {city}";
        });
        var model = new ScriptedChatClient().Enqueue(
            ScriptedReply.ToolCalls(new ScriptedToolCall("get_weather", new { city = "Oslo" }, "a"), new ScriptedToolCall("get_weather", new { city = "Rome" }, "b")),
            ScriptedReply.Json(new { city = "Oslo", summary = "Rain" }));

        var result = await Agent(tools: weather).RunAsync("Oslo", new RunOptions { ChatClient = model });

        Assert.That(order, Is.EqualTo(new[] { "Oslo", "Rome" }));
        var toolMessage = model.Requests[1].Messages[^1];
        Assert.That(toolMessage.Role, Is.EqualTo(ChatRole.Tool));
        Assert.That(toolMessage.Contents.OfType<FunctionResultContent>().Select(r => (r.CallId, r.Result?.ToString())), Is.EqualTo(new[] { ("a", "Rain in Oslo"), ("b", "Rain in Rome") }));
        Assert.That(result.Record.ToolCalls.Select(c => (c.CallId, c.Round)), Is.EqualTo(new[] { ("a", 1), ("b", 1) }));
        Assert.That(result.Record.LlmCalls.Single().ToolCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task Agent_WithAPluginOfKernelFunctions_CallsTheMethodTheModelNames()
    {
        var orders = new OrdersPlugin();
        var model = new ScriptedChatClient().Enqueue(
            ScriptedReply.ToolCall("orders_GetOrderStatus", new { orderId = "A-17" }),
            ScriptedReply.Text("Order A-17 has shipped."));
        var agent = FlowTask.FromAgent<string, string>("support", new Prompt("support", "1", "{{$input}}"), o => o.AddPlugin(KernelPluginFactory.CreateFromObject(orders, "orders")));

        var result = await agent.RunAsync("Where is my order A-17?", new RunOptions { ChatClient = model });

        Assert.That(orders.Asked, Is.EqualTo(new[] { "A-17" }));
        Assert.That(model.Requests[0].ToolNames, Is.EquivalentTo(new[] { "orders_GetOrderStatus", "orders_CancelOrder" }));
        Assert.That(model.Requests[1].ToolResults.Single().Result?.ToString(), Is.EqualTo("A-17: shipped"));
        Assert.That(result.Output, Is.EqualTo("Order A-17 has shipped."));
        Assert.That(result.Record.ToolCalls.Single().ToolName, Is.EqualTo("orders_GetOrderStatus"));
    }

    [Test]
    public async Task Agent_WithAKernelFunction_TakesItAsAnAIFunction()
    {
        var function = KernelFunctionFactory.CreateFromMethod((string city) => $"Fog in {city}", "get_weather", "Gets today's weather.");
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.ToolCall("get_weather", new { city = "London" }), ScriptedReply.Json(new { city = "London", summary = "Fog" }));

        var result = await Agent(tools: function).RunAsync("London", new RunOptions { ChatClient = model });

        Assert.That(model.Requests[1].ToolResults.Single().Result?.ToString(), Is.EqualTo("Fog in London"));
        Assert.That(result.Output.Summary, Is.EqualTo("Fog"));
    }

    [Test]
    public async Task Agent_PassesTheRunsServicesToTheTool()
    {
        var services = new ServiceCollection().AddSingleton(new Greeting("Welcome back")).BuildServiceProvider();
        var greet = AIFunctionFactory.Create((string name, IServiceProvider provider) => $"{provider.GetRequiredService<Greeting>().Text}, {name}", "greet");
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.ToolCall("greet", new { name = "Ana" }), ScriptedReply.Text("done"));
        var agent = FlowTask.FromAgent<string, string>("agent", new Prompt("p", "1", "{{$input}}"), o => o.Tools.Add(greet));

        await agent.RunAsync("hi", new RunOptions { ChatClient = model, Services = services });

        Assert.That(model.Requests[1].ToolResults.Single().Result?.ToString(), Is.EqualTo("Welcome back, Ana"));
    }

    [Test]
    public async Task Agent_WhenTheModelCallsAToolNotOnTheList_SendsTheErrorBack_AndTheModelRecovers()
    {
        var model = new ScriptedChatClient().Enqueue(
            ScriptedReply.ToolCall("delete_account", new { user = "ana" }),
            ScriptedReply.ToolCall("get_weather", new { city = "Paris" }),
            ScriptedReply.Json(new { city = "Paris", summary = "Sunny" }));

        var result = await Agent().RunAsync("Paris", new RunOptions { ChatClient = model });

        Assert.That(result.Output.Summary, Is.EqualTo("Sunny"));
        var refusal = model.Requests[1].ToolResults.Single().Result?.ToString();
        Assert.That(refusal, Does.StartWith("Error:").And.Contain("no tool named 'delete_account'").And.Contain("get_weather"));
        var calls = result.Record.ToolCalls;
        Assert.That(calls.Select(c => (c.ToolName, c.Succeeded, c.Round)), Is.EqualTo(new[] { ("delete_account", false, 1), ("get_weather", true, 2) }));
        Assert.That(calls[0].Error, Does.Contain("no tool named 'delete_account'"));
    }

    [Test]
    public void Agent_WhenTheModelCallsAToolNotOnTheList_WithFailTask_FailsNamingThePathAndTheTool()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.ToolCall("delete_account"));
        var flow = Flow.Define<string>("support").Then(Agent(o => o.ToolErrors = ToolErrorBehavior.FailTask)).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await flow.RunAsync("Paris", new RunOptions { ChatClient = model }));

        Assert.That(ex!.NodePath, Is.EqualTo("support/agent"));
        Assert.That(ex.Message, Does.Contain("support/agent").And.Contain("'delete_account'").And.Contain("ReturnToModel"));
        Assert.That(model.Requests, Has.Count.EqualTo(1), "the model is not asked again");
        Assert.That(ex.Record!.ToolCalls.Single().Succeeded, Is.False);
        Assert.That(ex.Record.LlmCalls.Single().Succeeded, Is.False);
    }

    [Test]
    public async Task Agent_WhenAToolThrows_SendsItsMessageBack_AndTheModelRecovers()
    {
        var weather = Weather(_ => throw new InvalidOperationException("weather service down"));
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.ToolCall("get_weather", new { city = "Paris" }), ScriptedReply.Json(new { city = "Paris", summary = "Unknown" }));

        var result = await Agent(tools: weather).RunAsync("Paris", new RunOptions { ChatClient = model });

        Assert.That(result.Output.Summary, Is.EqualTo("Unknown"));
        Assert.That(model.Requests[1].ToolResults.Single().Result?.ToString(), Is.EqualTo("Error: weather service down"));
        var call = result.Record.ToolCalls.Single();
        Assert.That((call.Succeeded, call.Error), Is.EqualTo((false, "weather service down")));
    }

    [Test]
    public void Agent_WhenAToolThrows_WithFailTask_FailsWithTheOriginalAsInnerException()
    {
        var outage = new InvalidOperationException("weather service down");
        var weather = Weather(_ => throw outage);
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.ToolCall("get_weather", new { city = "Paris" }));

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await Agent(o => o.ToolErrors = ToolErrorBehavior.FailTask, weather).RunAsync("Paris", new RunOptions { ChatClient = model }));

        Assert.That(ex!.InnerException, Is.SameAs(outage));
        Assert.That(ex.NodePath, Is.EqualTo("agent"));
        Assert.That(ex.Message, Does.Contain("'get_weather'").And.Contain("weather service down"));
        Assert.That(ex.Record!.Errors.Single().Exception, Is.SameAs(outage));
    }

    [Test]
    public async Task Agent_WhenTheArgumentsDoNotBind_SendsTheBindingErrorBack()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.ToolCall("get_weather", new { town = "Paris" }), ScriptedReply.Json(new { city = "Paris", summary = "?" }));

        var result = await Agent().RunAsync("Paris", new RunOptions { ChatClient = model });

        Assert.That(model.Requests[1].ToolResults.Single().Result?.ToString(), Does.StartWith("Error:").And.Contain("city"));
        Assert.That(result.Record.ToolCalls.Single().Succeeded, Is.False);
    }

    [Test]
    public void Agent_ThatKeepsCallingTools_FailsWithToolRoundsExceededException()
    {
        var model = new ScriptedChatClient().Enqueue([.. Enumerable.Range(0, 5).Select(_ => ScriptedReply.ToolCall("get_weather", new { city = "Paris" }))]);
        var flow = Flow.Define<string>("support").Then(Agent(o => o.MaxToolRounds = 2)).Build();

        var ex = Assert.ThrowsAsync<ToolRoundsExceededException>(async () => await flow.RunAsync("Paris", new RunOptions { ChatClient = model }));

        Assert.That(ex!.NodePath, Is.EqualTo("support/agent"));
        Assert.That(ex.MaxToolRounds, Is.EqualTo(2));
        Assert.That(ex.Message, Does.Contain("MaxToolRounds"));
        Assert.That(model.Requests, Has.Count.EqualTo(3), "two rounds, then the call that asks for a third");
        Assert.That(ex.Record!.ToolCalls, Has.Count.EqualTo(2));
        Assert.That(ex.Record.LlmCalls.Single().Succeeded, Is.False);
    }

    [Test]
    public async Task Agent_CountsToolRoundsApartFromRepairs()
    {
        var model = new ScriptedChatClient().Enqueue(
            ScriptedReply.ToolCall("get_weather", new { city = "Paris" }),
            ScriptedReply.Text("It is sunny."),
            ScriptedReply.Json(new { city = "Paris", summary = "Sunny" }));

        var result = await Agent(o =>
        {
            o.MaxToolRounds = 1;
            o.MaxRepairs = 1;
        }).RunAsync("Paris", new RunOptions { ChatClient = model });

        Assert.That(result.Output.Summary, Is.EqualTo("Sunny"));
        Assert.That(model.Requests[2].LastUserText, Does.Contain("not accepted"), "the repair keeps the tool round in the conversation");
        Assert.That(model.Requests[2].ToolResults, Has.Count.EqualTo(1));
        Assert.That(result.Record.LlmCalls.Single().Attempts, Is.EqualTo(3));
    }

    [Test]
    public void Agent_WhenTheRunIsCancelledDuringATool_ThrowsOperationCanceledExceptionUnwrapped_AndAsksTheModelNoMore()
    {
        using var cts = new CancellationTokenSource();
        var slow = AIFunctionFactory.Create(
            async (string city, CancellationToken ct) =>
            {
                await cts.CancelAsync();
                await Task.Delay(Timeout.Infinite, ct);
                return city;
            },
            "get_weather");
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.ToolCall("get_weather", new { city = "Paris" }));

        Assert.That(
            async () => await Agent(tools: slow).RunAsync("Paris", new RunOptions { ChatClient = model }, cts.Token).WaitAsync(TestSupport.Signal.Timeout),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(model.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Agent_RecordsArgumentsAndResults_OnlyWithSensitiveDataOn()
    {
        ScriptedChatClient Model() => new ScriptedChatClient().Enqueue(
            ScriptedReply.ToolCall("get_weather", new { city = "Paris" }),
            ScriptedReply.Json(new { city = "Paris", summary = "Sunny" }));

        var off = await Agent().RunAsync("Paris", new RunOptions { ChatClient = Model() });
        var on = await Agent().RunAsync("Paris", new RunOptions { ChatClient = Model(), EnableSensitiveData = true });

        Assert.That(off.Record.ToolCalls.Single().Arguments, Is.Null);
        Assert.That(off.Record.ToolCalls.Single().Result, Is.Null);
        var call = on.Record.ToolCalls.Single();
        Assert.That(((JsonElement)call.Arguments!["city"]!).GetString(), Is.EqualTo("Paris"));
        Assert.That(call.Result?.ToString(), Is.EqualTo("Sunny in Paris"));
    }

    [Test]
    public async Task Agent_LogsToolArgumentsAndResultsAtTraceOnly_AndOnlyWithSensitiveDataOn()
    {
        const string Secret = "CITY-SECRET-2718";
        ScriptedChatClient Model() => new ScriptedChatClient().Enqueue(
            ScriptedReply.ToolCall("get_weather", new { city = Secret }),
            ScriptedReply.Json(new { city = "x", summary = "y" }));
        var quiet = new Logging.CapturingLoggerFactory();
        var verbose = new Logging.CapturingLoggerFactory();

        await Agent().RunAsync("Paris", new RunOptions { ChatClient = Model(), LoggerFactory = quiet });
        await Agent().RunAsync("Paris", new RunOptions { ChatClient = Model(), LoggerFactory = verbose, EnableSensitiveData = true });

        Assert.That(quiet.Entries.Select(e => e.Message), Has.Some.Contain("Tool 'get_weather' called by 'agent' (round 1) succeeded"));
        Assert.That(quiet.Entries.Where(e => e.Mentions(Secret)), Is.Empty);
        var sensitive = verbose.Entries.Where(e => e.Mentions(Secret)).ToArray();
        Assert.That(sensitive.Select(e => e.Message), Has.Some.Contain("with arguments").And.Some.Contain("returned"));
        Assert.That(sensitive.Select(e => e.Level), Has.All.EqualTo(Microsoft.Extensions.Logging.LogLevel.Trace));
    }

    [Test]
    public async Task Agent_LogsAFailedToolCallAsAWarningWithoutItsArguments()
    {
        const string Secret = "CITY-SECRET-3141";
        var logs = new Logging.CapturingLoggerFactory();
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.ToolCall("get_weather", new { city = Secret }), ScriptedReply.Json(new { city = "x", summary = "y" }));

        await Agent(tools: Weather(_ => throw new InvalidOperationException("down"))).RunAsync("Paris", new RunOptions { ChatClient = model, LoggerFactory = logs });

        var warning = logs.Entries.Single(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.That(warning.Message, Does.Contain("'get_weather'").And.Contain("'agent'").And.Contain("InvalidOperationException"));
        Assert.That(logs.Entries.Where(e => e.Mentions(Secret)), Is.Empty);
    }

    [Test]
    public async Task Agent_InTheTimeline_ShowsItsToolCalls()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.ToolCall("nope"), ScriptedReply.ToolCall("get_weather", new { city = "Paris" }), ScriptedReply.Json(new { city = "Paris", summary = "Sunny" }));

        var result = await Agent().RunAsync("Paris", new RunOptions { ChatClient = model });

        var timeline = result.Record.FormatTimeline();
        Assert.That(timeline, Does.Contain("3 call(s)").And.Contain("2 tool call(s)"));
        Assert.That(timeline, Does.Contain("tool agent -> nope (round 1)").And.Contain("failed: there is no tool named 'nope'"));
        Assert.That(timeline, Does.Contain("tool agent -> get_weather (round 2)"));
    }

    [Test]
    public void FromAgent_WithNoTools_FailsWhenBuilt()
    {
        var ex = Assert.Throws<FlowDefinitionException>(() => FlowTask.FromAgent<string, string>("agent", WeatherPrompt, _ => { }));

        Assert.That(ex!.NodePath, Is.EqualTo("agent"));
        Assert.That(ex.Message, Does.Contain("Agent task 'agent'").And.Contain("no tools").And.Contain("FromPrompt"));
    }

    [Test]
    public void FromPrompt_WithTools_FailsWhenBuilt_SuggestingFromAgent()
    {
        Assert.That(
            () => FlowTask.FromPrompt<string, string>("p", WeatherPrompt, o => o.Tools.Add(Weather())),
            Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("Prompt task 'p'").And.Message.Contain("Use FlowTask.FromAgent"));
    }

    [Test]
    public void FromAgent_WithTwoToolsOfOneName_FailsWhenBuilt()
    {
        Assert.That(
            () => FlowTask.FromAgent<string, string>("agent", WeatherPrompt, o =>
            {
                o.Tools.Add(Weather());
                o.Tools.Add(AIFunctionFactory.Create(() => "other", "get_weather"));
            }),
            Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("2 tools are named 'get_weather'"));
    }

    [Test]
    public void FromAgent_WithToolsAgentFlowCannotCall_FailsWhenBuilt_NamingEach()
    {
        var ex = Assert.Throws<FlowDefinitionException>(() => FlowTask.FromAgent<string, string>("agent", WeatherPrompt, o =>
        {
            o.Tools.Add(new HostedWebSearchTool());
            o.Tools.Add(Weather().AsDeclarationOnly());
            o.Tools.Add(new ApprovalRequiredAIFunction(AIFunctionFactory.Create(() => "gone", "delete_account")));
        }));

        Assert.That(ex!.Errors, Has.Count.EqualTo(3));
        Assert.That(ex.Errors[0].Message, Does.Contain("HostedWebSearchTool").And.Contain("hosted tools run at the provider"));
        Assert.That(ex.Errors[1].Message, Does.Contain("'get_weather' is a declaration only"));
        Assert.That(ex.Errors[2].Message, Does.Contain("'delete_account' requires approval"));
    }

    [Test]
    public void FromAgent_CopiesTheToolList_SoLaterChangesDoNotReachTheTask()
    {
        PromptTaskOptions? captured = null;
        var agent = FlowTask.FromAgent<string, string>("agent", WeatherPrompt, o =>
        {
            o.Tools.Add(Weather());
            captured = o;
        });

        captured!.Tools.Add(AIFunctionFactory.Create(() => "gone", "delete_account"));

        Assert.That(agent.Describe().Tools, Is.EqualTo(new[] { "get_weather" }));
    }

    [Test]
    public void MaxToolRounds_OutOfRange_ThrowsNamingTheOption()
    {
        var options = new PromptTaskOptions();

        Assert.That(() => options.MaxToolRounds = 0, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("MaxToolRounds"));
        Assert.That(() => options.MaxToolRounds = 51, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("MaxToolRounds"));
        Assert.That((options.MaxToolRounds, options.ToolErrors), Is.EqualTo((5, ToolErrorBehavior.ReturnToModel)));
    }

    [Test]
    public void Agent_Describes_ItsTools_AndRendersThemInMermaid()
    {
        var lookup = AIFunctionFactory.Create((string id) => id, "lookup_order");
        var flow = Flow.Define<string>("support").Then(Agent(tools: [Weather(), lookup])).Build();

        var agent = flow.Describe().Children.Single();

        Assert.That(agent.Kind, Is.EqualTo(NodeKind.Agent));
        Assert.That(agent.Tools, Is.EqualTo(new[] { "get_weather", "lookup_order" }));
        Assert.That(agent.Detail, Does.StartWith("weather@1"));
        Assert.That(flow.ToMermaid(), Does.Contain("support_agent[/\"agent (tools: get_weather, lookup_order)\"\\]"));
    }

    public sealed record Greeting(string Text);

    public sealed class OrdersPlugin
    {
        public List<string> Asked { get; } = [];

        [KernelFunction, Description("Gets the status of an order.")]
        public string GetOrderStatus([Description("The order id.")] string orderId)
        {
            Asked.Add(orderId);
            return $"{orderId}: shipped";
        }

        [KernelFunction, Description("Cancels an order.")]
        public string CancelOrder(string orderId) => throw new InvalidOperationException("not in this test");
    }
}
