using AgentFlow;

namespace CompositionalQA;

/// <summary>What the model is asked. Each prompt is versioned: an edit to its text changes its content hash.</summary>
public static class Prompts
{
    /// <summary>The first sub-question: which country the question is about.</summary>
    public static readonly Prompt Country = new(
        name: "country",
        version: "1",
        user: "{{$input}}\n\nFirst, which country does this question ask about? Give the country's name.",
        system: "You answer questions about the countries of the world.");

    /// <summary>The second sub-question, for the calling code.</summary>
    public static readonly Prompt CallingCode = new(
        name: "calling-code",
        version: "1",
        user: "What is the international calling code of {{$Country}}? Answer with the code only, such as +33.",
        system: "You answer questions about the countries of the world.");

    /// <summary>The second sub-question, for the currency.</summary>
    public static readonly Prompt Currency = new(
        name: "currency",
        version: "1",
        user: "What is the currency of {{$Country}}? Answer with the currency's name only, such as Euro.",
        system: "You answer questions about the countries of the world.");

    /// <summary>The answer from the sub-questions' answers.</summary>
    public static readonly Prompt Compose = new(
        name: "compose",
        version: "1",
        user: "Question: {{$Question}}\nThe country is {{$Country}}.\nFact found: {{$Value}}\n\nAnswer the question with the value only.",
        system: "You answer questions about the countries of the world from the facts you are given.");

    /// <summary>The answer from the question alone.</summary>
    public static readonly Prompt Direct = new(
        name: "direct",
        version: "1",
        user: "Question: {{$Question}}\n\nAnswer with the value only.",
        system: "You answer questions about the countries of the world.");

    /// <summary>Asks which fact the question is about, once the country is known.</summary>
    /// <param name="hop">The question and its country.</param>
    /// <returns>The prompt.</returns>
    public static string Route(CountryHop hop)
    {
        ArgumentNullException.ThrowIfNull(hop);
        return $"Question: {hop.Question}\nThe question is about {hop.Country}. Which fact about {hop.Country} does it ask for?";
    }
}
