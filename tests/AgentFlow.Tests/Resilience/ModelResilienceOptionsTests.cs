namespace AgentFlow.Tests.Resilience;

public sealed class ModelResilienceOptionsTests
{
    [Test]
    public void Defaults_AreThoseTheDocsState()
    {
        var options = ModelResilienceOptions.Default;

        Assert.That(options.MaxRetries, Is.EqualTo(3));
        Assert.That(options.BaseDelay, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(options.MaxDelay, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(options.UseJitter, Is.True);
        Assert.That(options.MaxRetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(options.AttemptTimeout, Is.EqualTo(TimeSpan.FromSeconds(100)));
        Assert.That(options.TotalTimeout, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(options.CircuitBreaker, Is.True);
        Assert.That(options.BreakerFailureRatio, Is.EqualTo(0.5));
        Assert.That(options.BreakerMinimumThroughput, Is.EqualTo(10));
    }

    [Test]
    public void None_CallsOnceWithoutTimeoutsOrBreaker()
    {
        var none = ModelResilienceOptions.None;

        Assert.That((none.MaxRetries, none.AttemptTimeout, none.TotalTimeout, none.CircuitBreaker), Is.EqualTo((0, (TimeSpan?)null, (TimeSpan?)null, false)));
    }

    [Test]
    public void With_DerivesAVariant_AndEqualOptionsAreEqual()
    {
        var a = ModelResilienceOptions.Default with { MaxRetries = 5 };
        var b = ModelResilienceOptions.Default with { MaxRetries = 5 };

        Assert.That(a, Is.EqualTo(b));
        Assert.That(ModelResilienceOptions.Default.MaxRetries, Is.EqualTo(3));
    }

    private static readonly TestCaseData[] OutOfRange =
    [
        new TestCaseData((Action)(() => _ = new ModelResilienceOptions { MaxRetries = 11 }), "MaxRetries"),
        new TestCaseData((Action)(() => _ = new ModelResilienceOptions { MaxRetries = -1 }), "MaxRetries"),
        new TestCaseData((Action)(() => _ = new ModelResilienceOptions { BaseDelay = TimeSpan.FromSeconds(-1) }), "BaseDelay"),
        new TestCaseData((Action)(() => _ = new ModelResilienceOptions { MaxDelay = TimeSpan.FromHours(1) }), "MaxDelay"),
        new TestCaseData((Action)(() => _ = new ModelResilienceOptions { MaxRetryAfter = TimeSpan.FromHours(1) }), "MaxRetryAfter"),
        new TestCaseData((Action)(() => _ = new ModelResilienceOptions { AttemptTimeout = TimeSpan.FromMilliseconds(1) }), "AttemptTimeout"),
        new TestCaseData((Action)(() => _ = new ModelResilienceOptions { TotalTimeout = TimeSpan.FromDays(2) }), "TotalTimeout"),
        new TestCaseData((Action)(() => _ = new ModelResilienceOptions { BreakerFailureRatio = 0 }), "BreakerFailureRatio"),
        new TestCaseData((Action)(() => _ = new ModelResilienceOptions { BreakerFailureRatio = 1.5 }), "BreakerFailureRatio"),
        new TestCaseData((Action)(() => _ = new ModelResilienceOptions { BreakerMinimumThroughput = 1 }), "BreakerMinimumThroughput"),
        new TestCaseData((Action)(() => _ = new ModelResilienceOptions { BreakerSamplingDuration = TimeSpan.FromMilliseconds(100) }), "BreakerSamplingDuration"),
        new TestCaseData((Action)(() => _ = new ModelResilienceOptions { BreakDuration = TimeSpan.FromMilliseconds(100) }), "BreakDuration"),
    ];

    [TestCaseSource(nameof(OutOfRange))]
    public void OutOfRangeValues_ThrowNamingTheOptionAndTheRange(Action set, string option)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(set);

        Assert.That(ex!.Message, Does.Contain($"ModelResilienceOptions.{option}").And.Contain("must be"));
    }

    [Test]
    public void ModelTargets_RefuseMissingKeysAndClients()
    {
        Assert.Throws<ArgumentException>(() => ModelTarget.Keyed(" "));
        Assert.Throws<ArgumentNullException>(() => ModelTarget.Of(null!));
        Assert.That(ModelTarget.Keyed("backup", "gpt-4o-mini").ToString(), Is.EqualTo("'backup' (gpt-4o-mini)"));
    }
}
