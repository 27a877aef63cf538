using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFlow.Testing;

/// <summary>
/// An <see cref="IChatClient"/> for tests that answers from a script, offline and deterministically, and records every
/// request it receives. Replies come from rules (matched on the asking node's path, the prompt, or any predicate) and
/// then from a queue; a request with nothing left to answer it fails loudly with a <see cref="ScriptedChatClientException"/>.
/// </summary>
/// <remarks>
/// A rule given a list of replies uses each once, in order, then stops matching; a rule given a function answers every
/// matching request. Rules are tried in the order they were added. Thread-safe.
/// </remarks>
/// <example>
/// <code>
/// var model = new ScriptedChatClient()
///     .WhenNode("support/route", ScriptedReply.Choice("Billing", "mentions an invoice", 0.9))
///     .WhenNode("support/refine", ScriptedReply.Choice("continue"), ScriptedReply.Choice("stop"));
/// var result = await flow.RunAsync(ticket, new RunOptions { ChatClient = model });
/// Assert.That(model.Requests, Has.Count.EqualTo(3));
/// </code>
/// </example>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private readonly Queue<ScriptedReply> _queue = new();
    private readonly List<ScriptedRequest> _requests = [];
    private readonly ChatClientMetadata _metadata;

    /// <summary>Initializes a new instance of the <see cref="ScriptedChatClient"/> class.</summary>
    /// <param name="modelId">The model id reported in responses and metadata.</param>
    public ScriptedChatClient(string modelId = "scripted")
    {
        ArgumentNullException.ThrowIfNull(modelId);
        ModelId = modelId;
        _metadata = new ChatClientMetadata(nameof(ScriptedChatClient), defaultModelId: modelId);
    }

    /// <summary>Gets the model id reported in responses.</summary>
    public string ModelId { get; }

    /// <summary>Gets the clock that <see cref="ScriptedReply.WithDelay"/> waits on, so a test can move time instead of waiting.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets every request received so far, in order.</summary>
    public IReadOnlyList<ScriptedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Gets how many scripted replies (in rules with reply lists, and in the queue) have not been used yet.</summary>
    public int UnusedReplies
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count + _rules.Sum(r => r.Replies?.Count ?? 0);
            }
        }
    }

    /// <summary>Answers requests matching <paramref name="match"/> with <paramref name="replies"/>, each used once, in order.</summary>
    /// <param name="match">Which requests the rule answers.</param>
    /// <param name="replies">The replies.</param>
    /// <returns>This client.</returns>
    public ScriptedChatClient When(Func<ScriptedRequest, bool> match, params ScriptedReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(replies);
        if (replies.Length == 0)
        {
            throw new ArgumentException("Give at least one reply, or a function that answers every matching request.", nameof(replies));
        }

        if (Array.IndexOf(replies, null) >= 0)
        {
            throw new ArgumentException("Replies cannot be null.", nameof(replies));
        }

        return Add(new Rule(match, new Queue<ScriptedReply>(replies), null));
    }

    /// <summary>Answers every request matching <paramref name="match"/> with what <paramref name="respond"/> returns.</summary>
    /// <param name="match">Which requests the rule answers.</param>
    /// <param name="respond">Computes the reply from the request.</param>
    /// <returns>This client.</returns>
    public ScriptedChatClient When(Func<ScriptedRequest, bool> match, Func<ScriptedRequest, ScriptedReply> respond)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(respond);
        return Add(new Rule(match, null, respond));
    }

    /// <summary>Answers requests from the node at <paramref name="path"/> (run-time or definition path) with <paramref name="replies"/>, each once.</summary>
    /// <param name="path">The node path, such as <c>support/route</c>.</param>
    /// <param name="replies">The replies.</param>
    /// <returns>This client.</returns>
    public ScriptedChatClient WhenNode(string path, params ScriptedReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(path);
        return When(r => r.IsFrom(path), replies);
    }

    /// <summary>Answers every request from the node at <paramref name="path"/> with what <paramref name="respond"/> returns.</summary>
    /// <param name="path">The node path.</param>
    /// <param name="respond">Computes the reply from the request.</param>
    /// <returns>This client.</returns>
    public ScriptedChatClient WhenNode(string path, Func<ScriptedRequest, ScriptedReply> respond)
    {
        ArgumentNullException.ThrowIfNull(path);
        return When(r => r.IsFrom(path), respond);
    }

    /// <summary>Answers requests whose last user message contains <paramref name="text"/> (ordinal) with <paramref name="replies"/>, each once.</summary>
    /// <param name="text">The text to look for.</param>
    /// <param name="replies">The replies.</param>
    /// <returns>This client.</returns>
    public ScriptedChatClient WhenPromptContains(string text, params ScriptedReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(text);
        return When(r => r.LastUserText.Contains(text, StringComparison.Ordinal), replies);
    }

    /// <summary>Queues replies for requests that no rule answers, used once each in order.</summary>
    /// <param name="replies">The replies.</param>
    /// <returns>This client.</returns>
    public ScriptedChatClient Enqueue(params ScriptedReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        lock (_gate)
        {
            foreach (var reply in replies)
            {
                _queue.Enqueue(reply ?? throw new ArgumentException("Replies cannot be null.", nameof(replies)));
            }
        }

        return this;
    }

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => AnswerAsync(messages, options, streaming: false, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await AnswerAsync(messages, options, streaming: true, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private ScriptedChatClient Add(Rule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }

        return this;
    }

    private async Task<ChatResponse> AnswerAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        ScriptedReply reply;
        int index;
        lock (_gate)
        {
            index = _requests.Count;
            var request = new ScriptedRequest(index, [.. messages], options?.Clone(), LlmCallContext.Current, streaming);
            _requests.Add(request);
            reply = Next(request);
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        return reply.ToResponse(ModelId, index);
    }

    private ScriptedReply Next(ScriptedRequest request)
    {
        foreach (var rule in _rules)
        {
            if (rule.Replies is { Count: 0 } || !rule.Match(request))
            {
                continue;
            }

            return rule.Replies?.Dequeue() ?? rule.Respond!(request);
        }

        if (_queue.TryDequeue(out var queued))
        {
            return queued;
        }

        throw new ScriptedChatClientException(
            $"The scripted chat client has no reply for {request}. {_rules.Count} rule(s) ({_rules.Count(r => r.Replies is { Count: 0 })} used up), "
            + "empty queue. Add a rule with .WhenNode(...) or .When(...), or queue a reply with .Enqueue(...).");
    }

    private sealed record Rule(Func<ScriptedRequest, bool> Match, Queue<ScriptedReply>? Replies, Func<ScriptedRequest, ScriptedReply>? Respond);
}
