namespace AgentFlow.Tests.TestSupport;

/// <summary>
/// A flow with a node in every kind of container, for tests that find nodes by path and run them alone:
/// <code>
/// support/normalize                      code
/// support/lookup/{length,summarize}      a parallel: code, prompt
/// support/route[Billing]/refund          an LLM-decided branch: prompt
/// support/route[Technical]/escalate      code
/// support/refine/draft                   a loop (LLM exit) whose body is a prompt; run-time support/refine#2/draft
/// support/split                          code
/// support/check/word                     a map over words; run-time support/check#0/word
/// support/total                          code
/// </code>
/// </summary>
public static class NestedFlow
{
    public enum Team
    {
        Billing,
        Technical,
    }

    public static Flow<string, int> Build(FlowTask<string, string>? escalate = null)
    {
        var lookup = Flow.Parallel(
            "lookup",
            FlowTask.Create("length", (string text) => text.Length),
            Prompt("summarize"),
            (length, summary) => $"{summary} ({length})");
        var route = Flow.Branch<string, Team, string>("route")
            .DecideByLlm(text => $"Which team? {text}")
            .Case(Team.Billing, Prompt("refund"))
            .Case(Team.Technical, escalate ?? FlowTask.Create("escalate", (string text) => $"escalated: {text}"))
            .Build();
        var refine = Flow.Loop("refine", Prompt("draft")).UntilLlm(text => $"Is this ready? {text}").MaxIterations(3).Build();
        return Flow.Define<string>("support")
            .Then("normalize", (string text) => text.Trim())
            .Then(lookup)
            .Then(route)
            .Then(refine)
            .Then("split", (string text) => (IReadOnlyList<string>)text.Split(' '))
            .Then(Flow.Map("check", FlowTask.Create("word", (string word) => word.Length), maxDegreeOfParallelism: 2))
            .Then("total", (IReadOnlyList<int> lengths) => lengths.Sum())
            .Build();
    }

    public static FlowTask<string, string> Prompt(string name) => FlowTask.FromPrompt<string, string>(name, new Prompt(name, "1", "{{$input}}"));
}
