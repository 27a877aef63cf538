using AgentFlow.Evaluation;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Evaluation;

/// <summary>Prompts gathered from flows for the lock: at any depth, agents and judges included, with examples hashes.</summary>
public sealed class PromptCatalogTests
{
    private static readonly Prompt Classify = new("classify", "2", "Which team handles: {{$input}}");

    private static readonly Prompt Lookup = new("lookup", "1", "Find the order in: {{$input}}");

    private static readonly Prompt Draft = new("draft", "5", "Reply to: {{$input}}");

    private static readonly Prompt Pick = new("pick", "1", "Pick the best reply:\n{{$candidates}}");

    private static readonly Prompt Polish = new("polish", "1", "Polish: {{$input}}");

    private static readonly PromptExample<string, string> Refund = new("refund please", "billing");

    private static PromptTask<string, string> ClassifyTask(params PromptExample<string, string>[] examples)
        => FlowTask.FromPrompt<string, string>("classify", Classify).WithExamples(examples);

    private static FlowTask<string, string> Support(PromptTask<string, string> classify)
    {
        var lookup = FlowTask.FromAgent<string, string>("lookup", Lookup, o => o.Tools.Add(AIFunctionFactory.Create(() => "shipped", "order_status")));
        var draft = FlowTask.FromPrompt<string, string>("draft", Draft, o =>
        {
            o.Samples = 3;
            o.Temperature = 0.7f;
            o.Judge = Pick;
        });
        var polish = Flow.Loop("refine", FlowTask.FromPrompt<string, string>("polish", Polish)).MaxIterations(2).Until(_ => true).Build();
        var answer = Flow.Define<string>("answer").Then(draft).Then(polish).Build();
        var route = Flow.Branch<string, string>("route").When("order", s => s.Contains("order", StringComparison.Ordinal), lookup).Otherwise(answer).Build();
        return Flow.Define<string>("support").Then(classify).Then(route).Build();
    }

    [Test]
    public void Add_OfAFlow_FindsEveryPromptAtAnyDepth_WithItsPathExamplesAndJudge()
    {
        var classify = ClassifyTask(Refund);

        var uses = new PromptCatalog().Add(Support(classify)).Uses;

        Assert.That(uses.Select(u => (u.Prompt, u.ExamplesHash, u.Source)), Is.EqualTo(new (Prompt, string?, string)[]
        {
            (Classify, classify.ExamplesHash, "support/classify"),
            (Lookup, null, "support/route[order]/lookup"),
            (Draft, null, "support/route[default]/answer/draft"),
            (Pick, null, "support/route[default]/answer/draft (judge)"),
            (Polish, null, "support/route[default]/answer/refine/polish"),
        }));
        Assert.That(classify.ExamplesHash, Is.Not.Null);
    }

    [Test]
    public void Add_OfPromptsAndFlows_KeepsTheOrderAdded()
    {
        var uses = new PromptCatalog().Add(Pick).Add(ClassifyTask()).Uses;

        Assert.That(uses.Select(u => u.ToString()), Is.EqualTo(new[] { $"{Pick}, listed on its own", $"{Classify} at classify" }));
    }

    [Test]
    public void Verify_OfAFlowWhoseExamplesChangedWithoutANewVersion_Fails_AndAnUpdateIsRefused()
    {
        using var lockFile = new TempLock();
        var before = ClassifyTask(Refund);
        var after = ClassifyTask(Refund, new PromptExample<string, string>("the app crashes", "technical"));
        PromptLock.Update(lockFile.FilePath, Support(before));

        var ex = Assert.Throws<PromptLockException>(() => PromptLock.Verify(lockFile.FilePath, Support(after)));

        var problem = ex!.Problems.Single();
        Assert.That((problem.Kind, problem.PromptName, problem.FixedByUpdate), Is.EqualTo((PromptLockProblemKind.ExamplesChangedWithoutNewVersion, "classify", false)));
        Assert.That(problem.Message, Is.EqualTo(
            "The few-shot examples shown with prompt 'classify' (at support/classify) changed, but its version is still '2'. The examples are part of what "
            + $"the model sees: give the prompt a new version, or undo the change. Examples in the lock: {before.ExamplesHash![..12]}; now: {after.ExamplesHash![..12]}."));
        Assert.That(() => PromptLock.Update(lockFile.FilePath, Support(after)), Throws.TypeOf<PromptLockException>());
    }

    [Test]
    public void Verify_OfAFlowAndItsJudgeRubric_LocksBoth_AndNamesWhereAnEditedPromptIsUsed()
    {
        using var lockFile = new TempLock();
        var rubric = new Prompt("rubric", "1", "Is {{$actual}} right for {{$input}}?");
        PromptLock.Update(lockFile.FilePath, new PromptCatalog().Add(Support(ClassifyTask())).Add(rubric));
        var edited = FlowTask.FromPrompt<string, string>("classify", new Prompt("classify", "2", "Which team should handle: {{$input}}"));

        var ex = Assert.Throws<PromptLockException>(() => PromptLock.Verify(lockFile.FilePath, new PromptCatalog().Add(Support(edited)).Add(rubric)));

        Assert.That(ex!.Problems.Single().Message, Does.StartWith("Prompt 'classify' (at support/classify) changed, but its version is still '2'."));
        Assert.That(File.ReadAllText(lockFile.FilePath), Does.Contain("\"rubric\": {").And.Contain("\"pick\": {").And.Contain("\"lookup\": {"));
    }

    /// <summary>A lock file path in a fresh temporary directory, deleted with the test.</summary>
    private sealed class TempLock : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "agentflow-tests", Guid.NewGuid().ToString("N"));

        public string FilePath => Path.Combine(_directory, "prompts.lock.json");

        public void Dispose()
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }
}
