namespace AgentFlow.Tests.Description;

/// <summary>The tree returned by <see cref="FlowNode.Describe"/>: kinds, definition paths, case labels and settings.</summary>
public sealed class NodeDescriptionTests
{
    public enum Topic
    {
        Billing,
        Technical,
    }

    [Test]
    public void Describe_OfComposedFlow_GivesEveryNodeItsKindAndDefinitionPath()
    {
        var root = SupportFlow().Describe();

        Assert.That(root.Name, Is.EqualTo("support"));
        Assert.That(root.Kind, Is.EqualTo(NodeKind.Flow));
        Assert.That(root.Path, Is.EqualTo("support"));
        Assert.That(root.InputType, Is.EqualTo("string"));
        Assert.That(root.OutputType, Is.EqualTo("int"));
        Assert.That(root.Children.Select(c => (c.Path, c.Kind)), Is.EqualTo(new[]
        {
            ("support/normalize", NodeKind.Code),
            ("support/route", NodeKind.Branch),
            ("support/split", NodeKind.Code),
            ("support/each", NodeKind.Map),
            ("support/stats", NodeKind.Parallel),
            ("support/shrink", NodeKind.Loop),
        }));
        Assert.That(Flatten(root).Select(d => d.Path), Is.Unique);
    }

    [Test]
    public void Describe_OfLlmBranch_ListsCasesWithLabelsPathsAndFallback()
    {
        var route = SupportFlow().Describe().Children[1];

        Assert.That(route.DecidedByLlm, Is.True);
        Assert.That(route.Fallback, Is.EqualTo("Technical"));
        Assert.That(route.CaseLabel, Is.Null);
        Assert.That(route.Children.Select(c => (c.CaseLabel, c.Path, c.Name)), Is.EqualTo(new[]
        {
            ("Billing", "support/route[Billing]/billing", "billing"),
            ("Technical", "support/route[Technical]/technical", "technical"),
        }));
    }

    [Test]
    public void Describe_OfCodeBranchWithDefault_AddsTheDefaultCaseLast()
    {
        var branch = Flow.Branch<string, string, string>("route")
            .DecideBy(s => s)
            .Case("en", Echo("english"))
            .Default(Echo("rest"))
            .Build();

        var description = branch.Describe();

        Assert.That(description.DecidedByLlm, Is.False);
        Assert.That(description.Fallback, Is.Null);
        Assert.That(description.Children.Select(c => (c.CaseLabel, c.Path)), Is.EqualTo(new[]
        {
            ("en", "route[en]/english"),
            ("default", "route[default]/rest"),
        }));
    }

    [Test]
    public void Describe_OfMapParallelAndLoop_ReportsTheirSettingsAndCollectionTypes()
    {
        var root = SupportFlow().Describe();
        var split = root.Children[2];
        var map = root.Children[3];
        var parallel = root.Children[4];
        var loop = root.Children[5];

        Assert.That(split.OutputType, Is.EqualTo("IReadOnlyList<string>"));
        Assert.That(map.InputType, Is.EqualTo("IReadOnlyList<string>"));
        Assert.That(map.OutputType, Is.EqualTo("IReadOnlyList<int>"));
        Assert.That(map.MaxDegreeOfParallelism, Is.EqualTo(4));
        Assert.That(map.FailureMode, Is.EqualTo(ParallelFailureMode.SettleAll));
        Assert.That(map.Children.Single().Path, Is.EqualTo("support/each/measure"));
        Assert.That(map.Children.Single().InputType, Is.EqualTo("string"));

        Assert.That(parallel.FailureMode, Is.EqualTo(ParallelFailureMode.FailFast));
        Assert.That(parallel.MaxDegreeOfParallelism, Is.Null);
        Assert.That(parallel.Children.Select(c => c.Path), Is.EqualTo(new[] { "support/stats/sum", "support/stats/max" }));

        Assert.That(loop.MaxIterations, Is.EqualTo(20));
        Assert.That(loop.DecidedByLlm, Is.False);
        Assert.That(loop.Fallback, Is.Null);
        Assert.That(loop.Detail, Is.EqualTo("cap fallback declared"));
        Assert.That(loop.Children.Single().Path, Is.EqualTo("support/shrink/halve"));
    }

    [Test]
    public void Describe_OfLlmLoopWithFallback_ReportsTheLlmAndFallbackDecision()
    {
        var loop = Flow.Loop("polish", Echo("edit")).UntilLlm(s => s).FallbackTo(LoopDecision.Stop).MaxIterations(3).Build();

        var description = loop.Describe();

        Assert.That(description.Kind, Is.EqualTo(NodeKind.Loop));
        Assert.That(description.DecidedByLlm, Is.True);
        Assert.That(description.Fallback, Is.EqualTo("stop"));
        Assert.That(description.MaxIterations, Is.EqualTo(3));
        Assert.That(description.Detail, Is.Null);
    }

    [Test]
    public void Describe_OfLoopUsedAsBranchCase_KeepsTheLoopSettingsAndAddsTheCaseLabel()
    {
        var branch = Flow.Branch<string, bool, string>("check")
            .DecideBy(s => s.Length > 3)
            .Case(true, Flow.Loop("polish", Echo("edit")).Until(s => s.Length > 10).MaxIterations(7).Build())
            .Case(false, Echo("keep"))
            .Build();

        var loopCase = branch.Describe().Children[0];

        Assert.That(loopCase.CaseLabel, Is.EqualTo("true"));
        Assert.That(loopCase.Kind, Is.EqualTo(NodeKind.Loop));
        Assert.That(loopCase.MaxIterations, Is.EqualTo(7));
        Assert.That(loopCase.Path, Is.EqualTo("check[true]/polish"));
        Assert.That(loopCase.Children.Single().Path, Is.EqualTo("check[true]/polish/edit"));
    }

    [Test]
    public void Describe_OfServiceTask_NamesTheHandlerType()
    {
        var task = FlowTask.FromService<string, int, CountingHandler>("count");

        var description = task.Describe();

        Assert.That(description.Kind, Is.EqualTo(NodeKind.Service));
        Assert.That(description.Detail, Is.EqualTo(nameof(CountingHandler)));
        Assert.That(description.Children, Is.Empty);
    }

    [Test]
    public void Describe_OfTaskReturningEnum_DisplaysTheEnumTypeNotItsUnderlyingInteger()
    {
        var classify = FlowTask.Create("classify", (string s) => s.Length > 3 ? Topic.Technical : Topic.Billing);

        Assert.That(classify.Describe().OutputType, Is.EqualTo("Topic"));
    }

    [Test]
    public void Describe_OfSameTaskInTwoFlows_GivesThePathOfWhereItIsUsed()
    {
        var shared = Echo("shared");
        var first = Flow.Define<string>("first").Then(shared).Build();
        var second = Flow.Define<string>("second").Then(shared).Build();

        Assert.That(first.Describe().Children.Single().Path, Is.EqualTo("first/shared"));
        Assert.That(second.Describe().Children.Single().Path, Is.EqualTo("second/shared"));
        Assert.That(shared.Describe().Path, Is.EqualTo("shared"));
    }

    private static IEnumerable<NodeDescription> Flatten(NodeDescription node) => node.Children.SelectMany(Flatten).Prepend(node);

    private static FlowTask<string, string> Echo(string name) => FlowTask.Create(name, (string s) => s);

    private static Flow<string, int> SupportFlow()
    {
        var route = Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(s => s)
            .Case(Topic.Billing, Echo("billing"))
            .Case(Topic.Technical, Echo("technical"))
            .FallbackTo(Topic.Technical)
            .Build();
        return Flow.Define<string>("support")
            .Then("normalize", s => s.Trim())
            .Then(route)
            .Then<IReadOnlyList<string>>("split", s => s.Split(' '))
            .Then(Flow.Map("each", FlowTask.Create("measure", (string w) => w.Length), 4, ParallelFailureMode.SettleAll))
            .Then(Flow.Parallel(
                "stats",
                FlowTask.Create("sum", (IReadOnlyList<int> l) => l.Sum()),
                FlowTask.Create("max", (IReadOnlyList<int> l) => l.Max()),
                (sum, max) => (sum * 1000) + max))
            .Then(Flow.Loop("shrink", FlowTask.Create("halve", (int n) => n / 2)).Until(n => n < 10).MaxIterations(20).OnCapReached(n => n).Build())
            .Build();
    }

    private sealed class CountingHandler : IFlowTaskHandler<string, int>
    {
        public ValueTask<int> ExecuteAsync(string input, FlowContext context, CancellationToken cancellationToken = default) => new(input.Length);
    }
}
