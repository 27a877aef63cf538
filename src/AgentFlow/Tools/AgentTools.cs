using Microsoft.Extensions.AI;

namespace AgentFlow;

/// <summary>
/// An agent task's tools: the allow-list by name, the declarations sent to the model, the cap on rounds of calls and
/// what a failed call does. Immutable; each conversation (each sample) gets its own <see cref="ToolConversation"/>.
/// </summary>
internal sealed class AgentTools
{
    private readonly Dictionary<string, AIFunction> _byName;
    private readonly AITool[] _declarations;

    private AgentTools(AIFunction[] functions, int maxRounds, ToolErrorBehavior errors)
    {
        _byName = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);

        // Declarations only: a FunctionInvokingChatClient in the caller's pipeline passes calls to declarations back
        // instead of running them, so every call goes through the allow-list, the records and the caps here.
        _declarations = [.. functions.Select(f => f.AsDeclarationOnly())];
        Names = string.Join(", ", functions.Select(f => f.Name));
        MaxRounds = maxRounds;
        Errors = errors;
    }

    /// <summary>Gets the allowed tools' names, for messages.</summary>
    public string Names { get; }

    public int MaxRounds { get; }

    public ToolErrorBehavior Errors { get; }

    /// <summary>Gets the names of the tools, in the order they were given.</summary>
    public IReadOnlyList<string> ToolNames => [.. _byName.Keys];

    /// <summary>The tools of valid options, or <see langword="null"/> when there are none.</summary>
    public static AgentTools? From(PromptTaskOptions options)
    {
        var functions = options.Tools.OfType<AIFunction>().Where(f => f.GetService<ApprovalRequiredAIFunction>() is null).ToArray();
        return functions.Length == 0 || functions.Length != options.Tools.Count || functions.DistinctBy(f => f.Name, StringComparer.Ordinal).Count() != functions.Length
            ? null
            : new AgentTools(functions, options.MaxToolRounds, options.ToolErrors);
    }

    /// <summary>What is wrong with a task's tools, one message each.</summary>
    public static IEnumerable<string> Check(IList<AITool> tools, bool agent)
    {
        if (!agent)
        {
            if (tools.Count > 0)
            {
                yield return $"it has {tools.Count} tool(s), but a prompt task calls none. Use FlowTask.FromAgent for a task whose model may call tools.";
            }

            yield break;
        }

        if (tools.Count == 0)
        {
            yield return "it has no tools. Add the functions the model may call to options.Tools (or options.AddPlugin(plugin)), or use FlowTask.FromPrompt for a task without tools.";
            yield break;
        }

        for (var i = 0; i < tools.Count; i++)
        {
            switch (tools[i])
            {
                case null:
                    yield return $"tool #{i} is null.";
                    break;
                case AIFunction function when function.GetService<ApprovalRequiredAIFunction>() is not null:
                    yield return $"the tool '{function.Name}' requires approval, which agent tasks do not ask for. Give the function itself, not an ApprovalRequiredAIFunction.";
                    break;
                case AIFunction:
                    break;
                case AIFunctionDeclaration declaration:
                    yield return $"the tool '{declaration.Name}' is a declaration only, which cannot be called. Give an AIFunction that implements it.";
                    break;
                case var other:
                    yield return $"the tool '{other.Name}' is a {other.GetType().Name}, which AgentFlow cannot call (hosted tools run at the provider). "
                        + "Give AIFunctions (AIFunctionFactory.Create) or Semantic Kernel KernelFunctions.";
                    break;
            }
        }

        foreach (var group in tools.OfType<AITool>().GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"{group.Count()} tools are named '{group.Key}', so the model could not tell them apart. Give each a unique name.";
        }
    }

    /// <summary>Gets a copy of the declarations for one request's <see cref="ChatOptions.Tools"/>.</summary>
    public IList<AITool> Declarations() => [.. _declarations];

    /// <summary>Starts the tool loop of one conversation.</summary>
    public ToolConversation Start(ModelConversation conversation, string nodePath, RunContext run) => new(this, conversation, nodePath, run);

    /// <summary>The allowed tool with this name, or <see langword="null"/>.</summary>
    public AIFunction? Find(string name) => _byName.GetValueOrDefault(name);
}
