using Microsoft.Extensions.AI;
using Polly;

namespace AgentFlow.Tests.Description;

/// <summary>The prompts a description carries: a prompt or agent task's prompt, its judge prompt and its examples hash.</summary>
public sealed class PromptDescriptionTests
{
    private static readonly Prompt Draft = new("draft", "2", "Draft a reply to: {{$input}}", "You write short replies.");

    private static readonly Prompt Pick = new("pick", "1", "Pick the best reply:\n{{$candidates}}");

    [Test]
    public void Describe_OfPromptTask_CarriesItsPromptJudgeAndExamplesHash()
    {
        var task = FlowTask.FromPrompt<string, string>("draft", Draft, o =>
            {
                o.Samples = 3;
                o.Temperature = 0.7f;
                o.Judge = Pick;
            })
            .WithExamples(new PromptExample<string, string>("refund?", "Your refund is on its way."));

        var description = task.Describe();

        Assert.That(description.Prompt, Is.SameAs(Draft));
        Assert.That(description.JudgePrompt, Is.SameAs(Pick));
        Assert.That(description.ExamplesHash, Is.EqualTo(task.ExamplesHash).And.Not.Null);
    }

    [Test]
    public void Describe_OfPromptTaskInACaseAndWithResilience_KeepsItsPrompt()
    {
        var agent = FlowTask.FromAgent<string, string>("agent", new Prompt("agent", "4", "{{$input}}"), o => o.Tools.Add(AIFunctionFactory.Create(() => "ok", "ping")));
        var draft = FlowTask.FromPrompt<string, string>("draft", Draft).WithResilience(ResiliencePipeline.Empty);
        var route = Flow.Branch<string, string>("route").When("long", s => s.Length > 3, draft).Otherwise(agent).Build();

        var cases = route.Describe().Children;

        Assert.That(cases.Select(c => (c.Path, c.Prompt?.Name)), Is.EqualTo(new[] { ("route[long]/draft", "draft"), ("route[default]/agent", "agent") }));
        Assert.That(cases[0].Detail, Does.EndWith("resilience pipeline"));
    }
}
