using System.ClientModel;
using System.Runtime.CompilerServices;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;
using OpenAI;

namespace HelpDesk.Tests;

/// <summary>
/// The models these tests use. They replay cassettes (cassettes/*.json, beside this file), so they run offline and
/// give the same result every time. To record anew, delete the cassette and run the tests with
/// AGENTFLOW_CASSETTE_MODE=auto (several tests share one cassette, and auto adds each test's exchanges to it, where
/// record would start the file again for each): with OPENAI_API_KEY set they record a real model; without it, the
/// scripted stand-in.
/// </summary>
internal static class Models
{
    /// <summary>A client that replays <c>cassettes/{name}.json</c>, and records it with <see cref="Recorder"/> when asked to.</summary>
    public static ReplayChatClient Replay(string name, [CallerFilePath] string sourceFile = "")
        => new(Cassette.OpenBesideSource($"cassettes/{name}.json", sourceFile), Recorder());

    /// <summary>The model to record with: a real one when OPENAI_API_KEY is set, else the scripted stand-in.</summary>
    private static IChatClient Recorder()
    {
        var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        if (string.IsNullOrEmpty(key))
        {
            return StandInModel.Create();
        }

        var options = new OpenAIClientOptions();
        if (Environment.GetEnvironmentVariable("OPENAI_BASE_URL") is { Length: > 0 } url)
        {
            options.Endpoint = new Uri(url);
        }

        return new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient(HelpDesk.HelpDeskTasks.ModelId).AsIChatClient();
    }
}
