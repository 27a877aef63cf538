using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace AgentFlow;

/// <summary>
/// The judge of a prompt task with several samples (<see cref="PromptTaskOptions.Judge"/>): shows the model the distinct
/// valid outputs, numbered from 1, with the judge prompt, and reads the number of the best one from a reply constrained
/// by a JSON schema, corrected a bounded number of times. A judge that never chooses fails the node; it never falls back
/// to a majority vote in silence.
/// </summary>
internal sealed class PromptJudge<TIn, TOut>
{
    /// <summary>The template variable that holds the numbered candidates.</summary>
    public const string CandidatesVariable = "candidates";

    private static readonly KernelPromptTemplateFactory Templates = new() { AllowDangerouslySetContent = true };
    private static readonly Kernel EmptyKernel = new();

    private readonly Prompt _prompt;
    private readonly PromptTaskOptions _options;
    private readonly IPromptTemplate _user;
    private readonly IPromptTemplate? _system;

    public PromptJudge(Prompt prompt, PromptTaskOptions options, PromptVariables<TIn> taskVariables)
    {
        _prompt = prompt;
        _options = options;
        List<string> errors = [];
        if (options.Samples == 1)
        {
            errors.Add($"a Judge ('{prompt.Name}@{prompt.Version}') is set but Samples is 1, so there is nothing to judge. "
                + "Set Samples (3 or 5 are common) with a Temperature above 0, or remove the Judge.");
        }

        if (taskVariables.Names.FirstOrDefault(n => string.Equals(n, CandidatesVariable, StringComparison.OrdinalIgnoreCase)) is { } clash)
        {
            errors.Add($"{typeof(TIn).Name} has a property '{clash}', which the judge's {{{{${CandidatesVariable}}}}} would hide. Rename the property, or wrap the input.");
        }

        var variables = new PromptVariables<TIn>(options.SerializerOptions, CandidatesVariable);
        errors.AddRange(variables.Check(prompt.User, "judge's user"));
        if (prompt.System is not null)
        {
            errors.AddRange(variables.Check(prompt.System, "judge's system"));
        }

        if (!ShowsCandidates(prompt.User) && (prompt.System is null || !ShowsCandidates(prompt.System)))
        {
            errors.Add($"the judge prompt '{prompt.Name}@{prompt.Version}' never shows the candidates. Put {{{{${CandidatesVariable}}}}} in its user or system template.");
        }

        Errors = errors;
        _user = Templates.Create(new PromptTemplateConfig(prompt.User));
        _system = prompt.System is null ? null : Templates.Create(new PromptTemplateConfig(prompt.System));
    }

    /// <summary>Gets the definition errors of the judge.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>
    /// Asks the model which of <paramref name="candidates"/> is best and returns its index (from 0). Recorded as its own
    /// <see cref="LlmCallRecord"/> with the purpose <c>judge</c>, whatever the outcome.
    /// </summary>
    /// <exception cref="OutputValidationException">No reply chose a candidate, after every correction.</exception>
    public async Task<int> ChooseAsync(
        IChatClient client,
        KernelArguments taskArguments,
        IReadOnlyList<TOut> candidates,
        string nodePath,
        string definitionPath,
        RunContext run,
        CancellationToken cancellationToken)
    {
        var count = candidates.Count;
        var arguments = new KernelArguments(taskArguments) { [CandidatesVariable] = Numbered(candidates) };
        var chatOptions = new ChatOptions { Temperature = 0, ResponseFormat = Format(count), ModelId = _options.ModelId };
        var conversation = new ModelConversation(client, chatOptions, nodePath, definitionPath, "judge", run, _prompt, _options);
        var maxAttempts = _options.MaxRepairs + 1;
        IReadOnlyList<string> errors = [];
        var reply = string.Empty;
        try
        {
            if (_system is not null)
            {
                conversation.Messages.Add(new(ChatRole.System, await _system.RenderAsync(EmptyKernel, arguments, cancellationToken).ConfigureAwait(false)));
            }

            conversation.Messages.Add(new(ChatRole.System, Instruction(count)));
            var userText = await _user.RenderAsync(EmptyKernel, arguments, cancellationToken).ConfigureAwait(false);
            conversation.Messages.Add(new(ChatRole.User, userText));
            if (run.SensitiveData)
            {
                Log.JudgePromptSensitive(run.Logger, nodePath, userText);
            }

            for (var attempt = 1; attempt <= maxAttempts; attempt++)
            {
                var response = await conversation.AskAsync(cancellationToken).ConfigureAwait(false);
                reply = response.Text;
                if (run.SensitiveData)
                {
                    Log.JudgeReplySensitive(run.Logger, nodePath, attempt, reply);
                }

                if (TryRead(reply, count, out var best, out var rationale, out var error))
                {
                    Log.JudgeChose(run.Logger, nodePath, best, count);
                    conversation.End(succeeded: true, reasoning: rationale);
                    return best - 1;
                }

                errors = [error];
                Log.JudgeRejected(run.Logger, nodePath, attempt, error);
                ModelConversation.Reject(conversation.Messages, response, Correction(error, count));
            }
        }
        catch (Exception)
        {
            conversation.End(succeeded: false);
            throw;
        }

        conversation.End(succeeded: false);
        throw OutputValidationException.JudgeFailed(nodePath, _prompt, count, maxAttempts, errors, reply);
    }

    private static bool ShowsCandidates(string template)
        => template.Contains("$" + CandidatesVariable, StringComparison.OrdinalIgnoreCase);

    /// <summary>The candidates as the judge sees them: numbered from 1, each with its JSON, or its text for a string output.</summary>
    private string Numbered(IReadOnlyList<TOut> candidates)
    {
        var text = new StringBuilder();
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            if (i > 0)
            {
                text.Append("\n\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"Candidate {i + 1}:\n")
                .Append(candidate as string ?? JsonSerializer.Serialize(candidate, _options.SerializerOptions));
        }

        return text.ToString();
    }

    // The reasons never quote the reply, so they are safe to log at Warning.
    private static bool TryRead(string reply, int count, out int best, out string? rationale, out string error)
    {
        best = 0;
        rationale = null;
        var json = ModelCalls.ExtractJson(reply, array: false);
        if (json is null)
        {
            error = "the reply holds no JSON object";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("best", out var element)
                || element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out best))
            {
                error = "the reply has no whole-number property \"best\"";
                return false;
            }

            if (best < 1 || best > count)
            {
                error = $"\"best\" is {best}, which is not the number of a candidate (1 to {count})";
                return false;
            }

            rationale = root.TryGetProperty("rationale", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null;
            error = string.Empty;
            return true;
        }
        catch (JsonException)
        {
            error = "the reply is not valid JSON";
            return false;
        }
    }

    private static string Instruction(int count)
        => $"The candidates are numbered 1 to {count}. Reply with only a JSON object: "
           + $"{{\"rationale\": \"<one or two sentences>\", \"best\": <the number of the best candidate, from 1 to {count}>}}.";

    private static string Correction(string error, int count)
        => $"Your reply was not accepted: {error}. Reply again with only a JSON object whose \"best\" is the number of one candidate, from 1 to {count}.";

    private static ChatResponseFormatJson Format(int count)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["rationale"] = new JsonObject { ["type"] = "string" },
                ["best"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = count },
            },
            ["required"] = new JsonArray("rationale", "best"),
            ["additionalProperties"] = false,
        };
        return ChatResponseFormat.ForJsonSchema(JsonSerializer.SerializeToElement(schema), "judgement", "The number of the best candidate, with a rationale.");
    }
}
