using AgentFlow;
using AgentFlow.Evaluation;

namespace HelpDesk.Tests;

/// <summary>The triage task over the whole eval set: accuracy with its interval, tokens and cost, before it ships.</summary>
public sealed class TriageEvaluationTests
{
    private static readonly Dictionary<string, ModelPrice> Prices = new() { [HelpDeskTasks.ModelId] = new(InputPerMillionTokens: 0.15m, OutputPerMillionTokens: 0.60m) };

    internal static async Task<EvalReport> EvaluateAsync(Prompt prompt, CancellationToken cancellationToken)
    {
        using var model = Models.Replay("triage");
        var options = new EvaluationOptions
        {
            Name = $"triage@{prompt.Version}",
            RunOptions = _ => new RunOptions { ChatClient = model, Prices = Prices },
        };
        options.Labels["model"] = HelpDeskTasks.ModelId;
        return await Evaluator.RunAsync(HelpDeskTasks.Triage(prompt), TriageTests.EvalSet(), TriageTests.SameSeverity, options, cancellationToken);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ShippedPrompt_IsAccurateOnTheEvalSet(CancellationToken cancellationToken)
    {
        var report = await EvaluateAsync(TriagePrompts.V2, cancellationToken);
        foreach (var path in await report.WriteAsync(TestContext.CurrentContext.WorkDirectory, ReportFormats.Markdown | ReportFormats.Html, cancellationToken: cancellationToken))
        {
            TestContext.AddTestAttachment(path, "The evaluation of the shipped prompt");
        }

        Assert.That(report.Summary.Cases, Is.EqualTo(16));
        Assert.That(report.Summary.Errors, Is.Zero);
        Assert.That(report.Summary.Accuracy, Is.GreaterThanOrEqualTo(0.9));
        Assert.That(report.Summary.AccuracyInterval.Lower, Is.GreaterThan(0.75), "the 95% interval, not only the point estimate, clears the bar");
        Assert.That(report.Summary.Cost, Is.GreaterThan(0m), "every call is priced");
        Assert.That(report.Prompts.Single().Version, Is.EqualTo("2"));
    }
}
