using System.Globalization;
using AgentFlow.Evaluation;

namespace AgentFlow.Tests.Evaluation.Comparison;

/// <summary>The Markdown rendering of a comparison: the runs side by side, the table, tags and flipped cases.</summary>
public sealed class ComparisonMarkdownTests
{
    [Test]
    public async Task ToMarkdown_ShowsTheConclusion_TheRunsSideBySide_AndTheChanges()
    {
        var comparison = EvalComparison.Compare(await PlantedRuns.BaselineAsync(), await PlantedRuns.CandidateAsync());

        var markdown = comparison.ToMarkdown();

        Assert.That(markdown, Does.StartWith("# Comparison: parity@1 → parity@2\n\n**candidate better, p=0.0215: accuracy 45.0% → 85.0% (+40.0 points, 95% CI +10.4 to +61.5) on 20 cases; 9 improved, 1 regressed**\n"));
        var lines = markdown.Split('\n');
        Assert.That(lines, Does.Contain("| Models | model-a | model-b | |"));
        Assert.That(lines, Does.Contain("| Labels | prompt=parity@1 | prompt=parity@2 | |"));
        Assert.That(lines, Does.Contain("| Passed | 9 | 17 | +8 |"));
        Assert.That(lines, Does.Contain("| Accuracy (95% CI) | 45.0% (25.8% to 65.8%) | 85.0% (64.0% to 94.8%) | +40.0 points (+10.4 to +61.5) |"));
        Assert.That(lines, Does.Contain("| Errors | 0 | 1 | +1 |"));
        Assert.That(lines, Does.Contain("| Latency p50 | 110 ms | 90 ms | -20 ms |"));
        Assert.That(lines, Does.Contain("| Input tokens | 1,000 | 1,330 | +330 |"));
        Assert.That(lines, Does.Contain("| Cost | 1.00 | 1.33 | +0.33 |"));
        Assert.That(lines, Does.Contain("| **Baseline passed** | 8 | 1 |"));
        Assert.That(lines, Does.Contain("| **Baseline did not pass** | 9 | 2 |"));
        Assert.That(markdown, Does.Contain("Exact McNemar test on the 10 discordant case(s) (9 improved, 1 regressed): two-sided p=0.0215 (mid-p=0.0117), significance level 0.05."));
        Assert.That(lines, Does.Contain("| high | 10 | 0.0% | 80.0% | +80.0 | 8 | 0 | 0.00781 |"));
        Assert.That(lines, Does.Contain("## Improved (9): not passed in the baseline, passed in the candidate"));
        Assert.That(lines, Does.Contain("| n10 | low | \"even\" | Failed (0): \"odd\" — expected \"even\", got \"odd\" | Passed (1): \"even\" |"));
        Assert.That(lines.Single(l => l.StartsWith("| n1 |", StringComparison.Ordinal)), Does.StartWith("| n1 | low | \"odd\" | Passed (1): \"odd\" | Error: no output — Task 'parity' failed"));
        Assert.That(markdown, Does.Not.Contain("## Cases left out"), "same dataset");
    }

    [Test]
    public async Task ToMarkdown_IsTheSameForTheSameRuns_WhateverTheCulture()
    {
        var first = EvalComparison.Compare(await PlantedRuns.BaselineAsync(), await PlantedRuns.CandidateAsync()).ToMarkdown();
        var culture = CultureInfo.CurrentCulture;
        string second;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            second = EvalComparison.Compare(await PlantedRuns.BaselineAsync(), await PlantedRuns.CandidateAsync()).ToMarkdown();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.That(second, Is.EqualTo(first));
        Assert.That(second, Does.Contain("45.0%").And.Contain("1,330"));
    }

    [Test]
    public async Task ToMarkdown_EscapesPipesAndLineBreaks_RendersNoHtml_AndCutsLongValues()
    {
        var set = EvalSet.Create("tricky", [new EvalCase<string, string>("a|b", "x", "one | two\nthree")]);
        var baseline = await Evaluator.RunAsync(FlowTask.Create("echo", (string s) => "one | two\nthree"), set, Scorers.Exact<string>());
        var candidate = await Evaluator.RunAsync(FlowTask.Create("echo", (string s) => "<script>alert(1)</script>" + new string('x', 200)), set, Scorers.Exact<string>());

        var markdown = EvalComparison.Compare(baseline, candidate).ToMarkdown();

        var row = markdown.Split('\n').Single(l => l.StartsWith("| a\\|b |", StringComparison.Ordinal));
        Assert.That(row, Does.Contain("\"one \\| two\\\\nthree\""), "the JSON text, its pipe escaped");
        Assert.That(row, Does.Contain("&lt;script>alert(1)&lt;/script>xxx"));
        Assert.That(row, Does.Contain("x…"));
        Assert.That(row, Does.Not.Contain(new string('x', 100)));
        Assert.That(row.Split(" | ").Length, Is.EqualTo(5), "five cells, the escaped pipes inside them");
    }

    [Test]
    public async Task ToMarkdown_OfCommonCases_ListsTheCasesLeftOut()
    {
        var baseline = await PlantedRuns.BaselineAsync(PlantedRuns.Parity(3));
        var candidate = await PlantedRuns.CandidateAsync(PlantedRuns.Parity(4));

        var markdown = EvalComparison.Compare(baseline, candidate, new EvalComparisonOptions { CompareCommonCases = true }).ToMarkdown();

        Assert.That(markdown, Does.Contain("> Warning: The runs are on different datasets; only the cases they share are compared."));
        Assert.That(markdown, Does.Contain("## Cases left out\n\n- Only in the baseline: none\n- Only in the candidate: n4\n- Same id, different input or expected output: none\n"));
    }
}
