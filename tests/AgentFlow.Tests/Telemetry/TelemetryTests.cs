using System.Diagnostics;
using AgentFlow.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AgentFlow.Tests.Telemetry;

/// <summary>Spans and measurements of the AgentFlow activity source and meter, read with OpenTelemetry's in-memory exporter.</summary>
[NonParallelizable]
public sealed class TelemetryTests
{
    [Test]
    public async Task Run_WithATracerListening_HasARunSpanWithANestedSpanPerNodeAndAGenAiSpanPerModelCall()
    {
        var spans = new List<Activity>();
        using (var tracer = Sdk.CreateTracerProviderBuilder().AddSource(AgentFlowTelemetry.Name).AddInMemoryExporter(spans).Build())
        {
            var model = new ScriptedChatClient("scripted-mini").Enqueue(ScriptedReply.Text("short").WithUsage(12, 3));
            var flow = Flow.Define<string>("tel")
                .Then("trim", s => s.Trim())
                .Then(FlowTask.FromPrompt<string, string>("summarize", new Prompt("summarize", "1", "{{$input}}"), o => o.ModelId = "scripted-mini"))
                .Build();

            await flow.RunAsync(" text ", new RunOptions { ChatClient = model, RunId = "r1" });
            tracer.ForceFlush();
        }

        var run = spans.Single(s => s.DisplayName == "agentflow.run tel");
        var root = spans.Single(s => s.DisplayName == "agentflow.node tel");
        var trim = spans.Single(s => s.DisplayName == "agentflow.node tel/trim");
        var summarize = spans.Single(s => s.DisplayName == "agentflow.node tel/summarize");
        var chat = spans.Single(s => s.DisplayName == "chat scripted-mini");
        Assert.That(root.ParentSpanId, Is.EqualTo(run.SpanId));
        Assert.That(trim.ParentSpanId, Is.EqualTo(root.SpanId));
        Assert.That(summarize.ParentSpanId, Is.EqualTo(root.SpanId), "siblings do not nest under each other");
        Assert.That(chat.ParentSpanId, Is.EqualTo(summarize.SpanId));
        Assert.That(chat.Kind, Is.EqualTo(ActivityKind.Client));
        Assert.That(chat.GetTagItem("gen_ai.operation.name"), Is.EqualTo("chat"));
        Assert.That(chat.GetTagItem("gen_ai.request.model"), Is.EqualTo("scripted-mini"));
        Assert.That(chat.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(12L));
        Assert.That(chat.GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(3L));
        Assert.That(run.GetTagItem("agentflow.run.id"), Is.EqualTo("r1"));
        Assert.That(run.GetTagItem("agentflow.run.status"), Is.EqualTo("Succeeded"));
        Assert.That(spans.SelectMany(s => s.Tags).Select(t => t.Value), Has.None.EqualTo(" text "), "no prompt content in spans");
    }

    [Test]
    public async Task Agent_WithATracerListening_HasAnExecuteToolSpanPerToolCallUnderItsNodeSpan()
    {
        var spans = new List<Activity>();
        using (var tracer = Sdk.CreateTracerProviderBuilder().AddSource(AgentFlowTelemetry.Name).AddInMemoryExporter(spans).Build())
        {
            var model = new ScriptedChatClient().Enqueue(
                ScriptedReply.ToolCalls(new ScriptedToolCall("get_weather", new { city = "SECRET-CITY" }, "c1"), new ScriptedToolCall("get_tide", new { city = "Brest" }, "c2")),
                ScriptedReply.Text("Sunny, high tide at noon."));
            var agent = FlowTask.FromAgent<string, string>("agent", new Prompt("p", "1", "{{$input}}"), o =>
            {
                o.Tools.Add(Microsoft.Extensions.AI.AIFunctionFactory.Create((string city) => $"Sunny in {city}", "get_weather"));
                o.Tools.Add(Microsoft.Extensions.AI.AIFunctionFactory.Create((string city) => Fail(), "get_tide"));
            });
            var flow = Flow.Define<string>("tel").Then(agent).Build();

            await flow.RunAsync("weather?", new RunOptions { ChatClient = model });
            tracer.ForceFlush();
        }

        var node = spans.Single(s => s.DisplayName == "agentflow.node tel/agent");
        var weather = spans.Single(s => s.DisplayName == "execute_tool get_weather");
        var tide = spans.Single(s => s.DisplayName == "execute_tool get_tide");
        Assert.That(weather.ParentSpanId, Is.EqualTo(node.SpanId));
        Assert.That(tide.ParentSpanId, Is.EqualTo(node.SpanId));
        Assert.That(weather.Kind, Is.EqualTo(ActivityKind.Internal));
        Assert.That(weather.GetTagItem("gen_ai.operation.name"), Is.EqualTo("execute_tool"));
        Assert.That(weather.GetTagItem("gen_ai.tool.name"), Is.EqualTo("get_weather"));
        Assert.That(weather.GetTagItem("gen_ai.tool.call.id"), Is.EqualTo("c1"));
        Assert.That(weather.GetTagItem("agentflow.node.path"), Is.EqualTo("tel/agent"));
        Assert.That((weather.Status, weather.GetTagItem("error.type")), Is.EqualTo((ActivityStatusCode.Unset, (object?)null)));
        Assert.That(tide.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(tide.GetTagItem("error.type"), Is.EqualTo(typeof(TimeoutException).FullName));
        Assert.That(spans.Count(s => s.DisplayName.StartsWith("chat", StringComparison.Ordinal)), Is.EqualTo(2), "one chat span per model call");
        Assert.That(spans.SelectMany(s => s.Tags).Select(t => t.Value), Has.None.Contain("SECRET-CITY"), "no tool arguments in spans");
    }

    [Test]
    public async Task ToolTask_WithATracerListening_HasAnExecuteToolSpanUnderItsNodeSpan()
    {
        var spans = new List<Activity>();
        using (var tracer = Sdk.CreateTracerProviderBuilder().AddSource(AgentFlowTelemetry.Name).AddInMemoryExporter(spans).Build())
        {
            await FlowTask.FromTool<int, int>("square", Microsoft.Extensions.AI.AIFunctionFactory.Create((int x) => x * x, "square_it")).RunAsync(3);
            tracer.ForceFlush();
        }

        var tool = spans.Single(s => s.DisplayName == "execute_tool square_it");
        Assert.That(tool.ParentSpanId, Is.EqualTo(spans.Single(s => s.DisplayName == "agentflow.node square").SpanId));
        Assert.That(tool.GetTagItem("gen_ai.tool.call.id"), Is.Null);
    }

    [Test]
    public void Run_ThatFails_MarksTheRunAndTheFailingNodeSpansAsErrors()
    {
        var spans = new List<Activity>();
        using (var tracer = Sdk.CreateTracerProviderBuilder().AddSource(AgentFlowTelemetry.Name).AddInMemoryExporter(spans).Build())
        {
            var flow = Flow.Define<int>("bad").Then("boom", (Func<int, int>)(_ => throw new InvalidOperationException("x"))).Build();
            Assert.ThrowsAsync<FlowTaskException>(() => flow.RunAsync(1));
            tracer.ForceFlush();
        }

        Assert.That(spans.Single(s => s.DisplayName == "agentflow.node bad/boom").Status, Is.EqualTo(ActivityStatusCode.Error));
        var run = spans.Single(s => s.DisplayName == "agentflow.run bad");
        Assert.That(run.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(run.GetTagItem("agentflow.error.node_path"), Is.EqualTo("bad/boom"));
    }

    [Test]
    public async Task Run_WithAMeterListening_RecordsRunNodeOperationDurationsAndTokenUsage()
    {
        var metrics = new List<Metric>();
        using var meter = Sdk.CreateMeterProviderBuilder().AddMeter(AgentFlowTelemetry.Name).AddInMemoryExporter(metrics).Build();
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Text("ok").WithUsage(40, 7));
        await FlowTask.FromPrompt<string, string>("p", new Prompt("p", "1", "{{$input}}")).RunAsync("x", new RunOptions { ChatClient = model, RecordNodes = false });
        meter.ForceFlush();

        Assert.That(metrics.Select(m => m.Name), Is.SupersetOf(new[]
        {
            "agentflow.run.duration", "agentflow.node.duration", "gen_ai.client.operation.duration", "gen_ai.client.token.usage",
        }));
        var tokens = metrics.First(m => m.Name == "gen_ai.client.token.usage");
        var sums = new Dictionary<string, double>();
        foreach (ref readonly var point in tokens.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Key == "gen_ai.token.type")
                {
                    sums[(string)tag.Value!] = point.GetHistogramSum();
                }
            }
        }

        Assert.That(sums, Is.EquivalentTo(new Dictionary<string, double> { ["input"] = 40, ["output"] = 7 }));
    }

    [Test]
    public async Task Run_WithAsyncSteps_LeavesTheCallersCurrentSpanAsItWas()
    {
        using var callerSource = new ActivitySource("AgentFlow.Tests.Caller");
        var spans = new List<Activity>();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddSource(AgentFlowTelemetry.Name, callerSource.Name).AddInMemoryExporter(spans).Build();
        var flow = Flow.Define<int>("async")
            .Then("first", async (x, ct) =>
            {
                await Task.Yield();
                return x + 1;
            })
            .Then("second", async (x, ct) =>
            {
                await Task.Yield();
                return x + 1;
            })
            .Then("third", x => x + 1)
            .Build();

        using var caller = callerSource.StartActivity("caller");
        await flow.RunAsync(0).WaitAsync(TestSupport.Signal.Timeout);

        Assert.That(Activity.Current, Is.SameAs(caller), "the run does not leave one of its spans current");
        tracer.ForceFlush();
        var root = spans.Single(s => s.DisplayName == "agentflow.node async");
        Assert.That(
            new[] { "first", "second", "third" }.Select(step => spans.Single(s => s.DisplayName == $"agentflow.node async/{step}").ParentSpanId),
            Is.All.EqualTo(root.SpanId),
            "each step nests under the flow, not under the step before it");
        Assert.That(spans.Single(s => s.DisplayName == "agentflow.run async").ParentSpanId, Is.EqualTo(caller!.SpanId));
    }

    private static string Fail() => throw new TimeoutException("tide service timed out");
}
