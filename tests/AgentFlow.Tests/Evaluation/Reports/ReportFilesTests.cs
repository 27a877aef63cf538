using System.Globalization;
using System.Text;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Reports;

/// <summary>Writing report files: stable names, the formats asked for, the same bytes for the same report in any culture, and options checked when set.</summary>
public sealed class ReportFilesTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Path.Combine(Path.GetTempPath(), "agentflow-report-files-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteDirectory()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public async Task WriteAsync_WritesTheFourFiles_NamedAfterTheReport_WithWhatTheWritersGive()
    {
        var report = await ReportFixture.RunAsync();

        var paths = await report.WriteAsync(_directory);

        Assert.That(paths.Select(Path.GetFileName), Is.EqualTo(new[] { "triage-v3.md", "triage-v3.json", "triage-v3.html", "triage-v3.junit.xml" }));
        Assert.That(paths.All(Path.IsPathFullyQualified), Is.True);
        Assert.That(Directory.GetFiles(_directory), Has.Length.EqualTo(4), "the directory is made, and only those files are written");
        Assert.That(await File.ReadAllTextAsync(paths[0]), Is.EqualTo(report.ToMarkdown()));
        Assert.That(await File.ReadAllTextAsync(paths[1]), Is.EqualTo(report.ToJson()));
        Assert.That(await File.ReadAllTextAsync(paths[2]), Is.EqualTo(report.ToHtml()));
        Assert.That(await File.ReadAllTextAsync(paths[3]), Is.EqualTo(report.ToJUnitXml()));
        Assert.That(paths.Select(p => File.ReadAllBytes(p)[0]), Is.EqualTo("#{<<"u8.ToArray()), "UTF-8 without a byte order mark");
    }

    [Test]
    public async Task WriteAsync_WritesOnlyTheFormatsAsked_UnderTheNameGiven()
    {
        var report = await ReportFixture.RunAsync();

        var paths = await report.WriteAsync(_directory, ReportFormats.Json | ReportFormats.JUnit, new ReportFileOptions { FileName = "nightly" });

        Assert.That(paths.Select(Path.GetFileName), Is.EqualTo(new[] { "nightly.json", "nightly.junit.xml" }));
        Assert.That(Directory.GetFiles(_directory).Select(Path.GetFileName), Is.EquivalentTo(new[] { "nightly.json", "nightly.junit.xml" }));
        Assert.That(EvalReport.FromJson(await File.ReadAllTextAsync(paths[0])).Summary, Is.EqualTo(report.Summary));
    }

    [TestCase("triage/v3: *new*", "triage-v3- -new-")]
    [TestCase("a\\b<c>d|e?f\"g", "a-b-c-d-e-f-g")]
    [TestCase("...", "eval-report")]
    [TestCase("naïve ünïcode", "naïve ünïcode")]
    [TestCase("con", "con-report")]
    [TestCase("LPT1.v2", "LPT1.v2-report")]
    [TestCase("console", "console")]
    public async Task WriteAsync_NamesTheFiles_WithWhatNoFileSystemRefusesReplaced(string name, string fileName)
    {
        var report = (await ReportFixture.RunAsync()) with { Name = name };

        var paths = await report.WriteAsync(_directory, ReportFormats.Markdown);

        Assert.That(Path.GetFileName(paths.Single()), Is.EqualTo(fileName + ".md"));
        Assert.That(Path.GetDirectoryName(paths.Single()), Is.EqualTo(Path.GetFullPath(_directory)));
    }

    [Test]
    public async Task WriteAsync_AgainWithTheSameReport_GivesTheSameBytes()
    {
        var report = await ReportFixture.RunAsync();
        var first = (await report.WriteAsync(_directory)).Select(File.ReadAllBytes).ToList();

        var second = (await report.WriteAsync(_directory)).Select(File.ReadAllBytes).ToList();

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public async Task WriteAsync_WithNoFormatOrAnUnknownOne_IsRefused()
    {
        var report = await ReportFixture.RunAsync();

        Assert.That(() => report.WriteAsync(_directory, ReportFormats.None), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("ReportFormats.Markdown, Json, Html and JUnit"));
        Assert.That(() => report.WriteAsync(_directory, (ReportFormats)16), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => report.WriteAsync(" "), Throws.ArgumentException);
        Assert.That(Directory.Exists(_directory), Is.False, "nothing is written");
    }

    [Test]
    public async Task WriteAsync_WhenCancelled_Throws()
    {
        var report = await ReportFixture.RunAsync();

        Assert.That(() => report.WriteAsync(_directory, cancellationToken: new CancellationToken(canceled: true)), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task EveryFormat_IsTheSame_ForTwoRunsOfTheSameEvaluation()
    {
        var first = await ReportFixture.RunAsync();
        var second = await ReportFixture.RunAsync();

        Assert.That(second.ToMarkdown(), Is.EqualTo(first.ToMarkdown()));
        Assert.That(second.ToJson(), Is.EqualTo(first.ToJson()));
        Assert.That(second.ToHtml(), Is.EqualTo(first.ToHtml()));
        Assert.That(second.ToJUnitXml(), Is.EqualTo(first.ToJUnitXml()));
    }

    [TestCase("de-DE")]
    [TestCase("fr-FR")]
    [TestCase("ar-EG")]
    public async Task EveryFormat_IsTheSame_InAnyCulture(string culture)
    {
        var report = await ReportFixture.RunAsync();
        var invariant = Render(report);
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assume.That(1234.5.ToString("N1", CultureInfo.CurrentCulture), Is.Not.EqualTo("1,234.5"), "the culture writes numbers differently (ICU is available)");

            Assert.That(Render(report), Is.EqualTo(invariant));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        static string[] Render(EvalReport report) => [report.ToMarkdown(), report.ToJson(), report.ToHtml(), report.ToJUnitXml()];
    }

    [TestCase(19)]
    [TestCase(1_000_001)]
    public void MaxValueLength_OutsideItsRange_IsRefused(int value)
    {
        Assert.That(() => new ReportFileOptions { MaxValueLength = value }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contain("ReportFileOptions.MaxValueLength must be between 20 and 1,000,000"));
    }

    [TestCase("")]
    [TestCase("..")]
    [TestCase("reports/triage")]
    [TestCase("a:b")]
    public void FileName_ThatIsNotAFileName_IsRefused(string value)
    {
        Assert.That(() => new ReportFileOptions { FileName = value }, Throws.ArgumentException.With.Message.Contain("is not a file name"));
    }

    [Test]
    public void Options_HaveTheDocumentedDefaults()
    {
        var options = new ReportFileOptions();

        Assert.That((options.MaxValueLength, options.FileName), Is.EqualTo((300, (string?)null)));
        Assert.That(Encoding.UTF8.GetByteCount(ReportText.Ellipsis), Is.EqualTo(3), "the ellipsis is one character");
    }
}
