using Microsoft.Extensions.AI;

namespace AgentFlow;

/// <summary>A model to fall back to: a keyed <see cref="IChatClient"/> registration or a client instance, with an optional model id.</summary>
/// <remarks>Add targets to <see cref="ModelCallOptions.Fallbacks"/>; they are tried in order when the models before them keep failing.</remarks>
public sealed class ModelTarget
{
    private ModelTarget(IChatClient? client, string? key, string? modelId)
    {
        Client = client;
        Key = key;
        ModelId = modelId;
    }

    /// <summary>Gets the client instance, for a target made with <see cref="Of"/>.</summary>
    public IChatClient? Client { get; }

    /// <summary>Gets the service key of the keyed <see cref="IChatClient"/>, for a target made with <see cref="Keyed"/>.</summary>
    public string? Key { get; }

    /// <summary>Gets the model id to send; <see langword="null"/> sends the node's own <see cref="ModelCallOptions.ModelId"/>.</summary>
    public string? ModelId { get; }

    /// <summary>A target resolved from the run's services as the keyed <see cref="IChatClient"/> registered under <paramref name="key"/>.</summary>
    /// <param name="key">The service key, as given to <c>services.AddKeyedChatClient(key, ...)</c>.</param>
    /// <param name="modelId">The model id to send, or <see langword="null"/> for the node's own.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null or white space.</exception>
    public static ModelTarget Keyed(string key, string? modelId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return new ModelTarget(null, key, modelId);
    }

    /// <summary>A target that asks <paramref name="client"/>.</summary>
    /// <param name="client">The client.</param>
    /// <param name="modelId">The model id to send, or <see langword="null"/> for the node's own.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    public static ModelTarget Of(IChatClient client, string? modelId = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ModelTarget(client, null, modelId);
    }

    /// <inheritdoc />
    public override string ToString()
        => (Key is null ? "client" : $"'{Key}'") + (ModelId is null ? string.Empty : $" ({ModelId})");
}
