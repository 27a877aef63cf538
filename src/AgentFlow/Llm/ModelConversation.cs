using Microsoft.Extensions.AI;

namespace AgentFlow;

/// <summary>
/// One node's conversation with a model, over its attempts (the first call, then each repair or correction): the
/// messages, the calls, their usage (estimated where the provider reports none) and time, and the node's
/// <see cref="LlmCallRecord"/> once it ends, however it ends.
/// </summary>
internal sealed class ModelConversation(
    IChatClient client, ChatOptions options, string nodePath, string definitionPath, string purpose, RunContext run, Prompt? prompt = null)
{
    private UsageDetails? _usage;
    private bool _usageEstimated;
    private string? _modelId;
    private TimeSpan _callTime;
    private decimal? _cost;

    public List<ChatMessage> Messages { get; } = [];

    public int Attempts { get; private set; }

    public UsageDetails? Usage => _usage;

    /// <summary>Asks the model with the conversation so far. A failing call ends the conversation as failed, in the record too.</summary>
    public async Task<ChatResponse> AskAsync(CancellationToken cancellationToken)
    {
        var started = run.Time.GetTimestamp();
        ChatResponse response;
        try
        {
            run.BeforeModelCall(nodePath);
            Attempts++;
            response = await ModelCalls.CallAsync(client, Messages, options, nodePath, definitionPath, purpose, run, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The attempts before the failing call used tokens too: they stay in the record.
            _callTime += run.Time.GetElapsedTime(started);
            End(succeeded: false);
            throw;
        }

        _callTime += run.Time.GetElapsedTime(started);
        var usage = TokenEstimator.UsageOf(Messages, response, out var estimated);
        ModelCalls.AddUsage(ref _usage, usage);
        _usageEstimated |= estimated;
        _modelId = response.ModelId ?? options.ModelId ?? _modelId;
        try
        {
            if (run.AddModelCall(nodePath, response.ModelId ?? options.ModelId, usage) is { } cost)
            {
                _cost = (_cost ?? 0) + cost;
            }

            run.CheckBudget(nodePath);
        }
        catch (Exception)
        {
            End(succeeded: false);
            throw;
        }

        return response;
    }

    /// <summary>Keeps the rejected reply in the conversation and adds the message that asks for a better one.</summary>
    public void Reject(ChatResponse response, string correction)
    {
        Messages.AddRange(response.Messages);
        Messages.Add(new ChatMessage(ChatRole.User, correction));
    }

    /// <summary>Records the node's use of the model.</summary>
    public void End(bool succeeded) => run.LlmCalled(new LlmCallRecord
    {
        Path = nodePath,
        Purpose = purpose,
        PromptName = prompt?.Name,
        PromptVersion = prompt?.Version,
        PromptHash = prompt?.ContentHash,
        ModelId = _modelId,
        Attempts = Attempts,
        Usage = _usage,
        UsageEstimated = _usageEstimated,
        Cost = _cost,
        Duration = _callTime,
        Succeeded = succeeded,
    });
}
