using System.Text.Json;
using AgentFlow.Evaluation;
using AgentFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AgentFlow.Tests.Evaluation.Reports;

/// <summary>
/// A report made by running the evaluator on a small triage set, offline and deterministic: a scripted model, a fake
/// clock that each case advances by its own latency, one case at a time. Eight cases, tagged: four pass, two fail (one
/// of them holds <c>&lt;script&gt;</c>), one fails in a node and one times out.
/// </summary>
internal static class ReportFixture
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    public static readonly Prompt TriagePrompt = new("triage", "3", "Ticket: {{$Text}}", "Choose the team: Billing, Technical or Other.");

    public enum Team
    {
        Billing,
        Technical,
        Other,
    }

    public sealed record Ticket(string Text);

    public sealed record Triage(Team Team, double Confidence);

    /// <summary>(id, text, expected team, latency in ms, tags); the model's answer per text is in <see cref="Model"/>.</summary>
    private static readonly (string Id, string Text, Team Expected, int LatencyMs, string[] Tags)[] Cases =
    [
        ("refund-1", "Please refund my last invoice.", Team.Billing, 120, ["billing", "easy"]),
        ("refund-2", "I was charged twice, refund one.", Team.Billing, 340, ["billing"]),
        ("crash-1", "The app crashes when I sign in.", Team.Technical, 95, ["technical", "easy"]),
        ("export-1", "Export to PDF hangs on large reports.", Team.Technical, 410, ["technical", "hard"]),
        ("vague-1", "Hello? | anyone <there>\nsecond line", Team.Other, 60, ["other"]),
        ("xss-1", "<script>alert('x')</script> my bill is wrong", Team.Billing, 230, ["billing", "hard"]),
        ("lookup-1", "lookup fails for this one", Team.Billing, 15, ["billing"]),
        ("slow-1", "slow: the VPN drops", Team.Technical, 31_000, ["technical"]),
    ];

    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(30);

    public static async Task<EvalReport> RunAsync()
    {
        var clock = new FakeTimeProvider(Start);
        var lookup = FlowTask.Create<Ticket, Ticket>("lookup", async (ticket, ct) =>
        {
            var latency = Cases.Single(c => c.Text == ticket.Text).LatencyMs;

            // Advancing the fake clock past the case timeout cancels the run's token at once, so the wait below ends.
            clock.Advance(TimeSpan.FromMilliseconds(latency));
            if (ticket.Text.StartsWith("lookup", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("No customer record for this ticket.");
            }

            if (ticket.Text.StartsWith("slow", StringComparison.Ordinal))
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return ticket;
        });
        var flow = Flow.Define<Ticket>("support")
            .Then(lookup)
            .Then(FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt))
            .Build();
        var set = EvalSet.Create("tickets", Cases.Select(c => new EvalCase<Ticket, Team>(c.Id, new Ticket(c.Text), c.Expected, c.Tags)));
        var model = Model();
        var prices = new Dictionary<string, ModelPrice> { ["gpt-test"] = new(InputPerMillionTokens: 150m, OutputPerMillionTokens: 600m) };
        var options = new EvaluationOptions
        {
            Name = "triage-v3",
            MaxParallelism = 1,
            CaseTimeout = CaseTimeout,
            TimeProvider = clock,
            RunOptions = _ => new RunOptions { ChatClient = model, Prices = prices },
        };
        options.Labels["model"] = "gpt-test";
        options.Labels["commit"] = "abc123";

        return await Evaluator.RunAsync(flow, set, TeamScorer, options);
    }

    /// <summary>Passes when the team is right; the model's confidence is kept as a metric.</summary>
    public static readonly IScorer<Team, Triage> TeamScorer = Scorers.Custom<Team, Triage>(
        "team",
        (expected, actual) => Score.Of(
            actual.Team == expected ? 1 : 0,
            actual.Team == expected,
            actual.Team == expected ? null : $"expected {expected}, got {actual.Team}",
            new Dictionary<string, double> { ["confidence"] = actual.Confidence }));

    private static ScriptedChatClient Model()
        => new ScriptedChatClient("gpt-test")
            .WhenPromptContains("refund my last", Reply(Team.Billing, 0.95, 120, 14))
            .WhenPromptContains("charged twice", Reply(Team.Billing, 0.9, 118, 14))
            .WhenPromptContains("crashes", Reply(Team.Technical, 0.92, 115, 15))
            .WhenPromptContains("Export to PDF", Reply(Team.Billing, 0.55, 121, 14))
            .WhenPromptContains("Hello?", Reply(Team.Other, 0.7, 110, 13))
            .WhenPromptContains("<script>", Reply(Team.Other, 0.4, 130, 13));

    private static ScriptedReply Reply(Team team, double confidence, long inputTokens, long outputTokens)
        => ScriptedReply.Json(new { team = team.ToString(), confidence }).WithUsage(inputTokens, outputTokens);

    /// <summary>The report with one case replaced, for the cases the set does not have (long values, control characters).</summary>
    public static EvalReport WithCase(this EvalReport report, string id, Func<CaseResult, CaseResult> change)
        => report with { Cases = [.. report.Cases.Select(c => c.Id == id ? change(c) : c)] };

    public static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);
}
