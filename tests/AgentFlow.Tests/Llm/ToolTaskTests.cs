using System.Text.Json;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace AgentFlow.Tests.Llm;

/// <summary>Tool tasks: one function called with the task's input, its result read as the output, without a model.</summary>
public sealed class ToolTaskTests
{
    public enum Status
    {
        Open,
        Shipped,
    }

    public sealed record OrderQuery(string OrderId, bool IncludeLines);

    public sealed record OrderStatus(string OrderId, Status Status, int Lines);

    private static AIFunction Lookup() => AIFunctionFactory.Create(
        (string orderId, bool includeLines) => new OrderStatus(orderId, Status.Shipped, includeLines ? 3 : 0), "lookup_order");

    [Test]
    public async Task ToolTask_PassesTheInputsPropertiesByParameterName_AndReadsTheResultAsTheOutput()
    {
        var task = FlowTask.FromTool<OrderQuery, OrderStatus>("lookup", Lookup());

        var result = await task.RunAsync(new OrderQuery("A-17", IncludeLines: true));

        Assert.That(result.Output, Is.EqualTo(new OrderStatus("A-17", Status.Shipped, 3)));
        var call = result.Record.ToolCalls.Single();
        Assert.That((call.Path, call.ToolName, call.CallId, call.Round, call.Succeeded), Is.EqualTo(("lookup", "lookup_order", (string?)null, 0, true)));
        Assert.That(result.Record.LlmCalls, Is.Empty);
        Assert.That(result.Record.Nodes.Single().Kind, Is.EqualTo(NodeKind.Tool));
    }

    [Test]
    public async Task ToolTask_WithASimpleInput_FillsTheFunctionsOnlyParameter()
    {
        var task = FlowTask.FromTool<int, int>("square", AIFunctionFactory.Create((int value) => value * value, "square"));

        var result = await task.RunAsync(7);

        Assert.That(result.Output, Is.EqualTo(49));
    }

    [Test]
    public async Task ToolTask_WithAKernelFunction_CallsIt()
    {
        var plugin = KernelPluginFactory.CreateFromFunctions("text", [KernelFunctionFactory.CreateFromMethod((string input) => input.ToUpperInvariant(), "upper")]);
        var task = FlowTask.FromTool<string, string>("shout", plugin["upper"]);

        var result = await task.RunAsync("quiet");

        Assert.That(result.Output, Is.EqualTo("QUIET"));
        Assert.That(result.Record.ToolCalls.Single().ToolName, Is.EqualTo("text_upper"));
    }

    [Test]
    public async Task ToolTask_WithAStringOutput_KeepsTheJsonOfAResultThatIsNotAString()
    {
        var task = FlowTask.FromTool<int, string>("count", AIFunctionFactory.Create((int n) => new[] { n, n + 1 }, "count"));

        var result = await task.RunAsync(1);

        Assert.That(result.Output, Is.EqualTo("[1,2]"));
    }

    [Test]
    public async Task ToolTask_PassesTheRunsServicesToTheFunction()
    {
        var services = new ServiceCollection().AddSingleton(new Prefix("order ")).BuildServiceProvider();
        var task = FlowTask.FromTool<string, string>("label", AIFunctionFactory.Create((string id, IServiceProvider provider) => provider.GetRequiredService<Prefix>().Text + id, "label"));

        var result = await task.RunAsync("A-1", new RunOptions { Services = services });

        Assert.That(result.Output, Is.EqualTo("order A-1"));
    }

    [Test]
    public void ToolTask_WhenTheFunctionThrows_FailsNamingThePathAndTheTool_AndRecordsTheCall()
    {
        var outage = new InvalidOperationException("orders database down");
        var flow = Flow.Define<OrderQuery>("support")
            .Then(FlowTask.FromTool<OrderQuery, OrderStatus>("lookup", AIFunctionFactory.Create((string orderId) => Fail(outage), "lookup_order")))
            .Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await flow.RunAsync(new OrderQuery("A-1", false), new RunOptions { EnableSensitiveData = true }));

        Assert.That(ex!.NodePath, Is.EqualTo("support/lookup"));
        Assert.That(ex.InnerException, Is.SameAs(outage));
        Assert.That(ex.Message, Does.Contain("'lookup_order'").And.Contain("orders database down"));
        var call = ex.Record!.ToolCalls.Single();
        Assert.That((call.Succeeded, call.Error), Is.EqualTo((false, "orders database down")));
        Assert.That(((JsonElement?)null, call.Arguments!["orderId"]), Is.EqualTo(((JsonElement?)null, (object?)"A-1")), "the input's values are passed as they are");
    }

    [Test]
    public void ToolTask_WhenTheResultDoesNotConvert_FailsNamingTheOutputType()
    {
        var task = FlowTask.FromTool<int, OrderStatus>("bad", AIFunctionFactory.Create((int n) => "not an order", "bad"));

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await task.RunAsync(1));

        Assert.That(ex!.Message, Does.Contain("'bad'").And.Contain("OrderStatus"));
        Assert.That(ex.InnerException, Is.InstanceOf<JsonException>());
    }

    [Test]
    public void FromTool_WhenTheInputLacksARequiredParameter_FailsWhenBuilt()
    {
        var ex = Assert.Throws<FlowDefinitionException>(() => FlowTask.FromTool<Prefix, string>(
            "lookup", AIFunctionFactory.Create((string orderId, bool includeLines) => orderId, "lookup_order")));

        Assert.That(ex!.NodePath, Is.EqualTo("lookup"));
        Assert.That(ex.Errors.Select(e => e.Message), Has.Some.Contain("requires the parameter 'orderId'").And.Some.Contain("requires the parameter 'includeLines'"));
        Assert.That(ex.Errors[0].Message, Does.Contain("Its properties: Text"));
    }

    [Test]
    public void FromTool_WithASimpleInputAndAFunctionOfTwoParameters_FailsWhenBuilt()
    {
        Assert.That(
            () => FlowTask.FromTool<string, string>("lookup", AIFunctionFactory.Create((string orderId, bool includeLines) => orderId, "lookup_order")),
            Throws.TypeOf<FlowDefinitionException>().With.Message.Contain("one parameter").And.Message.Contain("orderId, includeLines"));
    }

    [Test]
    public void ToolTask_Describes_ItsTool_AndRendersAsAFlag()
    {
        var task = FlowTask.FromTool<OrderQuery, OrderStatus>("lookup", Lookup());

        var description = task.Describe();

        Assert.That((description.Kind, description.Detail), Is.EqualTo((NodeKind.Tool, "lookup_order")));
        Assert.That(description.Tools, Is.EqualTo(new[] { "lookup_order" }));
        Assert.That(task.ToMermaid(), Does.Contain("lookup>\"lookup\"]"));
    }

    [Test]
    public async Task ToolTask_InAFlow_FeedsAnAgent()
    {
        var model = new ScriptedChatClient().WhenNode("support/answer", ScriptedReply.Text("Your order has shipped."));
        var flow = Flow.Define<OrderQuery>("support")
            .Then(FlowTask.FromTool<OrderQuery, OrderStatus>("lookup", Lookup()))
            .Then(FlowTask.FromPrompt<OrderStatus, string>("answer", new Prompt("answer", "1", "Order {{$OrderId}} is {{$Status}}.")))
            .Build();

        var result = await flow.RunAsync(new OrderQuery("A-17", false), new RunOptions { ChatClient = model });

        Assert.That(result.Output, Is.EqualTo("Your order has shipped."));
        Assert.That(model.Requests.Single().LastUserText, Is.EqualTo("Order A-17 is Shipped."));
    }

    public sealed record Prefix(string Text);

    private static OrderStatus Fail(Exception exception) => throw exception;
}
