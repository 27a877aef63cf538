using System.Text.Encodings.Web;
using System.Text.Json;

namespace CompositionalQA;

/// <summary>
/// A small knowledge base of countries, and the two-hop questions made from it: "What is the calling code of the
/// country whose capital is Nairobi?" needs the country of a capital first, then a fact about that country.
/// </summary>
public static class KnowledgeBase
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Gets the countries the questions are about.</summary>
    public static IReadOnlyList<Country> Countries { get; } =
    [
        new("Kenya", "Nairobi", "+254", "Kenyan shilling"),
        new("Japan", "Tokyo", "+81", "Japanese yen"),
        new("France", "Paris", "+33", "Euro"),
        new("Egypt", "Cairo", "+20", "Egyptian pound"),
        new("Argentina", "Buenos Aires", "+54", "Argentine peso"),
        new("Australia", "Canberra", "+61", "Australian dollar"),
        new("India", "New Delhi", "+91", "Indian rupee"),
        new("Norway", "Oslo", "+47", "Norwegian krone"),
        new("Peru", "Lima", "+51", "Peruvian sol"),
        new("Thailand", "Bangkok", "+66", "Thai baht"),
        new("Ghana", "Accra", "+233", "Ghanaian cedi"),
        new("Poland", "Warsaw", "+48", "Polish zloty"),
        new("Vietnam", "Hanoi", "+84", "Vietnamese dong"),
        new("Morocco", "Rabat", "+212", "Moroccan dirham"),
        new("Chile", "Santiago", "+56", "Chilean peso"),
        new("Turkey", "Ankara", "+90", "Turkish lira"),
        new("Indonesia", "Jakarta", "+62", "Indonesian rupiah"),
        new("Sweden", "Stockholm", "+46", "Swedish krona"),
        new("Ethiopia", "Addis Ababa", "+251", "Ethiopian birr"),
        new("Switzerland", "Bern", "+41", "Swiss franc"),
    ];

    /// <summary>The question asking for a fact about the country whose capital is given.</summary>
    /// <param name="capital">The capital.</param>
    /// <param name="fact">The fact.</param>
    /// <returns>The question.</returns>
    public static string Question(string capital, Fact fact)
        => fact == Fact.CallingCode
            ? $"What is the calling code of the country whose capital is {capital}?"
            : $"What is the currency of the country whose capital is {capital}?";

    /// <summary>The id of the question about a capital and a fact, such as <c>nairobi-calling-code</c>.</summary>
    /// <param name="capital">The capital.</param>
    /// <param name="fact">The fact.</param>
    /// <returns>The id.</returns>
    public static string Id(string capital, Fact fact)
        => $"{capital.ToLowerInvariant().Replace(' ', '-')}-{(fact == Fact.CallingCode ? "calling-code" : "currency")}";

    /// <summary>
    /// Writes one composition case per country and fact, as JSON Lines: the question, the expected answer, and what is
    /// expected of its sub-tasks (the country, the fact's value) and of its route (which fact is asked), by node path.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <returns>How many cases were written.</returns>
    public static int WriteCases(string path)
    {
        using var writer = new StreamWriter(path);
        var count = 0;
        foreach (var fact in Enum.GetValues<Fact>())
        {
            foreach (var country in Countries)
            {
                var line = new Dictionary<string, object>
                {
                    ["id"] = Id(country.Capital, fact),
                    ["input"] = Question(country.Capital, fact),
                    ["expected"] = country.Value(fact),
                    ["category"] = fact == Fact.CallingCode ? "calling-code" : "currency",
                    ["subtasks"] = new Dictionary<string, string>
                    {
                        [QaFlows.CountryPath] = country.Name,
                        [QaFlows.FactPath(fact)] = country.Value(fact),
                    },
                    ["routes"] = new Dictionary<string, string> { [QaFlows.RoutePath] = fact.ToString() },
                };
                writer.WriteLine(JsonSerializer.Serialize(line, Json));
                count++;
            }
        }

        return count;
    }
}
