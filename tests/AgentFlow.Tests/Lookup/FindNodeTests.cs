using AgentFlow.Tests.TestSupport;
using Polly;

namespace AgentFlow.Tests.Lookup;

/// <summary>FlowNode.FindNode: definition and run-time paths, resilient tasks, and errors that list the nearest paths.</summary>
public sealed class FindNodeTests
{
    private readonly Flow<string, int> _flow = NestedFlow.Build();

    [TestCase("support", NodeKind.Flow, "support")]
    [TestCase("support/normalize", NodeKind.Code, "normalize")]
    [TestCase("support/lookup/summarize", NodeKind.Prompt, "summarize")]
    [TestCase("support/route", NodeKind.Branch, "route")]
    [TestCase("support/route[Billing]/refund", NodeKind.Prompt, "refund")]
    [TestCase("support/route[Technical]/escalate", NodeKind.Code, "escalate")]
    [TestCase("support/refine/draft", NodeKind.Prompt, "draft")]
    [TestCase("support/check/word", NodeKind.Code, "word")]
    public void FindNode_ByDefinitionPath_ReturnsTheNodeThere(string path, NodeKind kind, string name)
    {
        var node = _flow.FindNode(path);

        Assert.That((node.Kind, node.Name), Is.EqualTo((kind, name)));
    }

    [Test]
    public void FindNode_ReturnsTheInstanceTheFlowWasBuiltWith()
    {
        var escalate = FlowTask.Create("escalate", (string text) => text);
        var flow = NestedFlow.Build(escalate);

        Assert.That(flow.FindNode("support/route[Technical]/escalate"), Is.SameAs(escalate));
        Assert.That(flow.FindNode("support"), Is.SameAs(flow));
    }

    [TestCase("support/refine#2/draft", "draft")]
    [TestCase("support/check#0/word", "word")]
    [TestCase("support/check#17/word", "word")]
    public void FindNode_ByRunTimePath_ReturnsTheNodeOfItsDefinitionPath(string path, string name)
    {
        Assert.That(_flow.FindNode(path).Name, Is.EqualTo(name));
    }

    [Test]
    public void FindNode_OfATaskWithAResiliencePipeline_ReturnsItWithItsPipeline()
    {
        var fetch = FlowTask.Create("fetch", (int x) => x).WithResilience(ResiliencePipeline.Empty);
        var flow = Flow.Define<int>("f").Then(fetch).Build();

        Assert.That(flow.FindNode("f/fetch"), Is.SameAs(fetch));
    }

    [Test]
    public void FindNode_BelowAWrappedFlow_FindsItsSteps()
    {
        var inner = Flow.Define<int>("inner").Then("step", (int x) => x + 1).Build();
        var flow = Flow.Define<int>("f").Then(inner.WithResilience(ResiliencePipeline.Empty)).Build();

        Assert.That(flow.FindNode("f/inner/step").Name, Is.EqualTo("step"));
    }

    [Test]
    public void FindNode_WithoutTheCaseLabel_FailsSuggestingThePathWithIt()
    {
        var error = Assert.Throws<NodeNotFoundException>(() => _flow.FindNode("support/route/refund"));

        Assert.That(error!.Path, Is.EqualTo("support/route/refund"));
        Assert.That(error.NearestPaths[0], Is.EqualTo("support/route[Billing]/refund"));
        Assert.That(error.NearestPaths, Has.Count.EqualTo(5));
        Assert.That(error.Message, Does.StartWith("No node at 'support/route/refund' in a flow 'support'. Nearest paths: support/route[Billing]/refund, "));
        Assert.That(error.Message, Does.Contain("support.Describe()"));
        Assert.That(error, Is.InstanceOf<KeyNotFoundException>());
    }

    [Test]
    public void FindNode_WithAMisspeltName_SuggestsTheNearestPathFirst()
    {
        var error = Assert.Throws<NodeNotFoundException>(() => _flow.FindNode("support/lookup/sumarize"));

        Assert.That(error!.NearestPaths[0], Is.EqualTo("support/lookup/summarize"));
    }

    [Test]
    public void FindNode_WithAPathNotStartingAtTheRoot_SaysPathsStartWithTheRootsName()
    {
        var error = Assert.Throws<NodeNotFoundException>(() => _flow.FindNode("normalize"));

        Assert.That(error!.Message, Does.Contain("Paths start with the name of the node searched, 'support'."));
        Assert.That(error.NearestPaths, Does.Contain("support/normalize"));
    }

    [TestCase("support//normalize", "it has an empty segment")]
    [TestCase("support/route[Billing/refund", "its segment 'route[Billing' is not a name, name[label] or name#index")]
    [TestCase("support/refine#x/draft", "its segment 'refine#x' is not a name, name[label] or name#index")]
    [TestCase("support/normal ize", "its segment 'normal ize' is not a name, name[label] or name#index")]
    public void FindNode_WithAMalformedPath_SaysWhatIsWrongWithIt(string path, string problem)
    {
        var error = Assert.Throws<NodeNotFoundException>(() => _flow.FindNode(path));

        Assert.That(error!.Message, Does.StartWith($"'{path}' is not a node path: {problem}. Nearest paths: "));
    }

    [Test]
    public void FindNode_WithAnIndexOnANodeThatIsNeitherLoopNorMap_FailsNamingIt()
    {
        var error = Assert.Throws<NodeNotFoundException>(() => _flow.FindNode("support/lookup#1/length"));

        Assert.That(error!.Message, Does.StartWith(
            "The path 'support/lookup#1/length' gives 'lookup' the index #1, but that node is a parallel 'lookup'. "
            + "Only loops (iterations from 1) and maps (items from 0) take an index."));
    }

    [Test]
    public void FindNode_WithLoopIterationZero_FailsSayingIterationsCountFromOne()
    {
        var error = Assert.Throws<NodeNotFoundException>(() => _flow.FindNode("support/refine#0/draft"));

        Assert.That(error!.Message, Does.Contain("gives 'refine' the index #0, but that node is a loop 'refine'. Only loops (iterations from 1)"));
    }

    [Test]
    public void FindNode_WithAPathEndingInAnIndex_SaysAnIndexNamesAnIterationNotANode()
    {
        var error = Assert.Throws<NodeNotFoundException>(() => _flow.FindNode("support/refine#2"));

        Assert.That(error!.Message, Does.StartWith(
            "The path 'support/refine#2' ends with an index, which names one iteration of a loop or one item of a map, not a node. "
            + "Name a node below it ('support/refine#2/...'), or leave the index out to find 'support/refine' itself."));
    }

    [Test]
    public void FindNode_WithNullPath_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => _flow.FindNode(null!));
    }
}
