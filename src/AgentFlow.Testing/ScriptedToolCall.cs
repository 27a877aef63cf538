namespace AgentFlow.Testing;

/// <summary>One tool call in a scripted reply (see <see cref="ScriptedReply.ToolCalls"/>).</summary>
/// <param name="ToolName">The tool's name, as the model would call it.</param>
/// <param name="Arguments">
/// The arguments: an object or dictionary whose JSON (web defaults: camelCase) is an object, as a provider would send
/// them; <see langword="null"/> for none.
/// </param>
/// <param name="CallId">The call's id; <see langword="null"/> for <c>call-{request index}-{position}</c>.</param>
public sealed record ScriptedToolCall(string ToolName, object? Arguments = null, string? CallId = null);
