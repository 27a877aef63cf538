using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace CompositionalQA;

/// <summary>
/// A stand-in for a real model, so the example runs offline and gives the same answers every time. It answers each
/// node's question from the knowledge base, except for the mistakes planted in <see cref="PlantedErrors"/>.
/// </summary>
public static class ScriptedQaModel
{
    /// <summary>The model id the scripted model reports.</summary>
    public const string ModelId = "scripted-qa-model";

    private static readonly IReadOnlyList<Country> Known = [.. KnowledgeBase.Countries, .. PlantedErrors.OtherCountries];

    /// <summary>Creates the scripted chat client.</summary>
    /// <returns>The client; it also records every request it receives.</returns>
    public static ScriptedChatClient Create() => new ScriptedChatClient(ModelId)
        .WhenNode("qa/country/ask", Country)
        .WhenNode(QaFlows.RoutePath, Route)
        .WhenNode("qa/fact[CallingCode]/calling-code/ask", r => FactOf(r, Fact.CallingCode))
        .WhenNode("qa/fact[Currency]/currency/ask", r => FactOf(r, Fact.Currency))
        .WhenNode("qa/compose", Compose)
        .WhenNode("qa/answer", Direct);

    private static ScriptedReply Country(ScriptedRequest request)
    {
        var (country, _) = Question(request);
        if (country.Capital == PlantedErrors.UnparseableCountry)
        {
            // Every attempt, repairs included: the prompt task gives up, and the run fails at this node.
            return "It is probably the country on the Red River delta.";
        }

        return ScriptedReply.Json(new { country = PlantedErrors.WrongCountries.GetValueOrDefault(country.Capital) ?? country.Name });
    }

    private static ScriptedReply Route(ScriptedRequest request)
    {
        var (country, fact) = Question(request);
        var chosen = PlantedErrors.WrongRoutes.Contains((country.Capital, fact)) ? Other(fact) : fact;
        return ScriptedReply.Choice(chosen.ToString(), $"The question asks for the {(chosen == Fact.CallingCode ? "calling code" : "currency")}.", 0.9);
    }

    private static ScriptedReply FactOf(ScriptedRequest request, Fact fact)
    {
        var prompt = UserText(request);
        var country = Known.Where(c => prompt.Contains($" of {c.Name}?", StringComparison.Ordinal)).Single();
        return PlantedErrors.WrongFacts.GetValueOrDefault((country.Name, fact)) ?? country.Value(fact);
    }

    private static ScriptedReply Compose(ScriptedRequest request)
    {
        var (country, fact) = Question(request);
        var prompt = UserText(request);
        var found = prompt.Split('\n').Single(l => l.StartsWith("Fact found: ", StringComparison.Ordinal))["Fact found: ".Length..];
        return PlantedErrors.WrongComposedAnswers.GetValueOrDefault((country.Capital, fact)) ?? found;
    }

    private static ScriptedReply Direct(ScriptedRequest request)
    {
        var (country, fact) = Question(request);
        var question = (country.Capital, fact);
        if (PlantedErrors.WrongDirectAnswers.TryGetValue(question, out var wrong))
        {
            return wrong;
        }

        // Where the model gets a sub-question wrong, it gets the whole question wrong too, unless planted otherwise.
        var knowsAll = !PlantedErrors.WrongCountries.ContainsKey(country.Capital) && !PlantedErrors.WrongFacts.ContainsKey((country.Name, fact))
            && !PlantedErrors.WrongRoutes.Contains(question);
        return knowsAll || PlantedErrors.LuckyDirectAnswers.Contains(question)
            ? country.Value(fact)
            : country.Value(Other(fact));
    }

    /// <summary>The country (by its capital) and the fact a request's question is about.</summary>
    private static (Country Country, Fact Fact) Question(ScriptedRequest request)
    {
        var text = UserText(request);
        var country = KnowledgeBase.Countries.Single(c => text.Contains($"whose capital is {c.Capital}?", StringComparison.Ordinal));
        return (country, text.Contains("calling code of the country", StringComparison.Ordinal) ? Fact.CallingCode : Fact.Currency);
    }

    /// <summary>The first user message: after a rejected reply, the last one is the correction.</summary>
    private static string UserText(ScriptedRequest request) => request.Messages.First(m => m.Role == ChatRole.User).Text;

    private static Fact Other(Fact fact) => fact == Fact.CallingCode ? Fact.Currency : Fact.CallingCode;
}
