using AgentFlow.Evaluation;
using AgentFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AgentFlow.Tests.Evaluation.History;

/// <summary>Reports made by the evaluator, for the history to save: a prompt task answered by a scripted model.</summary>
internal static class HistoryReports
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Capitals of countries, tagged by continent; <c>kp</c> is a case whose answer is never right.</summary>
    public static EvalSet<string, string> Capitals(string name = "capitals") => EvalSet.Create(name, [
        new EvalCase<string, string>("fr", "France", "Paris", "europe"),
        new EvalCase<string, string>("ng", "Nigeria", "Abuja", "africa"),
        new EvalCase<string, string>("pe", "Peru", "Lima", "america", "south"),
        new EvalCase<string, string>("kp", "Atlantis", "Poseidonia"),
    ]);

    /// <summary>
    /// Evaluates the prompt <c>capital</c> at <paramref name="version"/> with a model that knows France and Peru, says
    /// Lagos for Nigeria, and throws for Atlantis; each case takes 10 ms on the clock.
    /// </summary>
    public static async Task<EvalReport> CapitalsAsync(
        string version = "1",
        string model = "model-a",
        string task = "capital",
        int startedHoursLater = 0,
        IReadOnlyDictionary<string, string>? labels = null,
        EvalSet<string, string>? set = null)
    {
        var clock = new FakeTimeProvider(Start.AddHours(startedHoursLater));
        var prompt = new Prompt("capital", version, "What is the capital of {{$input}}? (v" + version + ")");
        var client = new ScriptedChatClient(model)
            .When(
                _ => true,
                request =>
                {
                    clock.Advance(TimeSpan.FromMilliseconds(10));
                    var text = request.LastUserText;
                    return text.Contains("France", StringComparison.Ordinal) ? ScriptedReply.Text("Paris").WithUsage(100, 5)
                        : text.Contains("Peru", StringComparison.Ordinal) ? ScriptedReply.Text("Lima").WithUsage(110, 5)
                        : text.Contains("Nigeria", StringComparison.Ordinal) ? ScriptedReply.Text("Lagos").WithUsage(120, 6)
                        : ScriptedReply.Throw(new InvalidOperationException("The model is down."));
                });
        var options = new EvaluationOptions
        {
            MaxParallelism = 1,
            TimeProvider = clock,
            RunOptions = _ => new RunOptions
            {
                ChatClient = client,
                Prices = new Dictionary<string, ModelPrice> { [model] = new(1_000m, 2_000m) },
            },
        };
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            options.Labels[key] = value;
        }

        return await Evaluator.RunAsync(FlowTask.FromPrompt<string, string>(task, prompt), set ?? Capitals(), Scorers.Exact<string>(), options);
    }
}
