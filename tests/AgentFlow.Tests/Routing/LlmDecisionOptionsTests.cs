namespace AgentFlow.Tests.Routing;

/// <summary>Defaults and range checks of <see cref="LlmDecisionOptions"/>.</summary>
public sealed class LlmDecisionOptionsTests
{
    [Test]
    public void Options_ByDefault_AllowTwoCorrectionsAtTemperatureZero()
    {
        var options = new LlmDecisionOptions();

        Assert.That(options.MaxCorrections, Is.EqualTo(2));
        Assert.That(options.Temperature, Is.Zero);
        Assert.That(options.ChatClient, Is.Null);
        Assert.That(options.ModelKey, Is.Null);
        Assert.That(options.ModelId, Is.Null);
    }

    [TestCase(-1)]
    [TestCase(11)]
    public void MaxCorrections_OutOfRange_ThrowsNamingTheOptionAndRange(int value)
    {
        var options = new LlmDecisionOptions();

        Assert.That(
            () => options.MaxCorrections = value,
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("MaxCorrections").And.Message.Contain("0 and 10"));
        Assert.That(options.MaxCorrections, Is.EqualTo(2));
    }

    [TestCase(0)]
    [TestCase(10)]
    public void MaxCorrections_AtTheBounds_IsAccepted(int value)
    {
        var options = new LlmDecisionOptions { MaxCorrections = value };

        Assert.That(options.MaxCorrections, Is.EqualTo(value));
    }

    [TestCase(-0.1f)]
    [TestCase(2.1f)]
    [TestCase(float.NaN)]
    public void Temperature_OutOfRange_ThrowsNamingTheOptionAndRange(float value)
    {
        var options = new LlmDecisionOptions();

        Assert.That(
            () => options.Temperature = value,
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("Temperature").And.Message.Contain("0 and 2"));
        Assert.That(options.Temperature, Is.Zero);
    }

    [Test]
    public void DecideByLlm_WithOutOfRangeOptionInConfigure_ThrowsWhenTheBranchIsDeclared()
    {
        var builder = Flow.Branch<string, string, string>("route");

        Assert.That(
            () => builder.DecideByLlm(s => s, o => o.MaxCorrections = 50),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("MaxCorrections"));
    }

    [Test]
    public void UntilLlm_WithOutOfRangeTemperatureInConfigure_ThrowsWhenTheLoopIsDeclared()
    {
        var builder = Flow.Loop("loop", FlowTask.Create("body", (string s) => s));

        Assert.That(
            () => builder.UntilLlm(s => s, o => o.Temperature = 3),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("Temperature"));
    }
}
