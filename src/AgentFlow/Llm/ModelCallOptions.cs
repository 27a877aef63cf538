using Microsoft.Extensions.AI;

namespace AgentFlow;

/// <summary>Which model a node asks and how: shared by <see cref="PromptTaskOptions"/> and <see cref="LlmDecisionOptions"/>.</summary>
public abstract class ModelCallOptions
{
    private float _temperature;
    private List<ModelTarget> _fallbacks = [];

    private protected ModelCallOptions()
    {
    }

    /// <summary>Gets or sets the chat client to ask.</summary>
    /// <value>
    /// Defaults to <see langword="null"/>: the keyed client named by <see cref="ModelKey"/>, else
    /// <see cref="RunOptions.ChatClient"/>, else the <see cref="IChatClient"/> registered in the run's services.
    /// Set this or <see cref="ModelKey"/>, not both.
    /// </value>
    public IChatClient? ChatClient { get; set; }

    /// <summary>Gets or sets the service key of a keyed <see cref="IChatClient"/> registration to ask.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? ModelKey { get; set; }

    /// <summary>Gets or sets the model id sent with the request (<see cref="ChatOptions.ModelId"/>).</summary>
    /// <value>Defaults to <see langword="null"/>: the client's own default model.</value>
    public string? ModelId { get; set; }

    /// <summary>Gets or sets the sampling temperature.</summary>
    /// <value>Defaults to 0, so the same input gives the same reply wherever the model allows it. Allowed range: 0 to 2.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 2.</exception>
    public float Temperature
    {
        get => _temperature;
        set
        {
            if (value is < 0 or > 2 || float.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{GetType().Name}.Temperature must be between 0 and 2.");
            }

            _temperature = value;
        }
    }

    /// <summary>
    /// Gets the models to ask, in order, when the ones before keep failing: after a transient failure has used up its
    /// retries, or while a model's circuit is open. Failures that are not transient (a bad request, say) are not
    /// passed on.
    /// </summary>
    /// <value>Empty by default. Keyed targets are resolved when the node starts, so a missing one fails it before any call.</value>
    public IList<ModelTarget> Fallbacks => _fallbacks;

    /// <summary>Gets or sets how this node's model calls are retried, timed out and guarded by a circuit breaker.</summary>
    /// <value>
    /// Defaults to <see langword="null"/>: <see cref="RunOptions.Resilience"/>, else
    /// <see cref="ModelResilienceOptions.Default"/>.
    /// </value>
    public ModelResilienceOptions? Resilience { get; set; }

    /// <summary>Gives a clone (made with <c>MemberwiseClone</c>) lists of its own, so later edits of the original do not reach a built node.</summary>
    private protected void DetachLists() => _fallbacks = [.. _fallbacks];

    /// <summary>The definition error of options that name two clients or hold a null fallback, or <see langword="null"/>.</summary>
    internal string? ClientConflict()
        => ChatClient is not null && ModelKey is not null
            ? "both ChatClient and ModelKey are set. Set one: the client to ask, or the key of a registered one."
            : Fallbacks.Contains(null!)
                ? "Fallbacks holds a null target. Add ModelTarget.Keyed(key) or ModelTarget.Of(client)."
                : null;
}
