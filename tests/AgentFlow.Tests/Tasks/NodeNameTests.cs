namespace AgentFlow.Tests.Tasks;

/// <summary>Node names become path segments, so every kind of node rejects names that would make paths ambiguous.</summary>
public sealed class NodeNameTests
{
    private static readonly string[] InvalidNames = ["", " ", "has space", "a/b", "route[billing]", "loop#1", "tab\t", "ünïcode", new string('a', 129)];

    private static readonly string[] ValidNames = ["classify-ticket", "a", "step_2", "v1.2", "UPPER", new string('a', 128)];

    [TestCaseSource(nameof(InvalidNames))]
    public void Create_WithInvalidName_ThrowsDefinitionErrorSuggestingAValidName(string name)
    {
        var ex = Assert.Throws<FlowDefinitionException>(() => FlowTask.Create(name, (int x) => x));

        Assert.That(ex.NodePath, Is.EqualTo(name));
        Assert.That(ex.Errors, Has.Count.EqualTo(1));
        Assert.That(ex.Message, Does.Contain("letters, digits, '-', '_' or '.'").And.Contain("'classify-ticket'"));
        Assert.That(ex.Message, Does.Contain("code name"));
    }

    [TestCaseSource(nameof(ValidNames))]
    public void Create_WithValidName_KeepsTheName(string name)
    {
        Assert.That(FlowTask.Create(name, (int x) => x).Name, Is.EqualTo(name));
    }

    [Test]
    public void EveryNodeKind_WithInvalidName_ThrowsDefinitionErrorNamingItsKind()
    {
        var task = FlowTask.Create("t", (int x) => x);

        Assert.Multiple(() =>
        {
            Assert.That(() => Flow.Define<int>("a/b"), Throws.TypeOf<FlowDefinitionException>().With.Message.Contains("flow name 'a/b'"));
            Assert.That(
                () => Flow.Parallel("a b", task, task, (x, y) => x + y),
                Throws.TypeOf<FlowDefinitionException>().With.Message.Contains("parallel name 'a b'"));
            Assert.That(() => Flow.Map("m#0", task, 2), Throws.TypeOf<FlowDefinitionException>().With.Message.Contains("map name 'm#0'"));
            Assert.That(() => Flow.Loop("", task), Throws.TypeOf<FlowDefinitionException>().With.Message.Contains("loop name ''"));
            Assert.That(
                () => FlowTask.FromService<int, int, NoHandler>("svc[1]"),
                Throws.TypeOf<FlowDefinitionException>().With.Message.Contains("service name 'svc[1]'"));
        });
    }

    private sealed class NoHandler : IFlowTaskHandler<int, int>
    {
        public ValueTask<int> ExecuteAsync(int input, FlowContext context, CancellationToken cancellationToken = default) => new(input);
    }
}
