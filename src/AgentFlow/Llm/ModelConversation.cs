using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace AgentFlow;

/// <summary>
/// One node's use of a model, over all its calls (the first, each repair or correction, each sample): the calls, their
/// usage (estimated where the provider reports none), cost and time, and the node's <see cref="LlmCallRecord"/>,
/// written once when the node ends, however it ends. Thread-safe, so samples can ask at the same time.
/// </summary>
internal sealed class ModelConversation(
    IChatClient client, ChatOptions options, string nodePath, string definitionPath, string purpose, RunContext run, Prompt? prompt = null)
{
    private readonly Lock _gate = new();
    private UsageDetails? _usage;
    private bool _usageEstimated;
    private string? _modelId;
    private TimeSpan _callTime;
    private decimal? _cost;
    private int _attempts;
    private int _toolCalls;
    private int _ended;

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

    /// <summary>Asks the model with <paramref name="messages"/>, counting the call against the run's budget.</summary>
    public async Task<ChatResponse> AskAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var requestModel = options.ModelId ?? client.GetService<ChatClientMetadata>()?.DefaultModelId;
        using var activity = AgentFlowTelemetry.Source.StartActivity($"chat {requestModel}".TrimEnd(), ActivityKind.Client);
        activity?.SetTag("gen_ai.operation.name", "chat").SetTag("gen_ai.request.model", requestModel).SetTag("agentflow.node.path", nodePath)
            .SetTag("agentflow.llm.purpose", purpose);
        var started = run.Time.GetTimestamp();
        ChatResponse response;
        try
        {
            run.BeforeModelCall(nodePath);
            Interlocked.Increment(ref _attempts);
            response = await ModelCalls.CallAsync(client, messages, options, nodePath, definitionPath, purpose, run, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name).SetTag("error.type", ex.GetType().FullName);
            throw;
        }
        finally
        {
            var elapsed = run.Time.GetElapsedTime(started);
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

        var cost = run.AddModelCall(nodePath, response.ModelId ?? options.ModelId, usage);
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
        run.CheckBudget(nodePath);
        return response;
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
            run.LlmCalled(new LlmCallRecord
            {
                Path = nodePath,
                Purpose = purpose,
                PromptName = prompt?.Name,
                PromptVersion = prompt?.Version,
                PromptHash = prompt?.ContentHash,
                ModelId = _modelId,
                Attempts = _attempts,
                ToolCalls = _toolCalls,
                Samples = samples,
                Agreement = agreement,
                Reasoning = reasoning,
                Usage = _usage,
                UsageEstimated = _usageEstimated,
                Cost = _cost,
                Duration = _callTime,
                Succeeded = succeeded,
            });
        }
    }
}
