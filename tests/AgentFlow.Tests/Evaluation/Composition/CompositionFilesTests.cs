using System.Globalization;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Composition;

/// <summary>The report files of analyses and comparisons: which are written, their names, and the same bytes every time.</summary>
public sealed class CompositionFilesTests
{
    private string _directory = null!;

    [SetUp]
    public void MakeDirectory() => _directory = Path.Combine(Path.GetTempPath(), $"agentflow-composition-files-{Guid.NewGuid():N}");

    [TearDown]
    public void DeleteDirectory()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public async Task AnAnalysis_IsWrittenInEveryFormat_ByDefault()
    {
        var analysis = await PlantedAnalyses.AnalyseAsync();

        var written = await analysis.WriteAsync(_directory);

        Assert.That(written.Select(Path.GetFileName), Is.EqualTo(new[] { "qa.composition.md", "qa.composition.json", "qa.composition.html", "qa.composition.junit.xml" }));
        Assert.That(written.All(Path.IsPathFullyQualified), Is.True);
        Assert.That(File.ReadAllText(written[2]), Is.EqualTo(analysis.ToHtml()));
        Assert.That(File.ReadAllText(written[3]), Is.EqualTo(analysis.ToJUnitXml()));
        Assert.That(File.ReadAllBytes(written[2])[..3], Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 without a byte order mark");
    }

    [Test]
    public async Task AnAnalysis_IsWrittenInTheFormatsAskedFor_UnderTheNameAskedFor()
    {
        var analysis = await PlantedAnalyses.AnalyseAsync();

        var written = await analysis.WriteAsync(_directory, ReportFormats.Html | ReportFormats.JUnit, new ReportFileOptions { FileName = "capitals-direct", MaxValueLength = 20 });

        Assert.That(written.Select(Path.GetFileName), Is.EqualTo(new[] { "capitals-direct.composition.html", "capitals-direct.composition.junit.xml" }));
        Assert.That(File.ReadAllText(written[0]), Is.EqualTo(analysis.ToHtml(new ReportFileOptions { MaxValueLength = 20 })).And.Contain("cut short"));
    }

    [Test]
    public async Task AComparison_IsWrittenWithBothAnalyses_ItsJUnitFileHoldingBothSuites()
    {
        var comparison = await PlantedAnalyses.CompareAsync();

        var written = await comparison.WriteAsync(_directory);

        Assert.That(written.Select(Path.GetFileName), Is.EqualTo(new[]
        {
            "direct-vs-decomposed.comparison.md", "direct-vs-decomposed.comparison.json", "direct-vs-decomposed.comparison.html", "direct-vs-decomposed.comparison.junit.xml",
            "direct.composition.md", "direct.composition.json", "direct.composition.html",
            "decomposed.composition.md", "decomposed.composition.json", "decomposed.composition.html",
        }), "no JUnit file per analysis: a CI server reading every *.junit.xml counts each case once per flow");
        Assert.That(File.ReadAllText(written[2]), Is.EqualTo(comparison.ToHtml()));
        Assert.That(File.ReadAllText(written[3]), Is.EqualTo(comparison.ToJUnitXml()));
        Assert.That(File.ReadAllText(written[6]), Is.EqualTo(comparison.Baseline.ToHtml()));
    }

    [Test]
    public async Task AComparison_IsWrittenInTheFormatsAskedFor_TheNameAskedForGivenToItsOwnFiles()
    {
        var comparison = await PlantedAnalyses.CompareAsync();

        var written = await comparison.WriteAsync(_directory, ReportFormats.JUnit, new ReportFileOptions { FileName = "qa" });

        Assert.That(written.Select(Path.GetFileName), Is.EqualTo(new[] { "qa.comparison.junit.xml" }));
        written = await comparison.WriteAsync(_directory, ReportFormats.Html, new ReportFileOptions { FileName = "qa" });
        Assert.That(written.Select(Path.GetFileName), Is.EqualTo(new[] { "qa.comparison.html", "direct.composition.html", "decomposed.composition.html" }));
    }

    [Test]
    public async Task NoFormat_OrAnUnknownOne_IsRefused()
    {
        var analysis = await PlantedAnalyses.AnalyseAsync();
        var comparison = CompositionComparison.Of(analysis, analysis with { Name = "again" });

        Assert.That(() => analysis.WriteAsync(_directory, ReportFormats.None), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("Give one or more of ReportFormats.Markdown, Json, Html and JUnit"));
        Assert.That(() => comparison.WriteAsync(_directory, (ReportFormats)64), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(Directory.Exists(_directory), Is.False, "nothing was written");
    }

    [Test]
    public async Task TheSameAnalysis_GivesTheSameBytes_RunAfterRun()
    {
        var first = await PlantedAnalyses.CompareAsync();
        var second = await PlantedAnalyses.CompareAsync();

        var a = await Files(first, Path.Combine(_directory, "a"));
        var b = await Files(second, Path.Combine(_directory, "b"));

        Assert.That(b.Keys, Is.EqualTo(a.Keys));
        foreach (var (name, bytes) in a)
        {
            Assert.That(b[name], Is.EqualTo(bytes), name);
        }
    }

    [TestCase("de-DE")]
    [TestCase("ar-SA")]
    [TestCase("fr-CH")]
    public async Task EveryFormat_IsTheSame_InAnyCulture(string culture)
    {
        var comparison = await PlantedAnalyses.CompareAsync();
        var invariant = await Files(comparison, Path.Combine(_directory, "invariant"));
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assume.That(1234.5.ToString("N1", CultureInfo.CurrentCulture), Is.Not.EqualTo("1,234.5"), "the culture writes numbers differently (ICU is available)");

            var local = await Files(comparison, Path.Combine(_directory, culture));

            foreach (var (name, bytes) in invariant)
            {
                Assert.That(local[name], Is.EqualTo(bytes), name);
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    private static async Task<Dictionary<string, byte[]>> Files(CompositionComparison comparison, string directory)
    {
        var written = await comparison.WriteAsync(directory);
        return written.ToDictionary(p => Path.GetFileName(p)!, File.ReadAllBytes);
    }
}
