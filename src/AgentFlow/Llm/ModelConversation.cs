using System.Diagnostics;
using Microsoft.Extensions.AI;
using Polly;

namespace AgentFlow;

/// <summary>
/// One node's use of a model, over all its calls (the first, each repair or correction, each sample): the calls, their
/// usage (estimated where the provider reports none), cost and time, and the node's <see cref="LlmCallRecord"/>,
/// written once when the node ends, however it ends. Each call goes through the model's resilience pipeline (retries,
/// timeouts, circuit breaker) and, when the model keeps failing, to the node's fallback models in order.
/// Thread-safe, so samples can ask at the same time.
/// </summary>
internal sealed class ModelConversation
{
    private readonly Lock _gate = new();
    private readonly (IChatClient Client, ChatOptions Options, string Label)[] _models;
    private readonly ModelResilienceOptions _resilience;
    private readonly string _nodePath;
    private readonly string _definitionPath;
    private readonly string _purpose;
    private readonly RunContext _run;
    private readonly Prompt? _prompt;
    private UsageDetails? _usage;
    private bool _usageEstimated;
    private string? _modelId;
    private TimeSpan _callTime;
    private List<ModelRequestRecord>? _requests;
    private decimal? _cost;
    private int _attempts;
    private int _retries;
    private int _fallbacks;
    private int _toolCalls;
    private int _ended;
    private int _exampleCount;
    private string? _examplesHash;

    /// <summary>Initializes a new instance of the <see cref="ModelConversation"/> class.</summary>
    /// <param name="client">The node's own model.</param>
    /// <param name="options">The request options for it.</param>
    /// <param name="nodePath">The run-time path of the node.</param>
    /// <param name="definitionPath">The definition path of the node.</param>
    /// <param name="purpose">What the calls are for, as recorded.</param>
    /// <param name="run">The run.</param>
    /// <param name="prompt">The prompt, for prompt tasks.</param>
    /// <param name="callOptions">The node's options: its resilience and fallback models. Fallback clients are resolved now, so a missing one fails the node before any call.</param>
    public ModelConversation(
        IChatClient client, ChatOptions options, string nodePath, string definitionPath, string purpose, RunContext run, Prompt? prompt = null, ModelCallOptions? callOptions = null)
    {
        _nodePath = nodePath;
        _definitionPath = definitionPath;
        _purpose = purpose;
        _run = run;
        _prompt = prompt;
        _resilience = callOptions?.Resilience ?? run.Resilience ?? ModelResilienceOptions.Default;
        var fallbacks = callOptions?.Fallbacks;
        _models = new (IChatClient, ChatOptions, string)[1 + (fallbacks?.Count ?? 0)];
        _models[0] = (client, options, "primary");
        for (var i = 1; i < _models.Length; i++)
        {
            var target = fallbacks![i - 1];
            var fallbackClient = ModelCalls.Resolve(target.Client, target.Key, nodePath, $"Fallback model {i} ({target})", run);
            var fallbackOptions = options.Clone();
            fallbackOptions.ModelId = target.ModelId ?? options.ModelId;
            _models[i] = (fallbackClient, fallbackOptions, $"fallback {i} {target}");
        }
    }

    /// <summary>Gets the messages of a single conversation; samples keep their own lists.</summary>
    public List<ChatMessage> Messages { get; } = [];

    public UsageDetails? Usage
    {
        get
        {
            lock (_gate)
            {
                return _usage;
            }
        }
    }

    /// <summary>Asks the model with <see cref="Messages"/>.</summary>
    public Task<ChatResponse> AskAsync(CancellationToken cancellationToken) => AskAsync(Messages, cancellationToken);

    /// <summary>
    /// Asks the model with <paramref name="messages"/>, through its resilience pipeline and, when it keeps failing
    /// transiently or its circuit is open, through the fallback models in order. A failure fails the node.
    /// </summary>
    public async Task<ChatResponse> AskAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var call = new CallState();
        for (var i = 0; ; i++)
        {
            var (client, options, _) = _models[i];
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(ModelPipelines.Conversation, this);
            try
            {
                return await ModelPipelines.For(client, options.ModelId, _resilience, _run.Time)
                    .ExecuteAsync(
                        static (ctx, state) => new ValueTask<ChatResponse>(state.Self.AttemptAsync(state.Client, state.Options, state.Messages, state.Call, ctx.CancellationToken)),
                        context,
                        (Self: this, Client: client, Options: options, Messages: messages, Call: call))
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (i < _models.Length - 1 && !cancellationToken.IsCancellationRequested
                && TransientFailures.WarrantsFallback(ex, _resilience, cancellationToken))
            {
                Interlocked.Increment(ref _fallbacks);
                Log.ModelFallback(_run.Logger, _nodePath, _models[i].Label, _models[i + 1].Label, ex.GetType().Name);
            }
            catch (Exception ex) when (ex is not FlowRunException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                throw new FlowTaskException(_nodePath, ex);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
    }

    /// <summary>Called by the retry strategy before it waits and sends the request again.</summary>
    internal void Retrying(int retry, TimeSpan delay, Exception? failure)
    {
        Interlocked.Increment(ref _retries);
        Log.ModelRetry(_run.Logger, _nodePath, retry, delay.TotalMilliseconds, failure?.GetType().Name ?? "unknown");
    }

    /// <summary>One request to one model: a span, the budget, the call, its usage and cost.</summary>
    private async Task<ChatResponse> AttemptAsync(IChatClient client, ChatOptions options, List<ChatMessage> messages, CallState call, CancellationToken cancellationToken)
    {
        var requestModel = options.ModelId ?? client.GetService<ChatClientMetadata>()?.DefaultModelId;
        using var activity = AgentFlowTelemetry.Source.StartActivity($"chat {requestModel}".TrimEnd(), ActivityKind.Client);
        activity?.SetTag("gen_ai.operation.name", "chat").SetTag("gen_ai.request.model", requestModel).SetTag("agentflow.node.path", _nodePath)
            .SetTag("agentflow.llm.purpose", _purpose);
        var started = _run.Time.GetTimestamp();
        var sent = false;
        ChatResponse response;
        try
        {
            _run.BeforeModelCall(_nodePath);
            sent = true;
            if (!call.Counted)
            {
                // Attempts counts calls (the first and each repair or correction), not their transport retries.
                call.Counted = true;
                Interlocked.Increment(ref _attempts);
            }

            using (LlmCallContext.Enter(new LlmCallContext(_run.RunId, _nodePath, _definitionPath, _purpose)))
            {
                response = await client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name).SetTag("error.type", ex.GetType().FullName);
            if (sent)
            {
                Requested(new ModelRequestRecord(requestModel, _run.Time.GetElapsedTime(started), null, null, false, ex.GetType().Name));
            }

            throw;
        }
        finally
        {
            var elapsed = _run.Time.GetElapsedTime(started);
            lock (_gate)
            {
                _callTime += elapsed;
            }

            if (AgentFlowTelemetry.OperationDuration.Enabled)
            {
                AgentFlowTelemetry.OperationDuration.Record(
                    elapsed.TotalSeconds,
                    new KeyValuePair<string, object?>("gen_ai.operation.name", "chat"),
                    new KeyValuePair<string, object?>("gen_ai.request.model", requestModel));
            }
        }

        var usage = TokenEstimator.UsageOf(messages, response, out var estimated);
        activity?.SetTag("gen_ai.response.model", response.ModelId)
            .SetTag("gen_ai.usage.input_tokens", usage.InputTokenCount)
            .SetTag("gen_ai.usage.output_tokens", usage.OutputTokenCount)
            .SetTag("agentflow.usage.estimated", estimated);
        if (AgentFlowTelemetry.TokenUsage.Enabled)
        {
            Tokens(requestModel, "input", usage.InputTokenCount);
            Tokens(requestModel, "output", usage.OutputTokenCount);
        }

        var cost = _run.AddModelCall(_nodePath, response.ModelId ?? options.ModelId, usage);
        Requested(new ModelRequestRecord(
            response.ModelId ?? requestModel, _run.Time.GetElapsedTime(started), usage.InputTokenCount, usage.OutputTokenCount, estimated, null));
        lock (_gate)
        {
            ModelCalls.AddUsage(ref _usage, usage);
            _usageEstimated |= estimated;
            _modelId = response.ModelId ?? options.ModelId ?? _modelId;
            if (cost is { } value)
            {
                _cost = (_cost ?? 0) + value;
            }
        }

        // The call that goes over the budget is recorded (its tokens and cost are above) before it fails its node.
        _run.CheckBudget(_nodePath);
        return response;
    }

    private void Requested(ModelRequestRecord request)
    {
        lock (_gate)
        {
            (_requests ??= []).Add(request);
        }
    }

    private static void Tokens(string? model, string type, long? count)
    {
        if (count is { } value)
        {
            AgentFlowTelemetry.TokenUsage.Record(
                value,
                new KeyValuePair<string, object?>("gen_ai.operation.name", "chat"),
                new KeyValuePair<string, object?>("gen_ai.request.model", model),
                new KeyValuePair<string, object?>("gen_ai.token.type", type));
        }
    }

    /// <summary>Keeps the rejected reply in the conversation and adds the message that asks for a better one.</summary>
    public static void Reject(List<ChatMessage> messages, ChatResponse response, string correction)
    {
        messages.AddRange(response.Messages);
        messages.Add(new ChatMessage(ChatRole.User, correction));
    }

    /// <summary>Records that the prompt shows the model <paramref name="count"/> few-shot examples, with their hash.</summary>
    public void UsesExamples(int count, string? hash) => (_exampleCount, _examplesHash) = (count, hash);

    /// <summary>Counts a tool call the model asked for, for the record.</summary>
    public void ToolCalled() => Interlocked.Increment(ref _toolCalls);

    /// <summary>Records the node's use of the model; only the first call of this counts.</summary>
    public void End(bool succeeded, int samples = 1, double? agreement = null, string? reasoning = null)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1)
        {
            return;
        }

        lock (_gate)
        {
            _run.LlmCalled(new LlmCallRecord
            {
                Path = _nodePath,
                Purpose = _purpose,
                PromptName = _prompt?.Name,
                PromptVersion = _prompt?.Version,
                PromptHash = _prompt?.ContentHash,
                ExampleCount = _exampleCount,
                ExamplesHash = _examplesHash,
                ModelId = _modelId,
                Attempts = _attempts,
                Retries = _retries,
                Fallbacks = _fallbacks,
                ToolCalls = _toolCalls,
                Samples = samples,
                Agreement = agreement,
                Reasoning = reasoning,
                Usage = _usage,
                UsageEstimated = _usageEstimated,
                Cost = _cost,
                Duration = _callTime,
                Requests = _requests ?? [],
                Succeeded = succeeded,
            });
        }
    }

    /// <summary>Whether a call has been counted in <see cref="LlmCallRecord.Attempts"/>, over its retries and fallbacks.</summary>
    private sealed class CallState
    {
        public bool Counted { get; set; }
    }
}
