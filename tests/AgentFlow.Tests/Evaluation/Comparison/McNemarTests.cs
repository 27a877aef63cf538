using System.Numerics;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Comparison;

/// <summary>The exact McNemar test against hand-computed and exact rational values, and Newcombe's interval against a published one.</summary>
public sealed class McNemarTests
{
    [Test]
    public void Exact_OneAgainstNine_IsTwoTimesElevenOver1024()
    {
        // P(X <= 1) for X ~ Bin(10, 1/2) = (C(10,0) + C(10,1)) / 2^10 = 11/1024; two-sided: 22/1024.
        var test = McNemarTest.Exact(1, 9);

        Assert.That(test.PValue, Is.EqualTo(22 / 1024.0).Within(1e-15));
        Assert.That(test.PValue, Is.EqualTo(0.02148).Within(1e-5));
        Assert.That(test.MidPValue, Is.EqualTo((22 - 10) / 1024.0).Within(1e-15), "less P(X = 1) = 10/1024");
        Assert.That((test.BaselineOnly, test.CandidateOnly, test.Discordant), Is.EqualTo((1, 9, 10)));
    }

    [TestCase(0, 0, 1.0)]
    [TestCase(5, 5, 1.0)]
    [TestCase(0, 1, 1.0)]
    [TestCase(0, 8, 2 / 256.0)]
    [TestCase(1, 8, 2 * 10 / 512.0)]
    [TestCase(4, 6, 2 * 386 / 1024.0)]
    [TestCase(16, 6, 0.052478790283203125)] // Cavo et al. 2012, the exact conditional test in Fagerland et al. 2013: 0.052
    public void Exact_GivesTheHandComputedValue(int b, int c, double expected)
    {
        Assert.That(McNemarTest.Exact(b, c).PValue, Is.EqualTo(expected).Within(1e-15));
    }

    [TestCase(3, 17)]
    [TestCase(29, 31)]
    [TestCase(30, 31)]
    [TestCase(40, 25)]
    [TestCase(600, 640)]
    [TestCase(1400, 1600)]
    [TestCase(2500, 2500)]
    [TestCase(200, 400)]
    [TestCase(900, 1250)]
    public void Exact_IsSymmetric_AndMatchesTheExactRationalValue_ForThousandsOfCases(int b, int c)
    {
        var p = McNemarTest.Exact(b, c).PValue;

        Assert.That(McNemarTest.Exact(c, b).PValue, Is.EqualTo(p), "symmetric in b and c");
        var exact = ExactP(b, c);
        Assert.That(double.IsFinite(p) && p is >= 0 and <= 1, $"p = {p}");
        Assert.That(p, Is.EqualTo(exact).Within(1e-10).Percent, $"exact: {exact}");
    }

    [Test]
    public void Exact_WithAPValueBelowTheSmallestDouble_IsZero_NotNaN()
    {
        Assert.That(McNemarTest.Exact(0, 5000).PValue, Is.Zero);
        Assert.That(McNemarTest.Exact(0, 5000).MidPValue, Is.Zero);
    }

    [Test]
    public void Exact_OfANegativeCount_IsRefused()
    {
        Assert.That(() => McNemarTest.Exact(-1, 3), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Newcombe_MatchesThePublishedIntervalOfCavo2012()
    {
        // Fagerland, Lydersen and Laake, Statistical Analysis of Contingency Tables (2017), ch. 8: Newcombe square-and-add
        // for the table (59, 6 / 16, 80): estimate -0.0621, 95% CI -0.1186 to -0.0046. The first variable is the candidate.
        var interval = PairedStatistics.NewcombeDifference(new PairedOutcomes(BothPassed: 59, BaselineOnly: 16, CandidateOnly: 6, NeitherPassed: 80));

        Assert.That(interval.Lower, Is.EqualTo(-0.1186).Within(5e-5));
        Assert.That(interval.Upper, Is.EqualTo(-0.0046).Within(5e-5));
        Assert.That(interval.Level, Is.EqualTo(0.95));
    }

    [Test]
    public void Newcombe_WithNoDiscordantCase_ContainsZero_AndStaysWithinMinusOneToOne()
    {
        var same = PairedStatistics.NewcombeDifference(new PairedOutcomes(10, 0, 0, 0));
        var allFlipped = PairedStatistics.NewcombeDifference(new PairedOutcomes(0, 0, 5, 0));

        Assert.That(same.Lower, Is.LessThan(0));
        Assert.That(same.Upper, Is.GreaterThan(0));
        Assert.That(allFlipped.Lower, Is.GreaterThan(0).And.LessThan(1));
        Assert.That(allFlipped.Upper, Is.EqualTo(1).Within(1e-12));
    }

    /// <summary>min(1, 2·Σ_{i≤min(b,c)} C(n, i) / 2ⁿ) in big integers, divided once at the end.</summary>
    private static double ExactP(int b, int c)
    {
        var n = b + c;
        var k = Math.Min(b, c);
        BigInteger term = 1, sum = 1;
        for (var i = 1; i <= k; i++)
        {
            term = term * (n - i + 1) / i;
            sum += term;
        }

        var numerator = 2 * sum;
        var denominator = BigInteger.Pow(2, n);
        if (numerator >= denominator)
        {
            return 1;
        }

        // An integer quotient of about 64 bits, scaled back: exact to the last bit of a double.
        var shift = 64 - (int)(numerator.GetBitLength() - denominator.GetBitLength());
        var quotient = (shift >= 0 ? numerator << shift : numerator >> -shift) / denominator;
        return Math.ScaleB((double)quotient, -shift);
    }
}
