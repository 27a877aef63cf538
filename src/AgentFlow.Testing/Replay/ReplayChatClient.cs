using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentFlow.Testing;

/// <summary>
/// An <see cref="IChatClient"/> that records the exchanges of an inner client into a <see cref="Cassette"/> and replays
/// them, so a test that once ran against a real model runs offline and deterministically afterwards, in CI too.
/// </summary>
/// <remarks>
/// <para>
/// A request is found in the cassette by its key (see <see cref="ComputeKey"/>): the SHA-256 of the canonical form of
/// its model id, messages, options and tools, secrets scrubbed. In <see cref="CassetteMode.Replay"/> a request with no
/// recording left fails with a <see cref="CassetteMissException"/> that shows the closest recording and what differs.
/// Failed calls are not recorded: the inner client's exception reaches the caller, and the next run calls again.
/// </para>
/// <para>
/// In <see cref="CassetteMode.Record"/> and <see cref="CassetteMode.Auto"/>, the caller receives the response as it is
/// stored (secrets scrubbed, read back from its JSON), so the recording run sees exactly what later replays will. A
/// streamed response is recorded chunk by chunk and replayed chunk by chunk; a non-streaming request can replay a
/// streamed recording (merged), and a streaming one a whole response (split into updates). A streamed response is
/// recorded only once it has been read to the end.
/// </para>
/// <para>Thread-safe. Disposing the client does not dispose the inner client, which tests usually share.</para>
/// </remarks>
/// <example>
/// <code>
/// var cassette = Cassette.OpenBesideSource("Cassettes/triage.json");
/// using var model = new ReplayChatClient(cassette); // replays; AGENTFLOW_CASSETTE_MODE=record re-records with an inner client
/// var result = await triage.RunAsync(ticket, new RunOptions { ChatClient = model });
/// </code>
/// </example>
public sealed partial class ReplayChatClient : IChatClient
{
    /// <summary>What a scrubbed secret is replaced with.</summary>
    public const string ScrubbedPlaceholder = "[SCRUBBED]";

    private readonly SecretScrubber _scrubber;
    private readonly string? _modeVariable;
    private readonly bool _modeFromVariable;
    private readonly ChatClientMetadata _metadata = new(nameof(ReplayChatClient));
    private int _disposed;

    /// <summary>Initializes a new instance of the <see cref="ReplayChatClient"/> class.</summary>
    /// <param name="cassette">The cassette to replay from and record into.</param>
    /// <param name="innerClient">The model to record; needed in <see cref="CassetteMode.Record"/> and <see cref="CassetteMode.Auto"/>, never called in <see cref="CassetteMode.Replay"/>.</param>
    /// <param name="options">The mode and the secrets to scrub; <see langword="null"/> replays, overridable by <c>AGENTFLOW_CASSETTE_MODE</c>.</param>
    /// <exception cref="ArgumentException">The mode records but there is no inner client, or a secret or pattern is invalid.</exception>
    /// <exception cref="InvalidOperationException">The mode's environment variable holds something other than <c>record</c>, <c>replay</c> or <c>auto</c>.</exception>
    public ReplayChatClient(Cassette cassette, IChatClient? innerClient = null, ReplayChatClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cassette);
        options ??= new ReplayChatClientOptions();
        Cassette = cassette;
        InnerClient = innerClient;
        _modeVariable = string.IsNullOrWhiteSpace(options.ModeEnvironmentVariable) ? null : options.ModeEnvironmentVariable;
        (Mode, _modeFromVariable) = ResolveMode(options.Mode, _modeVariable);
        if (Mode != CassetteMode.Replay && innerClient is null)
        {
            throw new ArgumentException(
                $"Cassette mode {Mode} (from {(_modeFromVariable ? $"the environment variable {_modeVariable}" : "ReplayChatClientOptions.Mode")}) "
                + $"calls a model to record {cassette.FilePath}, but no inner client was given. Pass the model to record as innerClient, or replay (CassetteMode.Replay).",
                nameof(innerClient));
        }

        _scrubber = SecretScrubber.Create(options);
        if (Mode == CassetteMode.Record)
        {
            cassette.StartRecording();
        }
    }

    /// <summary>Gets the cassette.</summary>
    public Cassette Cassette { get; }

    /// <summary>Gets the mode in effect: <see cref="ReplayChatClientOptions.Mode"/>, or the environment variable's when it is set.</summary>
    public CassetteMode Mode { get; }

    /// <summary>Gets the model recorded, or <see langword="null"/> when the client only replays.</summary>
    public IChatClient? InnerClient { get; }

    /// <summary>
    /// Computes the key a request is recorded and found under: the SHA-256, in lowercase hex, of the canonical JSON of
    /// the request with its secrets scrubbed.
    /// </summary>
    /// <param name="messages">The messages.</param>
    /// <param name="options">The options.</param>
    /// <returns>The key.</returns>
    /// <remarks>
    /// <para>The canonical request has four parts, all of which count:</para>
    /// <list type="bullet">
    /// <item><c>model</c>: <see cref="ChatOptions.ModelId"/> (a client's default model is not seen: name the model in the options to key on it);</item>
    /// <item><c>messages</c>: each message's role, author name, additional properties and contents (text, reasoning,
    /// function calls with their call id, name and arguments, function results with their call id and result, data,
    /// URIs, and any other content Microsoft.Extensions.AI serializes), but not its message id or creation time;</item>
    /// <item><c>options</c>: every option Microsoft.Extensions.AI serializes (instructions, temperature, top-p, top-k,
    /// maximum output tokens, frequency and presence penalties, seed, stop sequences, response format with its JSON
    /// schema, tool mode, whether several tool calls are allowed, reasoning options, additional properties), but not
    /// the conversation id or the continuation token, which the service issues anew on every run;</item>
    /// <item><c>tools</c>: for each function its name, description and parameter schema, in order; for a hosted tool
    /// its type and public properties.</item>
    /// </list>
    /// <para>
    /// Canonical means: object properties sorted by ordinal name, line endings normalised to <c>\n</c>, numbers
    /// invariant (<c>1.0</c> is <c>1</c>), no whitespace, only the escapes JSON requires. Not keyed: anything set through
    /// <see cref="ChatOptions.RawRepresentationFactory"/>, which is a delegate.
    /// </para>
    /// </remarks>
    public string ComputeKey(IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return Prepare([.. messages], options).Key;
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        List<ChatMessage> sent = [.. messages];
        var request = Prepare(sent, options);
        if (Replays(request, out var entry))
        {
            return entry.ToResponse();
        }

        var response = await InnerClient!.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
        var stored = (JsonObject)_scrubber.Scrub(JsonSerializer.SerializeToNode(response, CassetteJson.Options))!;
        entry = new CassetteEntry(request.Key, request.Canonical, stored, null);
        Cassette.Record(entry);
        return entry.ToResponse();
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        return serviceKey is null && serviceType == typeof(Cassette) ? Cassette
            : InnerClient?.GetService(serviceType, serviceKey)
            ?? (serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _metadata : null);
    }

    /// <summary>
    /// Saves the cassette when the client records (it is also saved as exchanges are recorded), so the file holds
    /// exactly what was recorded; the inner client is not disposed.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && Mode != CassetteMode.Replay)
        {
            Cassette.Save();
        }
    }

    private static (CassetteMode Mode, bool FromVariable) ResolveMode(CassetteMode mode, string? name)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "ReplayChatClientOptions.Mode must be Replay, Record or Auto.");
        }

        var value = name is null ? null : Environment.GetEnvironmentVariable(name)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return (mode, false);
        }

        return value.ToUpperInvariant() switch
        {
            "RECORD" => (CassetteMode.Record, true),
            "REPLAY" => (CassetteMode.Replay, true),
            "AUTO" => (CassetteMode.Auto, true),
            _ => throw new InvalidOperationException(
                $"The environment variable {name} is '{value}', which is not a cassette mode: set it to record, replay or auto, or unset it to use the mode the test sets."),
        };
    }

    private PreparedRequest Prepare(List<ChatMessage> messages, ChatOptions? options)
    {
        var canonical = (JsonObject)_scrubber.Scrub(CassetteRequest.Build(messages, options))!;
        return new PreparedRequest(CanonicalJson.Hash(canonical), canonical, messages.Count);
    }

    /// <summary>Whether the request is answered from the cassette; in <see cref="CassetteMode.Replay"/>, a miss throws.</summary>
    private bool Replays(PreparedRequest request, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CassetteEntry? entry)
    {
        entry = null;
        if (Mode == CassetteMode.Record)
        {
            return false;
        }

        if (Cassette.TryReplay(request.Key, out entry, out var recorded))
        {
            return true;
        }

        return Mode == CassetteMode.Replay ? throw Miss(request, recorded) : false;
    }

    private readonly record struct PreparedRequest(string Key, JsonObject Canonical, int MessageCount);
}
