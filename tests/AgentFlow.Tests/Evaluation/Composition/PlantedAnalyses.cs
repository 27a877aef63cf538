using AgentFlow.Evaluation;
using Microsoft.Extensions.Time.Testing;

namespace AgentFlow.Tests.Evaluation.Composition;

/// <summary>
/// Analyses with one case or more of every class, planted in a flow of code tasks, offline and deterministic (a fake
/// clock that never moves): which country has the capital (qa/country), which fact is asked (the route qa/fact), that
/// fact (qa/fact[CallingCode]/calling-code), and the answer (qa/answer). One case's input holds <c>&lt;script&gt;</c>.
/// </summary>
internal static class PlantedAnalyses
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    public const string ScriptInput = "<script>alert('x')</script> & Nairobi";

    public enum Fact
    {
        CallingCode,
        Currency,
    }

    /// <summary>What a case's steps do: each step right unless planted otherwise.</summary>
    public sealed record Plant(bool CountryRight = true, bool RouteRight = true, bool FinalRight = true, bool Throws = false, bool Unreadable = false);

    /// <summary>What passes from step to step: the case's input and the step's answer.</summary>
    public sealed record Hop(string Input, string Value);

    public static readonly SubTask<string, Hop> Country = SubTask.At("qa/country", Scorers.Custom<string, Hop>("country", (expected, hop) => hop.Value == expected));

    public static readonly SubTask<string, Hop> Code = SubTask.At("qa/fact[CallingCode]/calling-code", Scorers.Custom<string, Hop>("code", (expected, hop) => hop.Value == expected));

    /// <summary>The final scorer: an answer of <c>??</c> cannot be read, so it cannot be scored.</summary>
    public static readonly IScorer<string, string> Answer = Scorers.Custom<string, string>(
        "answer",
        (expected, actual) => actual == "??" ? Score.FromError("The answer '??' cannot be read.")
            : actual == expected ? Score.Pass()
            : Score.Fail($"expected {expected}, got {actual}"));

    /// <summary>The baseline's plants, by input: 3 passed (one right anyway), 2 gap, 1 sub-task incorrect, 1 wrong route, 1 task failed, 1 scoring failed.</summary>
    public static readonly Dictionary<string, Plant> Baseline = new()
    {
        ["pass-1"] = new(),
        ["pass-2"] = new(),
        ["lucky"] = new(CountryRight: false),
        ["gap-1"] = new(FinalRight: false),
        [ScriptInput] = new(FinalRight: false),
        ["subtask"] = new(CountryRight: false, FinalRight: false),
        ["route"] = new(RouteRight: false, FinalRight: false),
        ["crash"] = new(Throws: true),
        ["unreadable"] = new(Unreadable: true),
    };

    /// <summary>
    /// The candidate's plants: the two gap cases fixed, pass-2 broken (a gap), the wrong route right but its country
    /// wrong (moved to sub-task incorrect), the others as in the baseline: 4 passed, 1 gap of 4 cases with every sub-task right.
    /// </summary>
    public static readonly Dictionary<string, Plant> Candidate = new(Baseline)
    {
        ["gap-1"] = new(),
        [ScriptInput] = new(),
        ["pass-2"] = new(FinalRight: false),
        ["route"] = new(CountryRight: false, FinalRight: false),
    };

    /// <summary>The ids of the cases: the inputs, but the one holding a script, which is <c>gap-2</c>.</summary>
    public static string Id(string input) => input == ScriptInput ? "gap-2" : input;

    public static CompositionSet<string, string> Set { get; } = CompositionSet.Create(
        "capitals",
        Baseline.Keys.Select(input => new CompositionCase<string, string>(Id(input), input, "+254") { Category = input.StartsWith("pass", StringComparison.Ordinal) || input.StartsWith("gap", StringComparison.Ordinal) ? "easy" : "hard" }
            .Expect(Country, "Kenya")
            .Expect(Code, "+254")
            .ExpectRoute("qa/fact", Fact.CallingCode)));

    public static Flow<string, string> Qa(IReadOnlyDictionary<string, Plant> plants) => Flow.Define<string>("qa")
        .Then("country", (string input) => plants[input].Throws
            ? throw new InvalidOperationException($"No country for <{Id(input)}>.")
            : new Hop(input, plants[input].CountryRight ? "Kenya" : "Peru"))
        .Then(Flow.Branch<Hop, Fact, Hop>("fact")
            .DecideBy(hop => plants[hop.Input].RouteRight ? Fact.CallingCode : Fact.Currency)
            .Case(Fact.CallingCode, FlowTask.Create("calling-code", (Hop hop) => hop with { Value = hop.Value == "Kenya" ? "+254" : "+51" }))
            .Case(Fact.Currency, FlowTask.Create("currency", (Hop hop) => hop with { Value = "Kenyan shilling" }))
            .Build())
        .Then("answer", (Hop hop) => plants[hop.Input].Unreadable ? "??" : plants[hop.Input].FinalRight ? "+254" : "+1")
        .Build();

    public static CompositionOptions Options() => new() { Evaluation = { TimeProvider = new FakeTimeProvider(Start), MaxParallelism = 1 } };

    public static Task<CompositionAnalysis> AnalyseAsync() => CompositionAnalyzer.RunAsync(Qa(Baseline), Set, Answer, Options());

    public static Task<CompositionComparison> CompareAsync() => CompositionAnalyzer.CompareAsync(Set, Answer, "direct", Qa(Baseline), "decomposed", Qa(Candidate), Options());
}
