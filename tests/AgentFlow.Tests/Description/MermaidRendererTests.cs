using System.Text.RegularExpressions;

namespace AgentFlow.Tests.Description;

/// <summary>Mermaid flowcharts rendered by <see cref="FlowNode.ToMermaid"/>: structure, labels, ids and escaping.</summary>
public sealed partial class MermaidRendererTests
{
    private static readonly HashSet<string> MermaidKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "end", "graph", "subgraph", "flowchart", "style", "class", "click", "default",
    };

    public enum Topic
    {
        Billing,
        Technical,
    }

    [Test]
    public void ToMermaid_StartsWithFlowchartTopDown()
    {
        var mermaid = Echo("only").ToMermaid();

        Assert.That(mermaid, Does.StartWith("flowchart TD\n"));
        Assert.That(mermaid, Does.Not.Contain("\r"));
    }

    [Test]
    public void ToMermaid_OfSingleTask_ConnectsInputTaskAndOutput()
    {
        var chart = Parse(FlowTask.Create("measure", (string s) => s.Length).ToMermaid());

        Assert.That(chart.Nodes["measure"], Is.EqualTo("measure"));
        Assert.That(chart.Nodes.Values, Does.Contain("string").And.Contain("int"));
        Assert.That(chart.Edges, Has.Count.EqualTo(2));
        Assert.That(chart.Edges.Select(e => e.To).Concat(chart.Edges.Select(e => e.From)), Does.Contain("measure"));
    }

    [Test]
    public void ToMermaid_OfNestedFlowsAndLoops_RendersEachAsASubgraph()
    {
        var inner = Flow.Define<string>("inner").Then("trim", s => s.Trim()).Then("lower", s => s.ToLowerInvariant()).Build();
        var loop = Flow.Loop("polish", Echo("edit")).UntilLlm(s => s).MaxIterations(3).Build();
        var outer = Flow.Define<string>("outer").Then(inner).Then(loop).Build();

        var mermaid = outer.ToMermaid();
        var chart = Parse(mermaid);

        Assert.That(chart.Subgraphs.Keys, Is.EquivalentTo(new[] { "outer", "outer_inner", "outer_polish" }));
        Assert.That(chart.Subgraphs["outer_polish"], Does.Contain("polish").And.Contain("at most 3"));
        Assert.That(Lines(mermaid).Count(l => l.Trim() == "end"), Is.EqualTo(3), "every subgraph is closed");
        Assert.That(chart.Edges.Select(e => (e.From, e.To)), Does.Contain(("outer_inner_trim", "outer_inner_lower")));
        Assert.That(chart.Edges.Select(e => (e.From, e.To)), Does.Contain(("outer_inner_lower", "outer_polish_edit")), "the inner flow's exit leads to the loop body");
        Assert.That(chart.Edges.Where(e => e.Label == "continue").Select(e => e.To), Is.EqualTo(new[] { "outer_polish_edit" }));
        Assert.That(chart.Nodes.Values, Has.Some.Contain("(LLM)"));
    }

    [Test]
    public void ToMermaid_OfBranch_LabelsEachEdgeWithItsCaseAndMarksTheFallback()
    {
        var route = Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(s => s)
            .Case(Topic.Billing, Echo("billing"))
            .Case(Topic.Technical, Echo("technical"))
            .FallbackTo(Topic.Technical)
            .Build();

        var chart = Parse(Flow.Define<string>("support").Then(route).Build().ToMermaid());

        Assert.That(chart.Nodes["support_route"], Is.EqualTo("route (LLM)"));
        var caseEdges = chart.Edges.Where(e => e.From == "support_route").ToArray();
        Assert.That(caseEdges.Select(e => e.Label), Is.EqualTo(new[] { "Billing", "Technical (fallback)" }));
        Assert.That(caseEdges.Select(e => chart.Nodes[e.To]), Is.EqualTo(new[] { "billing", "technical" }));
    }

    [Test]
    public void ToMermaid_OfCodeBranchWithDefault_LabelsTheDefaultEdgeWithoutFallbackMark()
    {
        var route = Flow.Branch<string, string, string>("route").DecideBy(s => s).Case("en", Echo("english")).Default(Echo("rest")).Build();

        var chart = Parse(route.ToMermaid());

        Assert.That(chart.Nodes["route"], Is.EqualTo("route"));
        Assert.That(chart.Edges.Where(e => e.From == "route").Select(e => e.Label), Is.EqualTo(new[] { "en", "default" }));
    }

    [Test]
    public void ToMermaid_OfMapAndParallel_RendersForkAndJoin()
    {
        var map = Flow.Map("each", FlowTask.Create("measure", (string s) => s.Length), 3);
        var parallel = Flow.Parallel("stats", FlowTask.Create("sum", (IReadOnlyList<int> l) => l.Sum()), FlowTask.Create("count", (IReadOnlyList<int> l) => l.Count), (a, b) => a + b);
        var flow = Flow.Define<IReadOnlyList<string>>("job").Then(map).Then(parallel).Build();

        var chart = Parse(flow.ToMermaid());

        Assert.That(chart.Nodes["job_each_fork"], Does.Contain("at most 3 at once"));
        Assert.That(chart.Nodes["job_stats_fork"], Does.Contain("parallel"));
        Assert.That(chart.Edges.Where(e => e.From == "job_stats_fork").Select(e => e.To), Is.EquivalentTo(new[] { "job_stats_sum", "job_stats_count" }));
        Assert.That(chart.Edges.Where(e => e.To == "job_stats_join").Select(e => e.From), Is.EquivalentTo(new[] { "job_stats_sum", "job_stats_count" }));
        Assert.That(chart.Edges.Select(e => (e.From, e.To)), Does.Contain(("job_each_join", "job_stats_fork")));
    }

    [Test]
    public void ToMermaid_IdsComeFromPathsAndAreUniqueEvenWhenPathsSanitizeAlike()
    {
        var flow = Flow.Define<string>("f")
            .Then(Echo("a-b"))
            .Then(Echo("a.b"))
            .Then(Echo("a_b"))
            .Build();

        var chart = Parse(flow.ToMermaid());

        var ids = chart.Nodes.Keys.Concat(chart.Subgraphs.Keys).ToArray();
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Does.Contain("f_a_b"));
        var steps = chart.Nodes.Where(n => n.Value is "a-b" or "a.b" or "a_b").Select(n => n.Key).ToArray();
        Assert.That(steps, Has.Length.EqualTo(3));
        Assert.That(steps, Is.Unique);
        Assert.That(chart.Edges.SelectMany(e => new[] { e.From, e.To }).Distinct(), Is.SubsetOf(ids), "every edge joins declared nodes");
    }

    [Test]
    public void ToMermaid_OfComposedFlow_DeclaresEveryNodeItsEdgesUse()
    {
        var route = Flow.Branch<string, Topic, string>("route")
            .DecideBy(s => s.Length > 3 ? Topic.Technical : Topic.Billing)
            .Case(Topic.Billing, Flow.Define<string>("bill").Then(Echo("lookup")).Then(Echo("refund")).Build())
            .Case(Topic.Technical, Flow.Loop("fix", Echo("try")).Until(s => s.Length > 0).MaxIterations(2).Build())
            .Build();
        var flow = Flow.Define<string>("support").Then(Echo("input")).Then(route).Then(Echo("output")).Build();

        var chart = Parse(flow.ToMermaid());

        var ids = chart.Nodes.Keys.Concat(chart.Subgraphs.Keys).ToArray();
        Assert.That(ids, Is.Unique);
        Assert.That(chart.Edges.SelectMany(e => new[] { e.From, e.To }).Distinct(), Is.SubsetOf(ids));
        Assert.That(chart.Edges.Where(e => e.From == "support_route").Select(e => chart.Nodes[e.To]), Is.EqualTo(new[] { "lookup", "try" }));
    }

    [TestCase("end")]
    [TestCase("End")]
    [TestCase("subgraph")]
    [TestCase("default")]
    public void ToMermaid_OfNodeNamedLikeAMermaidKeyword_NeverUsesTheBareKeywordAsAnId(string name)
    {
        var single = Parse(Echo(name).ToMermaid());
        var asFlow = Parse(Flow.Define<string>(name).Then(Echo("step")).Build().ToMermaid());

        foreach (var chart in new[] { single, asFlow })
        {
            var ids = chart.Nodes.Keys.Concat(chart.Subgraphs.Keys).Concat(chart.Edges.SelectMany(e => new[] { e.From, e.To }));
            Assert.That(ids.Where(MermaidKeywords.Contains), Is.Empty);
        }

        Assert.That(single.Nodes.Values, Does.Contain(name), "the label keeps the real name");
    }

    [Test]
    public void ToMermaid_OfGenericTypes_EscapesAngleBracketsSoMermaidDoesNotTreatThemAsHtml()
    {
        var task = FlowTask.Create<IReadOnlyList<string>, Dictionary<string, int>>("count", words => words.ToDictionary(w => w, w => w.Length));

        var mermaid = task.ToMermaid();

        Assert.That(mermaid, Does.Contain("IReadOnlyList#lt;string#gt;"));
        Assert.That(mermaid, Does.Contain("Dictionary#lt;string, int#gt;"));
        Assert.That(mermaid, Does.Not.Contain("<"));
    }

    [Test]
    public void Render_OfNameWithQuotes_EscapesThemAsMermaidEntities()
    {
        var description = new NodeDescription("say \"hi\"", NodeKind.Code, "say", typeof(string), typeof(string), []);

        var mermaid = MermaidRenderer.Render(description);

        Assert.That(mermaid, Does.Contain("say #quot;hi#quot;"));
        Assert.That(mermaid, Does.Not.Contain("\"hi\""));
    }

    private static FlowTask<string, string> Echo(string name) => FlowTask.Create(name, (string s) => s);

    private static string[] Lines(string mermaid) => mermaid.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static Chart Parse(string mermaid)
    {
        var chart = new Chart();
        foreach (var line in Lines(mermaid).Skip(1))
        {
            if (SubgraphLine().Match(line) is { Success: true } subgraph)
            {
                chart.Subgraphs.Add(subgraph.Groups["id"].Value, subgraph.Groups["label"].Value);
            }
            else if (EdgeLine().Match(line) is { Success: true } edge)
            {
                chart.Edges.Add(new Edge(edge.Groups["from"].Value, edge.Groups["to"].Value, edge.Groups["label"].Success ? edge.Groups["label"].Value : null));
            }
            else if (NodeLine().Match(line) is { Success: true } node)
            {
                chart.Nodes.Add(node.Groups["id"].Value, node.Groups["label"].Value);
            }
            else
            {
                Assert.That(line.Trim(), Is.EqualTo("end").Or.EqualTo("direction TB"), $"unexpected line: {line}");
            }
        }

        return chart;
    }

    [GeneratedRegex("""^\s*subgraph (?<id>\w+)\["(?<label>[^"]*)"\]$""")]
    private static partial Regex SubgraphLine();

    [GeneratedRegex("""^\s*(?<from>\w+) -->(\|"(?<label>[^"]*)"\|)? (?<to>\w+)$""")]
    private static partial Regex EdgeLine();

    [GeneratedRegex("""^\s*(?<id>\w+)[\[\(\{]+"(?<label>[^"]*)"[\]\)\}]+$""")]
    private static partial Regex NodeLine();

    private sealed record Edge(string From, string To, string? Label);

    private sealed class Chart
    {
        public Dictionary<string, string> Nodes { get; } = [];

        public Dictionary<string, string> Subgraphs { get; } = [];

        public List<Edge> Edges { get; } = [];
    }
}
