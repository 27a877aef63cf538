using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Reports;

/// <summary>The number formats the report files document.</summary>
public sealed class ReportTextTests
{
    [TestCase(0.0, "0 ms")]
    [TestCase(0.25, "0.25 ms")]
    [TestCase(4.0, "4 ms")]
    [TestCase(87.4, "87 ms")]
    [TestCase(999.0, "999 ms")]
    [TestCase(1250.0, "1.25 s")]
    [TestCase(31_000.0, "31.00 s")]
    [TestCase(312_400.0, "5.2 min")]
    [TestCase(3_600_000.0, "60.0 min")]
    [TestCase(6_000_000.0, "1.7 h")]
    public void Latency_IsWrittenInTheUnitThatReadsBest(double milliseconds, string text)
    {
        Assert.That(ReportText.Latency(TimeSpan.FromMilliseconds(milliseconds)), Is.EqualTo(text));
    }

    [Test]
    public void Numbers_AreWrittenAsDocumented()
    {
        Assert.That(ReportText.Percent(2 / 3.0), Is.EqualTo("66.7%"));
        Assert.That(ReportText.Range(new ConfidenceInterval(0.2078, 0.9385, 0.95)), Is.EqualTo("20.8–93.9%"));
        Assert.That(ReportText.Score(2 / 3.0), Is.EqualTo("0.667"));
        Assert.That(ReportText.Count(1_234_567), Is.EqualTo("1,234,567"));
        Assert.That(ReportText.Cost(0.36m), Is.EqualTo("0.36"));
        Assert.That(ReportText.Cost(0.000125m), Is.EqualTo("0.000125"));
        Assert.That(ReportText.Cost(1234.5m), Is.EqualTo("1,234.50"));
        Assert.That(ReportText.Cost(null), Is.EqualTo("—"));
        Assert.That(ReportText.Seconds(TimeSpan.FromMilliseconds(31)), Is.EqualTo("0.031"));
        Assert.That(ReportText.Timestamp(new DateTimeOffset(2026, 11, 26, 10, 30, 5, TimeSpan.FromHours(1))), Is.EqualTo("2026-11-26 09:30:05 UTC"));
    }

    [Test]
    public void Truncate_KeepsAtMostTheLimit_EndsWithAnEllipsis_AndNeverSplitsASurrogatePair()
    {
        Assert.That(ReportText.Truncate("abcdef", 6, out var cut), Is.EqualTo("abcdef"));
        Assert.That(cut, Is.False);
        Assert.That(ReportText.Truncate("abcdefg", 6, out cut), Is.EqualTo("abcde…"));
        Assert.That(cut, Is.True);
        Assert.That(ReportText.Truncate("abcd😀fg", 6, out _), Is.EqualTo("abcd…"), "the emoji is two UTF-16 characters: kept whole or not at all");
    }

    [Test]
    public void Printable_ShowsControlCharacters_AndReplacesUnpairedSurrogates()
    {
        Assert.That(ReportText.Printable("tab\tline\nbell\u0007 del\u007F 😀 \ud800x"), Is.EqualTo("tab\tline\nbell\\u0007 del\\u007F 😀 \uFFFDx"));
    }

    [Test]
    public void LatencyBins_AreLinear_UnlessTheSlowestIsFiftyTimesTheFastest()
    {
        var linear = LatencyBins.For([100, 120, 340, 410]);
        var logarithmic = LatencyBins.For([15, 120, 31_000]);

        Assert.That((linear.Logarithmic, linear.Edges[1], linear.Edges[^1]), Is.EqualTo((false, 50.0, 450.0)), "410 / 12 rounds up to steps of 50");
        Assert.That(linear.IndexOf(410), Is.EqualTo(8));
        Assert.That(logarithmic.Logarithmic, Is.True);
        Assert.That(logarithmic.Edges, Is.EqualTo(new[] { 10.0, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000 }).Within(1e-9));
        Assert.That((logarithmic.IndexOf(15), logarithmic.IndexOf(120), logarithmic.IndexOf(31_000), logarithmic.IndexOf(0)), Is.EqualTo((0, 3, 10, 0)));
        Assert.That(LatencyBins.For([]).Count, Is.EqualTo(1), "no case: one empty bin");
    }
}
