using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation;

/// <summary>The unified line diff of the prompt lock: minimal edits, three lines of context, hunks and their ranges as diff -u writes them.</summary>
public sealed class LineDiffTests
{
    private static string[] Diff(string before, string after)
        => LineDiff.Unified(LineDiff.Lines(before), LineDiff.Lines(after), "a", "b").Split('\n');

    [Test]
    public void Unified_OfEqualTexts_IsEmpty()
    {
        Assert.That(LineDiff.Unified(LineDiff.Lines("x\ny"), LineDiff.Lines("x\r\ny"), "a", "b"), Is.Empty);
    }

    [Test]
    public void Unified_ShowsThreeLinesOfContext_AndSplitsDistantChangesIntoHunks()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i}"));
        var after = before.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 18\n", string.Empty, StringComparison.Ordinal);

        Assert.That(Diff(before, after), Is.EqualTo(new[]
        {
            "--- a",
            "+++ b",
            "@@ -1,5 +1,5 @@",
            " line 1",
            "-line 2",
            "+line two",
            " line 3",
            " line 4",
            " line 5",
            "@@ -15,6 +15,5 @@",
            " line 15",
            " line 16",
            " line 17",
            "-line 18",
            " line 19",
            " line 20",
        }));
    }

    [Test]
    public void Unified_MergesChangesCloseTogetherIntoOneHunk()
    {
        var before = "a\nb\nc\nd\ne\nf\ng\nh\ni";

        Assert.That(Diff(before, "a\nB\nc\nd\ne\nf\ng\nH\ni"), Is.EqualTo(new[]
        {
            "--- a", "+++ b", "@@ -1,9 +1,9 @@", " a", "-b", "+B", " c", " d", " e", " f", " g", "-h", "+H", " i",
        }));
    }

    [Test]
    public void Unified_OfLinesAddedToAnEmptyText_StartsAtLineZero()
    {
        Assert.That(Diff(string.Empty, "one\ntwo"), Is.EqualTo(new[] { "--- a", "+++ b", "@@ -0,0 +1,2 @@", "+one", "+two" }));
    }

    [Test]
    public void Unified_KeepsTheLongestCommonLines_AndRemovesBeforeAdding()
    {
        Assert.That(Diff("x\na\nb\nc\ny", "x\nc\nb\na\ny"), Is.EqualTo(new[]
        {
            "--- a", "+++ b", "@@ -1,5 +1,5 @@", " x", "-a", "-b", " c", "+b", "+a", " y",
        }));
    }
}
