namespace AgentFlow;

/// <summary>Rules for node names and case labels, which become segments of node paths.</summary>
internal static class NodeNames
{
    public static void ThrowIfInvalid(string name, NodeKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValid(name))
        {
            throw new FlowDefinitionException(
                name,
                $"The {kind.ToString().ToLowerInvariant()} name '{name}' is not valid. Use a non-empty name of letters, digits, '-', '_' or '.', "
                + "such as 'classify-ticket'; it becomes a segment of node paths like 'support/route[billing]/refund'.");
        }
    }

    public static bool IsValid(string name)
    {
        if (name.Length is 0 or > 128)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
