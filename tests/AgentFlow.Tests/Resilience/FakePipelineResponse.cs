using System.ClientModel;
using System.ClientModel.Primitives;

namespace AgentFlow.Tests.Resilience;

/// <summary>An HTTP response as System.ClientModel clients (OpenAI, Azure) report it inside a <see cref="ClientResultException"/>.</summary>
internal sealed class FakePipelineResponse(int status, params (string Name, string Value)[] headers) : PipelineResponse
{
    private readonly FakeHeaders _headers = new(headers);

    public override int Status => status;

    public override string ReasonPhrase => status == 429 ? "Too Many Requests" : "Error";

    public override Stream? ContentStream { get; set; }

    public override BinaryData Content => BinaryData.FromString("{}");

    protected override PipelineResponseHeaders HeadersCore => _headers;

    public static ClientResultException Failure(int status, params (string Name, string Value)[] headers)
        => new($"HTTP {status}", new FakePipelineResponse(status, headers));

    public override BinaryData BufferContent(CancellationToken cancellationToken = default) => Content;

    public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Content);

    public override void Dispose()
    {
    }

    private sealed class FakeHeaders((string Name, string Value)[] headers) : PipelineResponseHeaders
    {
        public override IEnumerator<KeyValuePair<string, string>> GetEnumerator()
            => headers.Select(h => KeyValuePair.Create(h.Name, h.Value)).GetEnumerator();

        public override bool TryGetValue(string name, out string? value)
        {
            value = headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
            return value is not null;
        }

        public override bool TryGetValues(string name, out IEnumerable<string>? values)
        {
            values = headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToArray();
            return values.Any();
        }
    }
}
