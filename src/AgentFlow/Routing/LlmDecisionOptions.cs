using Microsoft.Extensions.AI;

namespace AgentFlow;

/// <summary>How an LLM decision calls the model and how often it may correct an answer outside the declared cases.</summary>
public sealed class LlmDecisionOptions : ModelCallOptions
{
    private int _maxCorrections = 2;

    /// <summary>Gets or sets extra instructions appended to the system message, such as how to weigh the cases.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? Instructions { get; set; }

    /// <summary>Gets or sets how many times an answer outside the declared cases is sent back with a correction.</summary>
    /// <value>Defaults to 2, so at most 3 model calls per decision. Allowed range: 0 to 10.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 10.</exception>
    public int MaxCorrections
    {
        get => _maxCorrections;
        set
        {
            if (value is < 0 or > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "LlmDecisionOptions.MaxCorrections must be between 0 and 10.");
            }

            _maxCorrections = value;
        }
    }

    internal LlmDecisionOptions Clone()
    {
        var clone = (LlmDecisionOptions)MemberwiseClone();
        clone.DetachLists();
        return clone;
    }
}
