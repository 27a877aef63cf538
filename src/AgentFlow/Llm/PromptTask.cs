using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace AgentFlow;

/// <summary>
/// A task that renders a versioned prompt from its input, asks a model, and returns the reply as a validated
/// <typeparamref name="TOut"/>: constrained by a JSON schema derived from the type, parsed, checked with
/// DataAnnotations, and sent back with the errors a bounded number of times when it does not validate.
/// </summary>
internal sealed class PromptTask<TIn, TOut> : FlowTask<TIn, TOut>
{
    private static readonly KernelPromptTemplateFactory Templates = new() { AllowDangerouslySetContent = true };
    private static readonly Kernel EmptyKernel = new();

    private readonly Prompt _prompt;
    private readonly PromptTaskOptions _options;
    private readonly PromptVariables<TIn> _variables;
    private readonly IPromptTemplate _user;
    private readonly IPromptTemplate? _system;
    private readonly ChatResponseFormat? _format;
    private readonly IEqualityComparer<TOut> _agreement;
    private readonly List<string> _errors = [];
    private readonly AgentTools? _tools;

    public PromptTask(string name, Prompt prompt, PromptTaskOptions options, IEqualityComparer<TOut>? agreement, NodeKind kind = NodeKind.Prompt)
        : base(name, kind)
    {
        _prompt = prompt;
        _options = options;
        _agreement = agreement ?? EqualityComparer<TOut>.Default;
        if (options.Samples > 1 && options.Temperature == 0)
        {
            _errors.Add($"{options.Samples} samples at temperature 0 would all be the same reply. Set Temperature (0.7 is common) for self-consistency.");
        }

        _variables = new PromptVariables<TIn>(options.SerializerOptions);
        _errors.AddRange(_variables.Check(prompt.User, "user"));
        if (options.ClientConflict() is { } conflict)
        {
            _errors.Add(conflict);
        }

        if (prompt.System is not null)
        {
            _errors.AddRange(_variables.Check(prompt.System, "system"));
        }

        // Rendered text goes into a message of its own and is never parsed for roles, so values need no HTML
        // encoding; the prompt's own text is the developer's.
        _user = Templates.Create(new PromptTemplateConfig(prompt.User));
        _system = prompt.System is null ? null : Templates.Create(new PromptTemplateConfig(prompt.System));
        _format = Format(name, options);
        _errors.AddRange(AgentTools.Check(options.Tools, kind == NodeKind.Agent));
        _tools = AgentTools.From(options);
    }

    internal override NodeDescription DescribeCore(string path)
        => NodeDescription.Leaf(this, path, typeof(TIn), typeof(TOut), detail: _prompt.ToString(), tools: _tools?.ToolNames);

    internal override void Validate(DefinitionValidator validator, string path)
    {
        foreach (var error in _errors)
        {
            validator.Error(path, $"{(Kind == NodeKind.Agent ? "Agent" : "Prompt")} task '{Name}' (prompt '{_prompt.Name}@{_prompt.Version}'): {error}");
        }
    }

    private protected override bool WrapsFailures => true;

    private protected override async ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        var path = NodeFrame.PathOf(parent, Name);
        var definitionPath = NodeFrame.DefinitionPathOf(parent, Name);
        var arguments = _variables.Arguments(input);
        var client = ModelCalls.Resolve(_options.ChatClient, _options.ModelKey, path, _tools is null ? "Prompt task" : "Agent task", run);
        var chatOptions = new ChatOptions { Temperature = _options.Temperature, ResponseFormat = _format, ModelId = _options.ModelId, Tools = _tools?.Declarations() };
        var conversation = new ModelConversation(client, chatOptions, path, definitionPath, _tools is null ? "prompt" : "agent", run, _prompt);
        List<ChatMessage> messages = [];
        if (_system is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, await _system.RenderAsync(EmptyKernel, arguments, cancellationToken).ConfigureAwait(false)));
        }

        if (_options.ChainOfThought)
        {
            messages.Add(new ChatMessage(ChatRole.System, ChainOfThoughtInstruction));
        }

        var userText = await _user.RenderAsync(EmptyKernel, arguments, cancellationToken).ConfigureAwait(false);
        messages.Add(new ChatMessage(ChatRole.User, userText));
        if (run.SensitiveData)
        {
            Log.PromptSensitive(run.Logger, path, userText);
        }

        try
        {
            var samples = _options.Samples == 1
                ? [await SampleAsync(conversation, messages, path, run, cancellationToken).ConfigureAwait(false)]
                : await Task.WhenAll(Enumerable.Range(0, _options.Samples)
                    .Select(_ => SampleAsync(conversation, [.. messages], path, run, cancellationToken))).ConfigureAwait(false);
            var valid = samples.Where(s => s.Failure is null).ToArray();
            if (valid.Length == 0)
            {
                conversation.End(succeeded: false, samples.Length);
                throw samples[^1].Failure!;
            }

            // Majority vote: the output most samples agree on; a tie goes to the one sampled first.
            var winner = valid
                .Select((sample, index) => (sample, index))
                .GroupBy(s => s.sample.Output, _agreement)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.First().index)
                .First();
            conversation.End(
                succeeded: true,
                samples.Length,
                samples.Length > 1 ? winner.Count() / (double)samples.Length : null,
                winner.First().sample.Reasoning);
            return winner.First().sample.Output;
        }
        catch (Exception)
        {
            conversation.End(succeeded: false, _options.Samples);
            throw;
        }
    }

    /// <summary>One sample: the first reply and its repairs, until one validates or the repairs run out.</summary>
    private async Task<Sample> SampleAsync(ModelConversation conversation, List<ChatMessage> messages, string path, RunContext run, CancellationToken cancellationToken)
    {
        var maxAttempts = _options.MaxRepairs + 1;
        IReadOnlyList<string> errors = [];
        var reply = string.Empty;
        var tools = _tools?.Start(conversation, path, run);
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var response = await (tools is null ? conversation.AskAsync(messages, cancellationToken) : tools.AskAsync(messages, cancellationToken)).ConfigureAwait(false);
            reply = response.Text;
            if (run.SensitiveData)
            {
                Log.PromptReplySensitive(run.Logger, path, attempt, reply);
            }

            if (TryRead(reply, out var output, out var reasoning, out errors))
            {
                return new Sample(output, reasoning, null);
            }

            Log.PromptReplyRejected(run.Logger, path, attempt, errors.Count);
            ModelConversation.Reject(messages, response, Repair(errors));
        }

        return new Sample(default!, null, new OutputValidationException(path, _prompt.Name, maxAttempts, errors, reply));
    }

    private bool TryRead(string reply, out TOut output, out string? reasoning, out IReadOnlyList<string> errors)
    {
        output = default!;
        reasoning = null;
        if (!_options.ChainOfThought && typeof(TOut) == typeof(string))
        {
            output = (TOut)(object)reply;
            errors = [];
            return true;
        }

        var json = ModelCalls.ExtractJson(reply, ExpectsArray && !_options.ChainOfThought);
        if (json is null)
        {
            errors = ["the reply holds no JSON"];
            return false;
        }

        TOut? value;
        try
        {
            if (_options.ChainOfThought)
            {
                using var document = JsonDocument.Parse(json);
                if (!document.RootElement.TryGetProperty("answer", out var answer))
                {
                    errors = ["the reply has no \"answer\" property"];
                    return false;
                }

                reasoning = document.RootElement.TryGetProperty("reasoning", out var thought) && thought.ValueKind == JsonValueKind.String ? thought.GetString() : null;
                value = answer.Deserialize<TOut>(_options.SerializerOptions);
            }
            else
            {
                value = JsonSerializer.Deserialize<TOut>(json, _options.SerializerOptions);
            }
        }
        catch (JsonException ex)
        {
            errors = [$"the JSON does not match the required shape: {ex.Message}"];
            return false;
        }

        if (value is null)
        {
            errors = ["the reply is null"];
            return false;
        }

        List<ValidationResult> results = [];
        if (!typeof(TOut).IsValueType && typeof(TOut) != typeof(string) && !Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            errors = [.. results.Select(r => r.MemberNames.Any() ? $"{string.Join(", ", r.MemberNames)}: {r.ErrorMessage}" : r.ErrorMessage ?? "invalid")];
            return false;
        }

        output = value;
        errors = [];
        return true;
    }

    /// <summary>Gets a value indicating whether the output serializes as a JSON array (a collection) rather than an object.</summary>
    private static bool ExpectsArray { get; } = typeof(TOut) != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(typeof(TOut))
        && !typeof(System.Collections.IDictionary).IsAssignableFrom(typeof(TOut));

    private const string ChainOfThoughtInstruction =
        "Think step by step in \"reasoning\" first, then give the result in \"answer\". Only \"answer\" is used as the result.";

    /// <summary>The response format: the output's JSON schema, wrapped with a reasoning field when chain-of-thought is on.</summary>
    private static ChatResponseFormatJson? Format(string name, PromptTaskOptions options)
    {
        if (typeof(TOut) == typeof(string) && !options.ChainOfThought)
        {
            return null;
        }

        var schema = AIJsonUtilities.CreateJsonSchema(typeof(TOut), serializerOptions: options.SerializerOptions);
        if (options.ChainOfThought)
        {
            var wrapper = new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "object",
                ["properties"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["reasoning"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "string", ["description"] = "Step-by-step reasoning, before the answer." },
                    ["answer"] = System.Text.Json.Nodes.JsonNode.Parse(schema.GetRawText()),
                },
                ["required"] = new System.Text.Json.Nodes.JsonArray("reasoning", "answer"),
                ["additionalProperties"] = false,
            };
            schema = JsonSerializer.SerializeToElement(wrapper);
        }

        return ChatResponseFormat.ForJsonSchema(schema, SchemaName(typeof(TOut)), $"The output of '{name}'.");
    }

    private static string Repair(IReadOnlyList<string> errors)
        => "Your reply was not accepted: " + string.Join("; ", errors)
           + ". Reply again with only a JSON value that matches the required schema and fixes these errors.";

    /// <summary>One sample's outcome: its output and reasoning, or why it never validated.</summary>
    private readonly record struct Sample(TOut Output, string? Reasoning, OutputValidationException? Failure);

    private static string SchemaName(Type type)
    {
        var name = new string([.. type.Name.Where(char.IsAsciiLetterOrDigit)]);
        return name.Length == 0 ? "output" : name;
    }
}
