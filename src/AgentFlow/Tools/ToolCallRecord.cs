namespace AgentFlow;

/// <summary>One call of a tool: by an agent task's model, or by a tool task.</summary>
public sealed record ToolCallRecord
{
    /// <summary>Gets the run-time path of the node that made the call.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the tool's name, as the model called it.</summary>
    public required string ToolName { get; init; }

    /// <summary>Gets the id the model gave the call; <see langword="null"/> for a tool task, which has no model.</summary>
    public string? CallId { get; init; }

    /// <summary>Gets the round of tool calls the call belongs to, from 1 in each conversation of an agent task; 0 for a tool task.</summary>
    public required int Round { get; init; }

    /// <summary>Gets how long the tool ran; zero for a call that was refused before it ran.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Gets a value indicating whether the tool ran and returned a result.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>
    /// Gets why the call failed (a tool not allowed, arguments that do not bind, the message of what the tool threw),
    /// or <see langword="null"/> when it succeeded.
    /// </summary>
    public string? Error { get; init; }

    /// <summary>
    /// Gets the arguments of the call, only when the run has <see cref="RunOptions.EnableSensitiveData"/> on; otherwise
    /// <see langword="null"/>. Values are as the model sent them (usually <see cref="System.Text.Json.JsonElement"/>s).
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Arguments { get; init; }

    /// <summary>Gets what the tool returned, only when the run has <see cref="RunOptions.EnableSensitiveData"/> on; otherwise <see langword="null"/>.</summary>
    public object? Result { get; init; }
}
