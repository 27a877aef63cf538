namespace AgentFlow;

/// <summary>Runs a function a user gave a node (a selector, a predicate, a prompt, a join, a condition, a cap fallback).</summary>
internal static class UserCode
{
    /// <summary>Calls <paramref name="function"/>; whatever it throws fails the node at <paramref name="nodePath"/>, with the original as inner exception.</summary>
    public static TResult Run<TArg, TResult>(Func<TArg, TResult> function, TArg argument, string nodePath)
    {
        try
        {
            return function(argument);
        }
        catch (Exception ex)
        {
            throw new FlowTaskException(nodePath, ex);
        }
    }
}
