using System.Globalization;
using System.Text.RegularExpressions;
using AgentFlow.Evaluation;
using AgentFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AgentFlow.Tests.Evaluation.Comparison;

/// <summary>
/// Two versions of a parity prompt evaluated on the same 20 numbers by a scripted model whose right and wrong answers are
/// planted, so the 2×2 table, the flips and the p-value are known by hand.
/// </summary>
internal static partial class PlantedRuns
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    /// <summary>n1 to n20: "even" or "odd"; n1 to n10 tagged <c>low</c>, n11 to n20 <c>high</c>.</summary>
    public static EvalSet<int, string> Parity(int count = 20)
        => EvalSet.Create("parity", Enumerable.Range(1, count).Select(i => new EvalCase<int, string>($"n{i}", i, i % 2 == 0 ? "even" : "odd", i <= 10 ? "low" : "high")));

    /// <summary>
    /// Version 1 answers n1 to n9 right. Version 2 answers n2 to n18 right and fails with an exception on n1. So: both
    /// pass n2..n9 (8), the baseline only n1 (b = 1), the candidate only n10..n18 (c = 9), neither n19, n20 (2).
    /// </summary>
    public static Task<EvalReport> BaselineAsync(EvalSet<int, string>? set = null) => RunAsync("1", n => n <= 9 ? Answer.Right : Answer.Wrong, set, "model-a", latencyMs: 100, inputTokens: 50);

    /// <inheritdoc cref="BaselineAsync"/>
    public static Task<EvalReport> CandidateAsync(EvalSet<int, string>? set = null) => RunAsync("2", n => n == 1 ? Answer.Throw : n <= 18 ? Answer.Right : Answer.Wrong, set, "model-b", latencyMs: 80, inputTokens: 70);

    public enum Answer
    {
        Right,
        Wrong,
        Throw,
    }

    public static async Task<EvalReport> RunAsync(string version, Func<int, Answer> plan, EvalSet<int, string>? set = null, string model = "model-a", int latencyMs = 100, int inputTokens = 50)
    {
        var clock = new FakeTimeProvider(Start);
        var client = new ScriptedChatClient(model).When(
            _ => true,
            request =>
            {
                var n = int.Parse(Number().Match(request.LastUserText).Value, CultureInfo.InvariantCulture);
                clock.Advance(TimeSpan.FromMilliseconds(latencyMs + n));
                var right = n % 2 == 0 ? "even" : "odd";
                return plan(n) switch
                {
                    Answer.Right => ScriptedReply.Text(right).WithUsage(inputTokens, 1),
                    Answer.Wrong => ScriptedReply.Text(right == "even" ? "odd" : "even").WithUsage(inputTokens, 1),
                    _ => ScriptedReply.Throw(new InvalidOperationException($"The model failed on {n}.")),
                };
            });
        var prompt = new Prompt("parity", version, version == "1" ? "Is {{$input}} even or odd?" : "Answer with one word, even or odd: {{$input}}");
        var options = new EvaluationOptions
        {
            Name = "parity@" + version,
            MaxParallelism = 1,
            TimeProvider = clock,
            RunOptions = _ => new RunOptions { ChatClient = client, Prices = new Dictionary<string, ModelPrice> { [model] = new(1_000m, 0m) } },
        };
        options.Labels["prompt"] = "parity@" + version;
        return await Evaluator.RunAsync(FlowTask.FromPrompt<int, string>("parity", prompt), set ?? Parity(), Scorers.Exact<string>(), options);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
