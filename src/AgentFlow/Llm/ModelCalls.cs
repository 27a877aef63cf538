using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFlow;

/// <summary>What every node that asks a model shares: finding its chat client, calling it as a node, reading JSON replies.</summary>
internal static class ModelCalls
{
    /// <summary>
    /// The node's own client, else the keyed client it names, else the run's client, else the run's registered
    /// <see cref="IChatClient"/>. A missing one is a configuration error naming the node; a failing factory is a
    /// failure of the node.
    /// </summary>
    public static IChatClient Resolve(IChatClient? own, string? key, string nodePath, string what, RunContext run)
    {
        try
        {
            return ResolveCore(own, key, nodePath, what, run);
        }
        catch (Exception ex) when (ex is not FlowRunException)
        {
            throw new FlowTaskException(nodePath, ex);
        }
    }

    /// <summary>The JSON object (or array) in a reply, tolerating a Markdown code fence or text around it.</summary>
    public static string? ExtractJson(string reply, bool array)
    {
        var (open, close) = array ? ('[', ']') : ('{', '}');
        var start = reply.IndexOf(open, StringComparison.Ordinal);
        var end = reply.LastIndexOf(close);
        return start >= 0 && end > start ? reply[start..(end + 1)] : null;
    }

    public static void AddUsage(ref UsageDetails? total, UsageDetails? usage)
    {
        if (usage is not null)
        {
            (total ??= new UsageDetails()).Add(usage);
        }
    }

    private static IChatClient ResolveCore(IChatClient? own, string? key, string nodePath, string what, RunContext run)
    {
        if (own is not null)
        {
            return own;
        }

        if (key is not null)
        {
            return run.Services?.GetKeyedService<IChatClient>(key)
                ?? throw new FlowConfigurationException(
                    nodePath,
                    $"{what} at '{nodePath}' asks for the chat client keyed '{key}', but none is registered"
                    + (run.Services is null ? " (the run has no services; set RunOptions.Services or run through FlowRunner)." : ". Register it with services.AddKeyedChatClient(\"" + key + "\", ...)."));
        }

        return run.ChatClient
            ?? run.Services?.GetService<IChatClient>()
            ?? throw new FlowConfigurationException(
                nodePath,
                $"{what} at '{nodePath}' has no chat client. Set RunOptions.ChatClient, register an IChatClient in the run's services, "
                + "or give it its own with options.ChatClient.");
    }
}
