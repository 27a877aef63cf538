namespace AgentFlow;

/// <summary>An agent task's model kept calling tools past <see cref="PromptTaskOptions.MaxToolRounds"/> rounds without giving its answer.</summary>
public sealed class ToolRoundsExceededException : FlowRunException
{
    internal ToolRoundsExceededException(string nodePath, int maxToolRounds)
        : base(
            nodePath,
            $"Agent task '{nodePath}' made {maxToolRounds} round(s) of tool calls and asked for another without giving its answer. "
            + "Raise MaxToolRounds, make the prompt say when the model has enough to answer, or give it tools that return what it needs in fewer calls.")
    {
        MaxToolRounds = maxToolRounds;
    }

    /// <summary>Gets the task's cap on rounds of tool calls.</summary>
    public int MaxToolRounds { get; }
}
