namespace AgentFlow.Tests.Flows;

/// <summary>Definitions are validated when built: every broken rule is collected, with its definition path and a fix.</summary>
public sealed class DefinitionValidationTests
{
    [Test]
    public void Flow_WithDuplicateStepNames_FailsNamingThePathAndSuggestingAFix()
    {
        var ex = Assert.Throws<FlowDefinitionException>(() => Flow.Define<int>("f").Then("a", x => x).Then("a", x => x + 1).Build());

        var error = ex.Errors.Single();
        Assert.That(error.Path, Is.EqualTo("f"));
        Assert.That(error.Message, Does.Contain("'a'").And.Contain("'f/a'").And.Contain("unique name").And.Contain("Flow.Define"));
        Assert.That(ex.Message, Does.StartWith("Invalid flow definition at 'f':"));
    }

    [Test]
    public void Flow_WithTheSameTaskTwice_FailsBecauseBothWouldShareOnePath()
    {
        var step = FlowTask.Create("step", (int x) => x + 1);

        var ex = Assert.Throws<FlowDefinitionException>(() => Flow.Define<int>("f").Then(step).Then(step).Build());

        Assert.That(ex.Errors.Single().Message, Does.Contain("2 steps of 'f' are named 'step'"));
    }

    [Test]
    public async Task Flow_WithTheSameTaskWrappedInAFlowOfItsOwn_Builds()
    {
        var step = FlowTask.Create("step", (int x) => x + 1);
        var again = Flow.Define<int>("again").Then(step).Build();

        var flow = Flow.Define<int>("f").Then(step).Then(again).Build();

        Assert.That((await flow.RunAsync(0)).Output, Is.EqualTo(2));
    }

    [Test]
    public void Flow_WithSeveralDuplicates_ReportsEveryOneTogether()
    {
        var ex = Assert.Throws<FlowDefinitionException>(
            () => Flow.Define<int>("f").Then("a", x => x).Then("b", x => x).Then("a", x => x).Then("b", x => x).Then("b", x => x).Build());

        Assert.That(ex.Errors.Select(e => e.Path), Is.EqualTo(new[] { "f", "f" }));
        Assert.That(ex.Errors[0].Message, Does.Contain("2 steps of 'f' are named 'a'"));
        Assert.That(ex.Errors[1].Message, Does.Contain("3 steps of 'f' are named 'b'"));
        Assert.That(ex.Message, Does.StartWith("Invalid flow definition (2 errors):").And.Contain("f: 2 steps").And.Contain("f: 3 steps"));
    }

    [Test]
    public void Parallel_WithDuplicateBranchNames_FailsNamingTheParallel()
    {
        var ex = Assert.Throws<FlowDefinitionException>(
            () => Flow.Parallel("p", FlowTask.Create("same", (int x) => x), FlowTask.Create("same", (int x) => $"{x}"), (a, b) => b + a));

        var error = ex.Errors.Single();
        Assert.That(error.Path, Is.EqualTo("p"));
        Assert.That(error.Message, Does.Contain("2 branches of 'p' are named 'same'").And.Contain("'p/same'").And.Contain("unique name"));
    }

    [Test]
    public void Parallel_OfAnEmptyList_FailsAskingForABranch()
    {
        var ex = Assert.Throws<FlowDefinitionException>(() => Flow.Parallel("p", Array.Empty<FlowTask<int, int>>()));

        Assert.That(ex.Errors.Single().Message, Does.Contain("no branches").And.Contain("at least one"));
    }

    [Test]
    public void Parallel_WithUnknownFailureModeAndDuplicateNames_ReportsBothErrors()
    {
        var ex = Assert.Throws<FlowDefinitionException>(
            () => Flow.Parallel("p", [FlowTask.Create("a", (int x) => x), FlowTask.Create("a", (int x) => x)], (ParallelFailureMode)42));

        Assert.That(ex.Errors, Has.Count.EqualTo(2));
        Assert.That(ex.Errors.Select(e => e.Path), Is.All.EqualTo("p"));
        Assert.That(ex.Message, Does.Contain("unknown failure mode 42").And.Contain("branches of 'p' are named 'a'"));
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void Map_WithDegreeOfParallelismBelowOne_FailsNamingTheValueAndTheMinimum(int dop)
    {
        var ex = Assert.Throws<FlowDefinitionException>(() => Flow.Map("m", FlowTask.Create("item", (int x) => x), dop));

        var error = ex.Errors.Single();
        Assert.That(error.Path, Is.EqualTo("m"));
        Assert.That(error.Message, Does.Contain($"degree of parallelism of {dop}").And.Contain("at least 1"));
    }

    [Test]
    public void Map_WithUnknownFailureMode_FailsToBuild()
    {
        var ex = Assert.Throws<FlowDefinitionException>(() => Flow.Map("m", FlowTask.Create("item", (int x) => x), 1, (ParallelFailureMode)7));

        Assert.That(ex.Errors.Single().Message, Does.Contain("unknown failure mode 7").And.Contain("FailFast or SettleAll"));
    }

    [Test]
    public void Validation_OfANestedTree_ReportsEveryErrorAtItsFullDefinitionPath()
    {
        // Public builders validate each node as it is built, so nested errors cannot normally reach a parent; nodes made
        // directly through their internal constructors (unvalidated) show where the parent's validation reports them.
        var innerMap = new MapTask<int, int>("inner-map", FlowTask.Create("item", (int x) => x), -1, ParallelFailureMode.FailFast);
        var outerMap = new MapTask<IReadOnlyList<int>, IReadOnlyList<int>>("m", innerMap, 0, ParallelFailureMode.SettleAll);

        var ex = Assert.Throws<FlowDefinitionException>(
            () => Flow.Define<IReadOnlyList<IReadOnlyList<int>>>("outer").Then("a", x => x).Then("a", x => x).Then(outerMap).Build());

        Assert.That(ex.Errors.Select(e => e.Path), Is.EqualTo(new[] { "outer", "outer/m", "outer/m/inner-map" }));
        Assert.That(ex.Errors[1].Message, Does.Contain("of 0"));
        Assert.That(ex.Errors[2].Message, Does.Contain("of -1"));
        Assert.That(ex.NodePath, Is.EqualTo("outer"));
    }

    [Test]
    public void FlowDefinitionException_WithoutErrors_IsRejected()
    {
        Assert.That(() => new FlowDefinitionException([]), Throws.ArgumentException);
    }
}
