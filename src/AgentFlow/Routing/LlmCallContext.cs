namespace AgentFlow;

/// <summary>
/// Which node of which run is calling the model right now. Set by AgentFlow around each model call, so a chat client
/// or a delegating middleware (a test double, a cassette, a logger) can tell who is asking without parsing prompts.
/// </summary>
/// <remarks>Flows with the async call, like any <see cref="AsyncLocal{T}"/>; it is never sent to the model provider.</remarks>
public sealed class LlmCallContext
{
    private static readonly AsyncLocal<LlmCallContext?> CurrentContext = new();

    /// <summary>Initializes a new instance of the <see cref="LlmCallContext"/> class.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="nodePath">The run-time path of the calling node.</param>
    /// <param name="definitionPath">The definition path of the calling node.</param>
    /// <param name="purpose">What the call is for, such as <c>route-decision</c> or <c>loop-exit</c>.</param>
    public LlmCallContext(string runId, string nodePath, string definitionPath, string purpose)
    {
        RunId = runId;
        NodePath = nodePath;
        DefinitionPath = definitionPath;
        Purpose = purpose;
    }

    /// <summary>Gets the context of the model call in progress on this async flow, or <see langword="null"/> outside AgentFlow.</summary>
    public static LlmCallContext? Current => CurrentContext.Value;

    /// <summary>Gets the run id.</summary>
    public string RunId { get; }

    /// <summary>Gets the run-time path of the calling node (<c>support/refine#2</c>).</summary>
    public string NodePath { get; }

    /// <summary>Gets the definition path of the calling node (<c>support/refine</c>).</summary>
    public string DefinitionPath { get; }

    /// <summary>Gets what the call is for: <c>prompt</c>, <c>agent</c>, <c>judge</c>, <c>route-decision</c> or <c>loop-exit</c>.</summary>
    public string Purpose { get; }

    /// <summary>Makes <paramref name="context"/> current until the returned scope is disposed.</summary>
    internal static Scope Enter(LlmCallContext context)
    {
        var previous = CurrentContext.Value;
        CurrentContext.Value = context;
        return new Scope(previous);
    }

    internal readonly struct Scope(LlmCallContext? previous) : IDisposable
    {
        public void Dispose() => CurrentContext.Value = previous;
    }
}
