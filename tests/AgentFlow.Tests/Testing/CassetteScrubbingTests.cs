using System.Text.RegularExpressions;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Testing;

/// <summary>Secrets never reach a cassette's file, in requests or responses, and replays still find their recordings.</summary>
public sealed partial class CassetteScrubbingTests
{
    private const string Configured = "hunter2-correct-horse";
    private const string OpenAiShaped = "sk-proj-abcdefghijklmnopqrstuvwxyz123456";
    private const string BearerToken = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string AwsShaped = "AKIAABCDEFGHIJKLMNOP";
    private const string Account = "acct-271828";
    private const string McpToken = "Token opaque-mcp-credential";

    [Test]
    public async Task Secrets_InPromptsOptionsToolsAndResponses_NeverReachTheFile_AndReplaysStillHit()
    {
        using var file = new TempCassette();
        var variable = "AGENTFLOW_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        var fromEnvironment = "env-secret-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, fromEnvironment);
        try
        {
            List<string> seen = [];
            var inner = new FakeChatClient
            {
                Respond = (messages, _) =>
                {
                    seen.AddRange(messages.Select(m => m.Text));
                    return new ChatResponse(new ChatMessage(ChatRole.Assistant,
                    [
                        new TextContent($"Logged in with {Configured} as {Account}."),
                        new FunctionCallContent("call_1", "call_api", new Dictionary<string, object?> { ["header"] = $"Bearer {BearerToken}", ["key"] = fromEnvironment }),
                    ]));
                },
            };
            ChatResponse recorded;
            using (var recorder = file.Client(CassetteMode.Record, inner, Configure(variable)))
            {
                recorded = await recorder.GetResponseAsync(Messages(fromEnvironment), Options());
            }

            var text = file.Text;
            Assert.That(new[] { Configured, OpenAiShaped, BearerToken, AwsShaped, Account, McpToken, fromEnvironment }.Where(text.Contains), Is.Empty, text);
            Assert.That(text, Does.Contain("Bearer [SCRUBBED]").And.Contain("\"api_key\": \"[SCRUBBED]\"").And.Contain("\"Authorization\": \"[SCRUBBED]\""));
            Assert.That(seen, Has.Some.Contains(Configured), "the model itself gets the real request");
            Assert.That(recorded.Text, Is.EqualTo("Logged in with [SCRUBBED] as [SCRUBBED]."), "recording returns what replays will");

            using var replayer = file.Client(CassetteMode.Replay, configure: Configure(variable));
            var replayed = await replayer.GetResponseAsync(Messages(fromEnvironment), Options());

            Assert.That(replayed.Text, Is.EqualTo("Logged in with [SCRUBBED] as [SCRUBBED]."));
            var call = replayed.Messages.Single().Contents.OfType<FunctionCallContent>().Single();
            Assert.That(call.Arguments!["header"]?.ToString(), Is.EqualTo("Bearer [SCRUBBED]"));
            Assert.That(call.Arguments["key"]?.ToString(), Is.EqualTo("[SCRUBBED]"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Test]
    public void Key_IsComputedOnTheScrubbedRequest()
    {
        using var file = new TempCassette();
        using var client = file.Client(CassetteMode.Replay, configure: o => o.Secrets.Add(Configured));

        Assert.That(
            client.ComputeKey([new ChatMessage(ChatRole.User, $"my password is {Configured}")]),
            Is.EqualTo(client.ComputeKey([new ChatMessage(ChatRole.User, "my password is [SCRUBBED]")])));
    }

    [Test]
    public async Task Secrets_InStreamedUpdates_NeverReachTheFile()
    {
        using var file = new TempCassette();
        var inner = new FakeChatClient
        {
            Stream = (_, _) => [new ChatResponseUpdate(ChatRole.Assistant, "The key is "), new ChatResponseUpdate(ChatRole.Assistant, OpenAiShaped)],
        };
        using (var recorder = file.Client(CassetteMode.Record, inner))
        {
            await foreach (var update in recorder.GetStreamingResponseAsync("What is the key?"))
            {
                Assert.That(update.Text, Does.Not.Contain(OpenAiShaped));
            }
        }

        Assert.That(file.Text, Does.Not.Contain(OpenAiShaped).And.Contain("[SCRUBBED]"));
    }

    [Test]
    public async Task CommonSecrets_CanBeLeftAlone()
    {
        using var file = new TempCassette();
        using (var recorder = file.Client(CassetteMode.Record, new FakeChatClient(), o => o.ScrubCommonSecrets = false))
        {
            await recorder.GetResponseAsync($"Is {OpenAiShaped} a key?");
        }

        Assert.That(file.Text, Does.Contain(OpenAiShaped));
    }

    [TestCase("Bearer abc", false, TestName = "CommonSecrets_LeaveAShortWordAfterBearer")]
    [TestCase("the task-oriented sk-learn", false, TestName = "CommonSecrets_LeaveWordsThatOnlyStartLikeKeys")]
    [TestCase("Authorization: Basic dXNlcjpwYXNzd29yZDEyMzQ1Ng==", true, TestName = "CommonSecrets_ReplaceBasicCredentials")]
    [TestCase("https://x.blob.example/f?sv=2024&sig=abc%2Bdef", true, TestName = "CommonSecrets_ReplaceASignatureInAQueryString")]
    [TestCase("https://maps.example/api?key=AIzaSyA1234567890abcdefghijklmnopqrstu", true, TestName = "CommonSecrets_ReplaceAGoogleKey")]
    [TestCase("token ghp_abcdefghijklmnopqrstuvwxyz0123456789", true, TestName = "CommonSecrets_ReplaceAGitHubToken")]
    [TestCase("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", true, TestName = "CommonSecrets_ReplaceAJsonWebToken")]
    public void CommonSecrets_AreRecognisedByShape(string text, bool scrubbed)
    {
        using var file = new TempCassette();
        using var scrubbing = file.Client(CassetteMode.Replay);
        using var plain = file.Client(CassetteMode.Replay, configure: o => o.ScrubCommonSecrets = false);
        List<ChatMessage> request = [new(ChatRole.User, text)];

        Assert.That(scrubbing.ComputeKey(request) != plain.ComputeKey(request), Is.EqualTo(scrubbed));
    }

    [Test]
    public void BadSecrets_FailWhenTheClientIsCreated_NamingTheEntry()
    {
        using var file = new TempCassette();

        var empty = Assert.Throws<ArgumentException>(() => file.Client(CassetteMode.Replay, configure: o => o.Secrets.Add(string.Empty)));
        var everywhere = Assert.Throws<ArgumentException>(() => file.Client(CassetteMode.Replay, configure: o => o.SecretPatterns.Add(AnyDigits())));
        var nameless = Assert.Throws<ArgumentException>(() => file.Client(CassetteMode.Replay, configure: o => o.SecretEnvironmentVariables.Add(" ")));

        Assert.That(empty!.Message, Does.Contain("Secrets[0] is empty"));
        Assert.That(everywhere!.Message, Does.Contain("SecretPatterns[0]").And.Contain("matches the empty string"));
        Assert.That(nameless!.Message, Does.Contain("SecretEnvironmentVariables[9]"));
    }

    private static Action<ReplayChatClientOptions> Configure(string variable) => options =>
    {
        options.Secrets.Add(Configured);
        options.SecretPatterns.Add(AccountNumber());
        options.SecretEnvironmentVariables.Add(variable);
    };

    private static List<ChatMessage> Messages(string fromEnvironment) =>
    [
        new(ChatRole.System, $"Use the password {Configured} for account {Account}."),
        new(ChatRole.Assistant, [new FunctionCallContent("call_0", "login", new Dictionary<string, object?> { ["secret"] = fromEnvironment })]),
        new(ChatRole.Tool, [new FunctionResultContent("call_0", new { aws = AwsShaped })]),
        new(ChatRole.User, "Call the API."),
    ];

    private static ChatOptions Options() => new()
    {
        AdditionalProperties = new() { ["api_key"] = OpenAiShaped },
        Tools = [new HostedMcpServerTool("billing", "https://mcp.example") { Headers = new Dictionary<string, string> { ["Authorization"] = McpToken } }],
    };

    [GeneratedRegex(@"acct-\d{6}")]
    private static partial Regex AccountNumber();

    [GeneratedRegex(@"\d*")]
    private static partial Regex AnyDigits();
}
