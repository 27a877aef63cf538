using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Reports;

/// <summary>The Markdown report: what ran, the summary and per-tag tables in the documented formats, the cases that did not pass, escaping and cutting.</summary>
public sealed class MarkdownReportTests
{
    [Test]
    public async Task ToMarkdown_StartsWithTheTitle_TheVerdict_AndWhatRan()
    {
        var report = await ReportFixture.RunAsync();

        var lines = report.ToMarkdown().Split('\n');

        Assert.That(lines[..13], Is.EqualTo(new[]
        {
            "# Evaluation: triage-v3",
            string.Empty,
            "**4 of 8 cases passed: 50.0% (95% CI 21.5–78.5%).** 2 failed, 2 errors.",
            string.Empty,
            "- **Task:** `support`",
            "- **Scorer:** `team`",
            $"- **Dataset:** tickets, hash `{report.DatasetHash[..12]}`",
            $"- **Prompts:** `triage@3` (`{ReportFixture.TriagePrompt.ContentHash[..12]}`)",
            "- **Models:** `gpt-test`",
            "- **Labels:** commit = abc123, model = gpt-test",
            "- **Started:** 2026-11-26 09:00:00 UTC, took 32.27 s, up to 1 case at once, timeout 30.00 s per case",
            string.Empty,
            "## Summary",
        }));
    }

    [Test]
    public async Task ToMarkdown_SummaryTable_WritesEachNumberAsDocumented()
    {
        var report = await ReportFixture.RunAsync();

        var markdown = report.ToMarkdown();

        // Latencies 15, 60, 95, 120, 230, 340, 410 ms and 31 s: p50 is the 4th, p95 the 8th. Wilson 95% for 4/8: 0.215 to 0.785.
        // Tokens: 120+118+115+121+110+130 in, 14+14+15+14+13+13 out, priced at 150 and 600 per million.
        Assert.That(markdown, Does.Contain(string.Join('\n',
            "| Measure | All cases |",
            "| --- | ---: |",
            "| Cases | 8 |",
            "| Passed | 4 |",
            "| Failed | 2 |",
            "| Errors | 2 |",
            "| Accuracy | 50.0% |",
            "| 95% confidence interval | 21.5–78.5% |",
            "| Mean score | 0.5 |",
            "| Latency p50 / p95 | 120 ms / 31.00 s |",
            "| Tokens | 714 in / 83 out |",
            "| Cost | 0.1569 |",
            string.Empty)));
    }

    [Test]
    public async Task ToMarkdown_HasARowPerTag_SortedByTag()
    {
        var report = await ReportFixture.RunAsync();

        var rows = report.ToMarkdown().Split('\n').SkipWhile(l => l != "## By tag").Skip(2).TakeWhile(l => l.Length > 0).ToList();

        Assert.That(rows[0], Does.StartWith("| Tag | Cases | Passed | Failed | Errors | Accuracy | 95% CI | Mean score | p50 | p95 | Tokens in / out | Cost |"));
        // billing: refund-1, refund-2 pass, xss-1 fails, lookup-1 is an error; Wilson 95% for 2/4 is 0.150 to 0.850.
        Assert.That(rows[2], Is.EqualTo("| billing | 4 | 2 | 1 | 1 | 50.0% | 15.0–85.0% | 0.5 | 120 ms | 340 ms | 368 / 41 | 0.0798 |"));
        Assert.That(rows.Skip(2).Select(r => r.Split(" | ")[0].TrimStart('|', ' ')), Is.EqualTo(new[] { "billing", "easy", "hard", "other", "technical" }));
        Assert.That(rows[4], Does.StartWith("| hard | 2 | 0 | 2 | 0 | 0.0% | 0.0–65.8% | 0 |"));
    }

    [Test]
    public async Task ToMarkdown_ListsTheFailedAndErrorCases_WithExpectedActualReasonAndNodePath()
    {
        var report = await ReportFixture.RunAsync();

        var markdown = report.ToMarkdown();

        Assert.That(markdown, Does.Contain("## Failed and error cases (4)"));
        Assert.That(markdown, Does.Contain(
            "| `export-1` | ✗ failed | technical, hard | Technical | {\"team\":\"Billing\",\"confidence\":0.55} | expected Technical, got Billing |   |"));
        Assert.That(markdown, Does.Contain(
            "| `lookup-1` | ⚠ error: task failed | billing | Billing | — | Task 'support/lookup' failed: InvalidOperationException: No customer record for this ticket. "
            + "(FlowTaskException wrapping InvalidOperationException) | `support/lookup` |"));
        Assert.That(markdown, Does.Contain("| `slow-1` | ⚠ error: timed out | technical | Technical | — | The case's run took longer than its timeout of 00:00:30"));
        Assert.That(markdown, Does.Not.Contain("`refund-1`"), "passed cases are counted, not listed");
        Assert.That(markdown, Does.Not.Contain("cut short"), "nothing was long enough to cut");
    }

    [Test]
    public async Task ToMarkdown_EscapesPipesLineBreaksAndMarkup_SoEveryRowKeepsItsColumns()
    {
        var report = (await ReportFixture.RunAsync()).WithCase("xss-1", c => c with
        {
            Actual = ReportFixture.Json("one | two\r\nthree [link](x) $x$"),
            Score = Score.Fail("a | b\nc <b>*bold*</b> `tick` _u_ ~s~ &amp; # ! \\"),
        });

        var row = report.ToMarkdown().Split('\n').Single(l => l.StartsWith("| `xss-1`", StringComparison.Ordinal));

        Assert.That(Cells(row), Has.Count.EqualTo(7), row);
        Assert.That(row, Does.Contain("| one \\| two<br>three \\[link\\](x) \\$x\\$ |"));
        Assert.That(row, Does.Contain("| a \\| b<br>c \\<b\\>\\*bold\\*\\</b\\> \\`tick\\` \\_u\\_ \\~s\\~ \\&amp; \\# \\! \\\\ |"));
    }

    [Test]
    public async Task ToMarkdown_CutsLongValues_WithAnEllipsis_AndSaysSo()
    {
        var report = (await ReportFixture.RunAsync()).WithCase("export-1", c => c with { Actual = ReportFixture.Json(new string('x', 500)) });

        var markdown = report.ToMarkdown(new ReportFileOptions { MaxValueLength = 40 });

        Assert.That(markdown, Does.Contain($"| {new string('x', 39)}… |"));
        Assert.That(markdown, Does.Not.Contain(new string('x', 40)));
        Assert.That(markdown, Does.Contain("> Values longer than 40 characters are cut short and end with …; the JSON report has them whole."));
    }

    [Test]
    public async Task ToMarkdown_OfASetWithoutTagsThatAllPassed_SaysSo()
    {
        var set = EvalSet.Create("numbers", [new EvalCase<int, int>("one", 1, 2), new EvalCase<int, int>("two", 2, 4)]);
        var report = await Evaluator.RunAsync(FlowTask.Create("double", (int n) => n * 2), set, Scorers.Exact<int>());

        var markdown = report.ToMarkdown();

        Assert.That(markdown, Does.Contain("## By tag\n\nNo case has a tag.\n"));
        Assert.That(markdown, Does.Contain("## Failed and error cases (0)\n\nEvery case passed.\n"));
        Assert.That(markdown, Does.Contain("| Cost | — |"), "no model call was priced");
        Assert.That(markdown, Does.Not.Contain("**Prompts:**").And.Not.Contain("**Labels:**"));
    }

    /// <summary>The cells of a table row, split on the pipes that are not escaped.</summary>
    private static List<string> Cells(string row)
    {
        List<string> cells = [];
        var start = 1;
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] == '\\')
            {
                i++;
            }
            else if (row[i] == '|')
            {
                cells.Add(row[start..i].Trim());
                start = i + 1;
            }
        }

        return cells;
    }
}
