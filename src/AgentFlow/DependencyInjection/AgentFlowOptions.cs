namespace AgentFlow;

/// <summary>Defaults for runs started through <see cref="FlowRunner"/>.</summary>
public sealed class AgentFlowOptions
{
    /// <summary>Gets or sets a value indicating whether every node's start, end, duration and status is recorded.</summary>
    /// <value>Defaults to <see langword="true"/>. See <see cref="RunOptions.RecordNodes"/>.</value>
    public bool RecordNodes { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether prompts and model replies may be logged, at Trace level only.</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    /// <remarks>Prompts and replies may hold personal data or secrets: enable this only where such logs are protected.</remarks>
    public bool EnableSensitiveData { get; set; }
}
