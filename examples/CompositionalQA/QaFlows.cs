using AgentFlow;
using AgentFlow.Evaluation;

namespace CompositionalQA;

/// <summary>
/// The two flows compared, both named <c>qa</c> so that the sub-tasks they share have the same paths:
/// <list type="bullet">
/// <item><b>direct</b>: one prompt task answers the question from the question alone (<c>qa/answer</c>). The
/// sub-questions are asked alongside, and their answers are not shown to it: they are there to be checked, as Press et
/// al. checked a model's sub-answers apart from its answer to the whole question.</item>
/// <item><b>decomposed</b>: the same sub-questions, and a prompt task that composes the answer from their answers
/// (<c>qa/compose</c>).</item>
/// </list>
/// The sub-questions: <c>qa/country</c> asks which country has the capital; the route <c>qa/fact</c>, decided by the
/// model, chooses which fact the question asks for; <c>qa/fact[CallingCode]/calling-code</c> or
/// <c>qa/fact[Currency]/currency</c> asks that fact of the country.
/// </summary>
public static class QaFlows
{
    /// <summary>The path of the first sub-question: which country the question is about.</summary>
    public const string CountryPath = "qa/country";

    /// <summary>The path of the route that chooses the fact to ask for.</summary>
    public const string RoutePath = "qa/fact";

    /// <summary>The sub-tasks a case can check, each with its scorer.</summary>
    public static IReadOnlyList<SubTask> SubTasks { get; } =
    [
        SubTask.At(CountryPath, Scorers.Custom<string, CountryHop>("country", (expected, hop) => Answers.Score(expected, hop.Country))),
        SubTask.At(FactPath(Fact.CallingCode), Scorers.Custom<string, FactHop>("fact", (expected, hop) => Answers.Score(expected, hop.Value))),
        SubTask.At(FactPath(Fact.Currency), Scorers.Custom<string, FactHop>("fact", (expected, hop) => Answers.Score(expected, hop.Value))),
    ];

    /// <summary>The path of the second sub-question, in the route's case for <paramref name="fact"/>.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>The path, such as <c>qa/fact[CallingCode]/calling-code</c>.</returns>
    public static string FactPath(Fact fact) => fact == Fact.CallingCode ? "qa/fact[CallingCode]/calling-code" : "qa/fact[Currency]/currency";

    /// <summary>Builds the flow that answers directly.</summary>
    /// <returns>The flow.</returns>
    public static Flow<string, string> Direct() => SubQuestions().Then(FlowTask.FromPrompt<FactHop, string>("answer", Prompts.Direct)).Build();

    /// <summary>Builds the flow that composes its answer from the sub-questions' answers.</summary>
    /// <returns>The flow.</returns>
    public static Flow<string, string> Decomposed() => SubQuestions().Then(FlowTask.FromPrompt<FactHop, string>("compose", Prompts.Compose)).Build();

    /// <summary>The sub-questions; each parallel keeps the question next to the model's answer.</summary>
    private static FlowBuilder<string, FactHop> SubQuestions() => Flow.Define<string>("qa")
        .Then(Flow.Parallel(
            "country",
            FlowTask.Create("question", (string question) => question),
            FlowTask.FromPrompt<string, CountryAnswer>("ask", Prompts.Country),
            (question, answer) => new CountryHop(question, answer.Country.Trim())))
        .Then(Flow.Branch<CountryHop, Fact, FactHop>("fact")
            .DecideByLlm(Prompts.Route)
            .Case(Fact.CallingCode, Ask("calling-code", Fact.CallingCode, Prompts.CallingCode))
            .Case(Fact.Currency, Ask("currency", Fact.Currency, Prompts.Currency))
            .Build());

    private static FlowTask<CountryHop, FactHop> Ask(string name, Fact fact, Prompt prompt)
        => Flow.Parallel(
            name,
            FlowTask.Create("hop", (CountryHop hop) => hop),
            FlowTask.FromPrompt<CountryHop, string>("ask", prompt),
            (hop, value) => new FactHop(hop.Question, hop.Country, fact, value.Trim()));
}
