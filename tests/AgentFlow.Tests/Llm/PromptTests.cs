namespace AgentFlow.Tests.Llm;

/// <summary>Versioned prompts: names, versions and a content hash that tracks the text.</summary>
public sealed class PromptTests
{
    [Test]
    public void ContentHash_ChangesWithTheText_AndNotWithTheVersion()
    {
        var v1 = new Prompt("classify", "1", "Classify: {{$input}}", "You are terse.");
        var v2 = new Prompt("classify", "2", "Classify: {{$input}}", "You are terse.");
        var edited = new Prompt("classify", "1", "Classify this: {{$input}}", "You are terse.");
        var otherSystem = new Prompt("classify", "1", "Classify: {{$input}}", "You are verbose.");

        Assert.That(v2.ContentHash, Is.EqualTo(v1.ContentHash), "the hash is of the text, so an unversioned edit shows");
        Assert.That(edited.ContentHash, Is.Not.EqualTo(v1.ContentHash));
        Assert.That(otherSystem.ContentHash, Is.Not.EqualTo(v1.ContentHash));
        Assert.That(v1.ContentHash, Does.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public void ContentHash_IgnoresLineEndingDifferences()
    {
        var unix = new Prompt("p", "1", "line one\nline two");
        var windows = new Prompt("p", "1", "line one\r\nline two");

        Assert.That(windows.ContentHash, Is.EqualTo(unix.ContentHash));
    }

    [TestCase("", "1")]
    [TestCase("has space", "1")]
    [TestCase("ok", "")]
    [TestCase("ok", "1/2")]
    public void Prompt_WithInvalidNameOrVersion_Throws(string name, string version)
    {
        Assert.That(() => new Prompt(name, version, "text"), Throws.ArgumentException);
    }

    [Test]
    public void Prompt_WithEmptyUserTemplate_Throws()
    {
        Assert.That(() => new Prompt("p", "1", "  "), Throws.ArgumentException);
    }
}
