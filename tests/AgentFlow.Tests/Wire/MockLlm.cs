using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;

namespace AgentFlow.Tests.Wire;

/// <summary>
/// The OpenAI-compatible mock server of the wire tests (tests/mock-llm, started by <c>tests/mock-llm/start.sh</c>), seen
/// from one test: chat clients built on the real OpenAI client, and the requests the server received from this test.
/// </summary>
/// <remarks>
/// Each instance has its own test id, sent as the <c>X-Test-Id</c> header of every request: the server keeps the state
/// of its stateful rules (<c>wire:rate-limited-once</c>, model <c>wire-fails-3-times</c>) per test id, and the requests
/// it logged are filtered by it, so tests do not depend on each other or on their order. The OpenAI client's own retries
/// are off, so that what retries is AgentFlow's.
/// </remarks>
internal sealed class MockLlm
{
    /// <summary>The base URL of the server's OpenAI-compatible API, e.g. <c>http://127.0.0.1:4010/v1</c>.</summary>
    public const string UrlVariable = "AGENTFLOW_MOCK_LLM_URL";

    /// <summary>The bearer token of the server's admin API (its request log), printed by start.sh with the URL.</summary>
    public const string AdminTokenVariable = "AGENTFLOW_MOCK_LLM_ADMIN_TOKEN";

    /// <summary>Set to 1 (as CI does) to fail, rather than ignore, the wire tests when the server is not configured.</summary>
    public const string RequireVariable = "AGENTFLOW_REQUIRE_MOCK_LLM";

    /// <summary>A model name with no rule of its own: the reply follows the prompt's marker.</summary>
    public const string DefaultModel = "wire-default";

    /// <summary>A model name whose every call fails with 500.</summary>
    public const string AlwaysFailingModel = "wire-always-500";

    /// <summary>A model name whose first 3 calls of each test fail with 500; later calls follow the prompt's marker.</summary>
    public const string ThriceFailingModel = "wire-fails-3-times";

    private const string HowToStart =
        "Start the mock server from the repository root with `eval \"$(tests/mock-llm/start.sh)\"` (it needs Node.js 20 or later) "
        + "and run the tests again from that shell; see tests/mock-llm/README.md.";

    private static readonly HttpClient Admin = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly string? _adminToken;

    private MockLlm(Uri baseUrl, string? adminToken)
    {
        BaseUrl = baseUrl;
        _adminToken = adminToken;
        var options = new OpenAIClientOptions
        {
            Endpoint = baseUrl,
            // The SDK would retry 429 and 5xx on its own: off, so that AgentFlow's resilience is what gets tested.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(10),
        };
        options.AddPolicy(new TestIdPolicy(TestId), PipelinePosition.PerCall);
        Client = new OpenAIClient(new ApiKeyCredential("wire-tests-need-no-key"), options);
    }

    /// <summary>Gets the base URL of the server's OpenAI-compatible API.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gets the id sent as <c>X-Test-Id</c> with every request of this instance.</summary>
    public string TestId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Gets the OpenAI client pointed at the server: no retries, a 10-second network timeout, the test id header.</summary>
    public OpenAIClient Client { get; }

    /// <summary>
    /// The server of <see cref="UrlVariable"/>, with a fresh test id. Without the variable the test is ignored with a
    /// message saying how to start the server, or fails when <see cref="RequireVariable"/> is 1.
    /// </summary>
    public static MockLlm Connect()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
            {
                Assert.Fail($"{RequireVariable}=1, but {UrlVariable} is not set. {HowToStart}");
            }

            Assert.Ignore($"The wire tests need the mock LLM server and {UrlVariable}. {HowToStart}");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl))
        {
            Assert.Fail($"{UrlVariable} is '{url}', not an absolute URL such as http://127.0.0.1:4010/v1. {HowToStart}");
        }

        return new MockLlm(baseUrl!, Environment.GetEnvironmentVariable(AdminTokenVariable));
    }

    /// <summary>An <see cref="IChatClient"/> over the real OpenAI chat client for <paramref name="model"/>.</summary>
    public IChatClient ChatClient(string model = DefaultModel) => Client.GetChatClient(model).AsIChatClient();

    /// <summary>
    /// How long a rate-limited call says to wait: the <c>Retry-After</c> header of the HTTP response behind the exception
    /// (seconds, or an HTTP date), or <see langword="null"/> when there is none. This is what a retry that honours
    /// Retry-After reads from the OpenAI client's <see cref="ClientResultException"/>.
    /// </summary>
    public static TimeSpan? RetryAfter(ClientResultException exception, TimeProvider? time = null)
    {
        if (exception.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var value) != true || value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return RetryConditionHeaderValue.TryParse(value, out var parsed) && parsed.Date is { } date
            ? date - (time ?? TimeProvider.System).GetUtcNow()
            : null;
    }

    /// <summary>
    /// The chat-completion requests the server logged for this test, oldest first, once there are at least
    /// <paramref name="atLeast"/> (the server logs a request when its response ends, a moment after the client has it);
    /// after 5 seconds, whatever there is.
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> ReceivedAsync(int atLeast, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_adminToken))
        {
            Assert.Fail($"{AdminTokenVariable} is not set: it is printed by tests/mock-llm/start.sh with {UrlVariable}, for reading the server's request log.");
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var received = await ReadLogAsync(cancellationToken);
            if (received.Count >= atLeast || DateTime.UtcNow >= deadline)
            {
                return received;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<JsonElement>> ReadLogAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, "/mockoon-admin/logs?limit=1000"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
        using var response = await Admin.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var log = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return
        [
            .. log.RootElement.EnumerateArray()
                .Select(entry => entry.GetProperty("request"))
                .Where(r => r.GetProperty("urlPath").GetString() == "/v1/chat/completions"
                    && r.GetProperty("headers").EnumerateArray().Any(h =>
                        string.Equals(h.GetProperty("key").GetString(), "x-test-id", StringComparison.OrdinalIgnoreCase)
                        && h.GetProperty("value").GetString() == TestId))
                .Select(r => JsonDocument.Parse(r.GetProperty("body").GetString()!).RootElement.Clone()),
        ];
    }

    /// <summary>Adds the test id to every request.</summary>
    private sealed class TestIdPolicy(string testId) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set("X-Test-Id", testId);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set("X-Test-Id", testId);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }
    }
}
