namespace AgentFlow.Tests.Routing;

/// <summary>Case types with a finite set of values must be covered when built, unless a default is declared.</summary>
public sealed class BranchCoverageTests
{
    [Test]
    public void Branch_OnABoolWithoutTheFalseCase_FailsWhenBuilt()
    {
        var builder = Flow.Branch<int, bool, string>("positive")
            .DecideBy(x => x > 0)
            .Case(true, FlowTask.Create("yes", (int _) => "yes"));

        var ex = Assert.Throws<FlowDefinitionException>(() => builder.Build());

        Assert.That(ex!.Message, Does.Contain("no case for false").And.Contain(".Default("));
    }

    [Test]
    public async Task Branch_OnABoolWithBothCases_Runs()
    {
        var branch = Flow.Branch<int, bool, string>("positive")
            .DecideBy(x => x > 0)
            .Case(true, FlowTask.Create("yes", (int _) => "yes"))
            .Case(false, FlowTask.Create("no", (int _) => "no"))
            .Build();

        Assert.That((await branch.RunAsync(-1)).Output, Is.EqualTo("no"));
        Assert.That((await branch.RunAsync(1)).Output, Is.EqualTo("yes"));
    }
}
