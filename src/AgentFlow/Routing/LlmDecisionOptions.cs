using Microsoft.Extensions.AI;

namespace AgentFlow;

/// <summary>How an LLM decision calls the model and how often it may correct an answer outside the declared cases.</summary>
public sealed class LlmDecisionOptions
{
    private int _maxCorrections = 2;
    private float _temperature;

    /// <summary>Gets or sets the chat client to ask.</summary>
    /// <value>
    /// Defaults to <see langword="null"/>: the keyed client named by <see cref="ModelKey"/>, else
    /// <see cref="RunOptions.ChatClient"/>, else the <see cref="IChatClient"/> registered in the run's services.
    /// </value>
    public IChatClient? ChatClient { get; set; }

    /// <summary>Gets or sets the service key of a keyed <see cref="IChatClient"/> registration to ask.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? ModelKey { get; set; }

    /// <summary>Gets or sets the model id sent with the request (<see cref="ChatOptions.ModelId"/>).</summary>
    /// <value>Defaults to <see langword="null"/>: the client's own default model.</value>
    public string? ModelId { get; set; }

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

    /// <summary>Gets or sets the sampling temperature.</summary>
    /// <value>Defaults to 0, so the same input gives the same decision wherever the model allows it. Allowed range: 0 to 2.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 2.</exception>
    public float Temperature
    {
        get => _temperature;
        set
        {
            if (value is < 0 or > 2 || float.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "LlmDecisionOptions.Temperature must be between 0 and 2.");
            }

            _temperature = value;
        }
    }

    internal LlmDecisionOptions Clone() => (LlmDecisionOptions)MemberwiseClone();
}
