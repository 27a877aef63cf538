using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace AgentFlow;

/// <summary>How a prompt task calls the model and how often it may repair a reply that does not validate.</summary>
public sealed class PromptTaskOptions
{
    private int _maxRepairs = 2;
    private float _temperature;
    private JsonSerializerOptions _serializerOptions = DefaultSerializerOptions;

    /// <summary>Gets the serializer options used when none are set: web defaults (camelCase) and enums as strings.</summary>
    public static JsonSerializerOptions DefaultSerializerOptions { get; } = CreateDefaults();

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

    /// <summary>Gets or sets the sampling temperature.</summary>
    /// <value>Defaults to 0. Allowed range: 0 to 2.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 2.</exception>
    public float Temperature
    {
        get => _temperature;
        set
        {
            if (value is < 0 or > 2 || float.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "PromptTaskOptions.Temperature must be between 0 and 2.");
            }

            _temperature = value;
        }
    }

    /// <summary>
    /// Gets or sets how many times a reply that does not parse or validate is sent back with the errors. Repairs are
    /// counted apart from transport retries.
    /// </summary>
    /// <value>Defaults to 2, so at most 3 model calls per run of the task. Allowed range: 0 to 10.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 10.</exception>
    public int MaxRepairs
    {
        get => _maxRepairs;
        set
        {
            if (value is < 0 or > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "PromptTaskOptions.MaxRepairs must be between 0 and 10.");
            }

            _maxRepairs = value;
        }
    }

    /// <summary>Gets or sets the serializer options for the output's JSON schema and for parsing replies.</summary>
    /// <value>Defaults to <see cref="DefaultSerializerOptions"/>.</value>
    public JsonSerializerOptions SerializerOptions
    {
        get => _serializerOptions;
        set => _serializerOptions = value ?? throw new ArgumentNullException(nameof(value));
    }

    internal PromptTaskOptions Clone() => (PromptTaskOptions)MemberwiseClone();

    private static JsonSerializerOptions CreateDefaults()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
