using AgentFlow.Evaluation;

namespace CompositionalQA;

/// <summary>
/// The mistakes the scripted model makes, chosen here so that the numbers the analysis should find are known. The
/// analysis knows nothing of this list: it measures what the runs did, and the program checks that it found these.
/// </summary>
public static class PlantedErrors
{
    /// <summary>The capital whose country the model never names in valid JSON: those questions' runs fail.</summary>
    public const string UnparseableCountry = "Hanoi";

    /// <summary>Capitals the model puts in the wrong country.</summary>
    public static IReadOnlyDictionary<string, string> WrongCountries { get; } = new Dictionary<string, string>
    {
        ["Canberra"] = "New Zealand",
        ["Rabat"] = "Algeria",
    };

    /// <summary>Questions whose fact the model misreads at the route: it asks for the other fact.</summary>
    public static IReadOnlySet<(string Capital, Fact Fact)> WrongRoutes { get; } = new HashSet<(string, Fact)> { ("Lima", Fact.Currency) };

    /// <summary>Facts the model gets wrong when asked the second sub-question, by country.</summary>
    public static IReadOnlyDictionary<(string Country, Fact Fact), string> WrongFacts { get; } = new Dictionary<(string, Fact), string>
    {
        [("Ghana", Fact.CallingCode)] = "+234",
        [("Switzerland", Fact.Currency)] = "Euro",
    };

    /// <summary>Questions the model answers wrongly when asked directly, although it answers their sub-questions right.</summary>
    public static IReadOnlyDictionary<(string Capital, Fact Fact), string> WrongDirectAnswers { get; } = new Dictionary<(string, Fact), string>
    {
        [("Nairobi", Fact.CallingCode)] = "+255",
        [("Paris", Fact.CallingCode)] = "+32",
        [("Cairo", Fact.Currency)] = "Sudanese pound",
        [("Buenos Aires", Fact.CallingCode)] = "+56",
        [("New Delhi", Fact.Currency)] = "Pakistani rupee",
        [("Oslo", Fact.CallingCode)] = "+45",
        [("Bangkok", Fact.CallingCode)] = "+856",
        [("Warsaw", Fact.Currency)] = "Euro",
        [("Santiago", Fact.CallingCode)] = "+54",
        [("Ankara", Fact.Currency)] = "Euro",
        [("Stockholm", Fact.CallingCode)] = "+47",
        [("Addis Ababa", Fact.Currency)] = "Kenyan shilling",
    };

    /// <summary>Questions the model answers rightly when asked directly, although one of its sub-answers is wrong.</summary>
    public static IReadOnlySet<(string Capital, Fact Fact)> LuckyDirectAnswers { get; } = new HashSet<(string, Fact)> { ("Bern", Fact.Currency) };

    /// <summary>Questions whose answer the model composes wrongly from right facts.</summary>
    public static IReadOnlyDictionary<(string Capital, Fact Fact), string> WrongComposedAnswers { get; } = new Dictionary<(string, Fact), string>
    {
        [("Jakarta", Fact.CallingCode)] = "+65",
        [("Oslo", Fact.Currency)] = "Swedish krona",
    };

    /// <summary>Gets what the model knows of countries the questions are not about, for the facts it asks of a wrong country.</summary>
    public static IReadOnlyList<Country> OtherCountries { get; } =
    [
        new("New Zealand", "Wellington", "+64", "New Zealand dollar"),
        new("Algeria", "Algiers", "+213", "Algerian dinar"),
    ];

    /// <summary>The class each question should end in, for one flow, from the plants above alone.</summary>
    /// <param name="decomposed">Whether the flow composes its answer from the sub-answers (else it answers directly).</param>
    /// <returns>The expected class of each case, by id.</returns>
    public static IReadOnlyDictionary<string, CompositionOutcome> Outcomes(bool decomposed)
    {
        var outcomes = new Dictionary<string, CompositionOutcome>();
        foreach (var fact in Enum.GetValues<Fact>())
        {
            foreach (var country in KnowledgeBase.Countries)
            {
                var question = (country.Capital, fact);
                var wrongRoute = WrongRoutes.Contains(question);
                var wrongSubTask = WrongCountries.ContainsKey(country.Capital) || WrongFacts.ContainsKey((country.Name, fact));
                var finalRight = decomposed
                    ? !wrongRoute && !wrongSubTask && !WrongComposedAnswers.ContainsKey(question)
                    : LuckyDirectAnswers.Contains(question) || (!wrongRoute && !wrongSubTask && !WrongDirectAnswers.ContainsKey(question));
                outcomes[KnowledgeBase.Id(country.Capital, fact)] =
                    country.Capital == UnparseableCountry ? CompositionOutcome.TaskFailed
                    : finalRight ? CompositionOutcome.Passed
                    : wrongRoute ? CompositionOutcome.WrongRoute
                    : wrongSubTask ? CompositionOutcome.SubTaskIncorrect
                    : CompositionOutcome.CompositionGap;
            }
        }

        return outcomes;
    }
}
