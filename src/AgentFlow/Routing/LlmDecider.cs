using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentFlow;

/// <summary>
/// Asks a model to choose one of a fixed set of labels, with a JSON schema that constrains the answer, and sends an
/// answer outside the set back with a correction a bounded number of times. Never maps an answer to a label it is not:
/// only case and surrounding spaces may differ, and the answer as written is kept in <see cref="RouteDecision.Answer"/>.
/// </summary>
internal sealed class LlmDecider
{
    private readonly string[] _labels;
    private readonly LlmDecisionOptions _options;
    private readonly string _systemPrompt;
    private readonly ChatResponseFormat _format;

    public LlmDecider(IReadOnlyList<(string Label, string? Description)> cases, LlmDecisionOptions options, string task)
    {
        _labels = [.. cases.Select(c => c.Label)];
        _options = options;
        _systemPrompt = SystemPrompt(cases, options.Instructions, task);
        _format = ChatResponseFormat.ForJsonSchema(Schema(_labels), "decision", "One of the allowed choices, with a rationale and a confidence.");
    }

    public IReadOnlyList<string> Labels => _labels;

    public int MaxAttempts => _options.MaxCorrections + 1;

    public async ValueTask<LlmVerdict> DecideAsync(
        string prompt, string nodePath, string definitionPath, string purpose, RunContext run, CancellationToken cancellationToken)
    {
        var client = ModelCalls.Resolve(_options.ChatClient, _options.ModelKey, nodePath, "LLM decision", run);
        var chatOptions = new ChatOptions { Temperature = _options.Temperature, ResponseFormat = _format, ModelId = _options.ModelId };
        var conversation = new ModelConversation(client, chatOptions, nodePath, definitionPath, purpose, run, callOptions: _options);
        conversation.Messages.Add(new(ChatRole.System, _systemPrompt));
        conversation.Messages.Add(new(ChatRole.User, prompt));
        List<RejectedAnswer> rejected = [];
        string? lastRejection = null;
        if (run.SensitiveData)
        {
            Log.DecisionPromptSensitive(run.Logger, nodePath, prompt);
        }

        try
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var response = await conversation.AskAsync(cancellationToken).ConfigureAwait(false);
                var reply = response.Text;
                if (run.SensitiveData)
                {
                    Log.DecisionReplySensitive(run.Logger, nodePath, attempt, reply);
                }

                if (TryParse(reply, out var index, out var rationale, out var confidence, out var answer, out var reason, out var loggedReason))
                {
                    conversation.End(succeeded: true);
                    return new LlmVerdict(index, rationale, confidence, attempt, rejected, conversation.Usage, LastRejection: null) { Answer = answer };
                }

                rejected.Add(new RejectedAnswer(attempt, reason, reply));
                Log.DecisionRejected(run.Logger, nodePath, attempt, loggedReason);
                lastRejection = loggedReason;
                ModelConversation.Reject(conversation.Messages, response, Correction(reason));
            }
        }
        catch (Exception)
        {
            conversation.End(succeeded: false);
            throw;
        }

        conversation.End(succeeded: false);
        return new LlmVerdict(-1, null, null, MaxAttempts, rejected, conversation.Usage, lastRejection);
    }

    /// <summary>
    /// The case a verdict settles on: the model's choice, else the declared fallback (logged as such), else a
    /// <see cref="RouteDecisionException"/> naming the node, the allowed labels and <paramref name="fix"/>.
    /// </summary>
    public (int Index, DecisionSource Source) Settle(LlmVerdict verdict, int fallbackIndex, string nodePath, RunContext run, string fix)
    {
        if (verdict.Index >= 0)
        {
            return (verdict.Index, DecisionSource.Llm);
        }

        if (fallbackIndex >= 0)
        {
            Log.DecisionFallback(run.Logger, nodePath, verdict.Attempts, _labels[fallbackIndex]);
            return (fallbackIndex, DecisionSource.Fallback);
        }

        throw new RouteDecisionException(
            nodePath,
            $"LLM decision at '{nodePath}' gave no answer among the allowed choices in {verdict.Attempts} attempt(s); last: {verdict.LastRejection}. "
            + $"Allowed: {string.Join(", ", _labels)}. {fix}",
            _labels,
            verdict.Rejected);
    }

    // The reason quotes the reply where that helps the model correct itself; the logged reason never does, since
    // replies are sensitive and may only be logged by the Trace-level sensitive messages.
    private bool TryParse(
        string reply, out int index, out string? rationale, out double? confidence, out string? answer, out string reason, out string loggedReason)
    {
        index = -1;
        rationale = null;
        confidence = null;
        answer = null;
        var json = ModelCalls.ExtractJson(reply, array: false);
        if (json is null)
        {
            reason = loggedReason = "the reply is not a JSON object";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            reason = $"the reply is not valid JSON ({ex.Message})";
            loggedReason = "the reply is not valid JSON";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("choice", out var choice) || choice.ValueKind != JsonValueKind.String)
            {
                reason = loggedReason = "the reply has no string property 'choice'";
                return false;
            }

            answer = choice.GetString()!;
            var trimmed = answer.Trim();
            index = Array.IndexOf(_labels, trimmed);
            if (index < 0)
            {
                var matches = _labels.Select((label, i) => (label, i)).Where(l => string.Equals(l.label, trimmed, StringComparison.OrdinalIgnoreCase)).ToArray();
                index = matches.Length == 1 ? matches[0].i : -1;
            }

            if (index < 0)
            {
                reason = $"the choice '{Truncate(trimmed)}' is not one of the allowed choices";
                loggedReason = "the choice is not one of the allowed choices";
                return false;
            }

            if (root.TryGetProperty("confidence", out var confidenceElement) && confidenceElement.ValueKind != JsonValueKind.Null)
            {
                if (confidenceElement.ValueKind != JsonValueKind.Number || confidenceElement.GetDouble() is < 0 or > 1)
                {
                    index = -1;
                    reason = loggedReason = "the confidence is not a number between 0 and 1";
                    return false;
                }

                confidence = confidenceElement.GetDouble();
            }

            if (root.TryGetProperty("rationale", out var rationaleElement) && rationaleElement.ValueKind == JsonValueKind.String)
            {
                rationale = rationaleElement.GetString();
            }

            reason = loggedReason = string.Empty;
            return true;
        }
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");

    private string Correction(string reason)
        => $"Your reply was not accepted: {reason}. Reply again with only a JSON object whose \"choice\" is exactly one of: "
           + string.Join(", ", _labels.Select(l => $"\"{l}\"")) + ".";

    private static string SystemPrompt(IReadOnlyList<(string Label, string? Description)> cases, string? instructions, string task)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"You are a decision step in an automated workflow: {task}. Choose exactly one of the allowed choices.")
            .AppendLine().AppendLine().AppendLine("Allowed choices:");
        foreach (var (label, description) in cases)
        {
            text.Append(CultureInfo.InvariantCulture, $"- \"{label}\"");
            if (!string.IsNullOrWhiteSpace(description))
            {
                text.Append(": ").Append(description);
            }

            text.AppendLine();
        }

        text.AppendLine()
            .Append("Reply with only a JSON object: {\"rationale\": \"<one or two sentences>\", \"choice\": \"<one of the allowed choices>\", ")
            .Append("\"confidence\": <a number from 0 to 1>}.");
        if (!string.IsNullOrWhiteSpace(instructions))
        {
            text.AppendLine().AppendLine().Append(instructions);
        }

        return text.ToString();
    }

    private static JsonElement Schema(string[] labels)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["rationale"] = new JsonObject { ["type"] = "string" },
                ["choice"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. labels.Select(l => (JsonNode?)JsonValue.Create(l))]) },
                ["confidence"] = new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 1 },
            },
            ["required"] = new JsonArray("rationale", "choice", "confidence"),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(schema);
    }
}

/// <summary>What an LLM decision came to: the chosen index, or -1 when no answer was among the declared cases.</summary>
/// <param name="Index">The chosen case, or -1.</param>
/// <param name="Rationale">The model's rationale for the chosen case.</param>
/// <param name="Confidence">The model's confidence for the chosen case.</param>
/// <param name="Attempts">How many model calls were made.</param>
/// <param name="Rejected">The answers rejected on the way.</param>
/// <param name="Usage">The token usage of all the calls, where reported.</param>
/// <param name="LastRejection">Why the last answer was rejected, without quoting it: safe for exception messages and logs.</param>
internal sealed record LlmVerdict(
    int Index, string? Rationale, double? Confidence, int Attempts, IReadOnlyList<RejectedAnswer> Rejected, UsageDetails? Usage, string? LastRejection)
{
    /// <summary>Gets the choice exactly as the model wrote it, when it was accepted.</summary>
    public string? Answer { get; init; }
}
