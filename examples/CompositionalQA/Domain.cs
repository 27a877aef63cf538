using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace CompositionalQA;

/// <summary>A country of the knowledge base, with the facts the questions ask about.</summary>
/// <param name="Name">The country's name.</param>
/// <param name="Capital">Its capital.</param>
/// <param name="CallingCode">Its international calling code, such as +254.</param>
/// <param name="Currency">The name of its currency.</param>
public sealed record Country(string Name, string Capital, string CallingCode, string Currency)
{
    /// <summary>Gets the value of a fact about the country.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>The value.</returns>
    public string Value(Fact fact) => fact == Fact.CallingCode ? CallingCode : Currency;
}

/// <summary>The facts a question can ask about the country it names by its capital: the cases of the route.</summary>
public enum Fact
{
    /// <summary>The international calling code.</summary>
    [Description("The country's international telephone calling code, such as +33.")]
    CallingCode,

    /// <summary>The currency.</summary>
    [Description("The currency the country uses, such as the euro.")]
    Currency,
}

/// <summary>What the model answers to the first sub-question, validated: a country's name.</summary>
/// <param name="Country">The country's name.</param>
public sealed record CountryAnswer([property: Required, MinLength(2)] string Country);

/// <summary>The question with the answer to its first sub-question: which country it is about.</summary>
/// <param name="Question">The question.</param>
/// <param name="Country">The country, as the model named it.</param>
public sealed record CountryHop(string Question, string Country);

/// <summary>The question with the answers to both sub-questions.</summary>
/// <param name="Question">The question.</param>
/// <param name="Country">The country, as the model named it.</param>
/// <param name="Fact">The fact the second sub-question asked.</param>
/// <param name="Value">The fact's value, as the model gave it.</param>
public sealed record FactHop(string Question, string Country, Fact Fact, string Value);
