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
/// <typeparam name="TIn">The input type: its public properties, and <c>input</c>, are the template's variables.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
/// <remarks>
/// Create one with <see cref="FlowTask.FromPrompt{TIn, TOut}"/>. Instances are immutable and thread-safe:
/// <see cref="WithExamples"/> returns a new task.
/// </remarks>
public sealed class PromptTask<TIn, TOut> : FlowTask<TIn, TOut>
{
    private static readonly KernelPromptTemplateFactory Templates = new() { AllowDangerouslySetContent = true };
    private static readonly Kernel EmptyKernel = new();

    private readonly Prompt _prompt;
    private readonly PromptTaskOptions _options;
    private readonly PromptVariables<TIn> _variables;
    private readonly IPromptTemplate _user;
    private readonly IPromptTemplate? _system;
    private readonly ChatResponseFormat? _format;
    private readonly bool _wrapped;
    private readonly IEqualityComparer<TOut> _agreement;
    private readonly List<string> _errors = [];
    private readonly PromptExamples<TIn, TOut> _examples;
    private readonly PromptJudge<TIn, TOut>? _judge;
    private readonly AgentTools? _tools;

    internal PromptTask(string name, Prompt prompt, PromptTaskOptions options, IEqualityComparer<TOut>? agreement, NodeKind kind = NodeKind.Prompt)
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
        _format = Format(name, options, out _wrapped);
        _errors.AddRange(AgentTools.Check(options.Tools, kind == NodeKind.Agent));
        _tools = AgentTools.From(options);
        _examples = new PromptExamples<TIn, TOut>([], options);
        if (options.Judge is not null)
        {
            _judge = new PromptJudge<TIn, TOut>(options.Judge, options, _variables);
            _errors.AddRange(_judge.Errors);
        }
    }

    private PromptTask(PromptTask<TIn, TOut> source, PromptExample<TIn, TOut>[] examples)
        : this(source.Name, source._prompt, source._options, source._agreement, source.Kind)
    {
        _examples = new PromptExamples<TIn, TOut>(examples, _options);
        _errors.AddRange(_examples.Errors);
    }

    /// <summary>Gets the versioned prompt the task renders.</summary>
    public Prompt Prompt => _prompt;

    /// <summary>Gets the few-shot examples shown to the model before the real input, in order; empty without any.</summary>
    public IReadOnlyList<PromptExample<TIn, TOut>> Examples => _examples.Items;

    /// <summary>
    /// Gets the SHA-256 (lowercase hex) of the examples' canonical JSON (inputs, outputs and reasoning, keys sorted, no
    /// whitespace), or <see langword="null"/> without examples. It changes whenever an example, or their order, does;
    /// it is recorded in <see cref="LlmCallRecord.ExamplesHash"/>.
    /// </summary>
    public string? ExamplesHash => _examples.Hash;

    /// <summary>
    /// Returns a new task, like this one, that shows the model <paramref name="examples"/> (replacing any this one has):
    /// each as a user message rendered from the example's input, then an assistant message holding its output exactly as
    /// the model is asked to reply, after the system message(s) and before the real input.
    /// </summary>
    /// <param name="examples">The examples, in the order they are shown.</param>
    /// <returns>The new task; this one is unchanged.</returns>
    /// <exception cref="FlowDefinitionException">
    /// An example is null, has a null input or output, has an output that fails the output's own validation, or has a
    /// reasoning where chain-of-thought is off (or none where it is on).
    /// </exception>
    public PromptTask<TIn, TOut> WithExamples(params IEnumerable<PromptExample<TIn, TOut>> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var task = new PromptTask<TIn, TOut>(this, [.. examples]);
        DefinitionValidator.ThrowIfInvalid(task);
        return task;
    }

    internal override NodeDescription DescribeCore(string path)
        => new(Name, Kind, path, typeof(TIn), typeof(TOut), [])
        {
            Detail = _prompt.ToString(),
            Tools = _tools?.ToolNames ?? [],
            Prompt = _prompt,
            JudgePrompt = _options.Judge,
            ExamplesHash = _examples.Hash,
        };

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
        var conversation = new ModelConversation(client, chatOptions, path, definitionPath, _tools is null ? "prompt" : "agent", run, _prompt, _options);
        conversation.UsesExamples(_examples.Items.Count, _examples.Hash);
        List<ChatMessage> messages = [];
        if (_system is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, await _system.RenderAsync(EmptyKernel, arguments, cancellationToken).ConfigureAwait(false)));
        }

        if (_options.ChainOfThought)
        {
            messages.Add(new ChatMessage(ChatRole.System, ChainOfThoughtInstruction));
        }

        await _examples.AddToAsync(messages, _user, _variables, EmptyKernel, cancellationToken).ConfigureAwait(false);
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
                : await SampleAllAsync(conversation, messages, path, run, cancellationToken).ConfigureAwait(false);
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
            if (_judge is not null && valid.Select((sample, index) => (sample, index)).GroupBy(s => s.sample.Output, _agreement).ToArray() is { Length: > 1 } distinct)
            {
                // The judge picks among the distinct outputs, in the order they were first sampled, instead of the vote.
                winner = distinct[await _judge.ChooseAsync(client, arguments, [.. distinct.Select(g => g.Key)], path, definitionPath, run, cancellationToken).ConfigureAwait(false)];
            }

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

    /// <summary>
    /// The samples of self-consistency, concurrently. A sample that fails outright (the model call failed, a budget ran
    /// out) fails the node, so the others are cancelled rather than left spending calls whose result is thrown away; a
    /// sample that never validates is an outcome, not a failure, and the others go on.
    /// </summary>
    private async Task<Sample[]> SampleAllAsync(ModelConversation conversation, List<ChatMessage> messages, string path, RunContext run, CancellationToken cancellationToken)
    {
        using var siblings = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = Enumerable.Range(0, _options.Samples).Select(_ => GuardedAsync()).ToArray();
        try
        {
            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested
            && tasks.FirstOrDefault(t => t.IsFaulted && t.Exception!.InnerException is not OperationCanceledException) is { } first)
        {
            // The failure that stopped the others, not a sibling's cancellation.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first.Exception!.InnerException!);
            throw;
        }

        async Task<Sample> GuardedAsync()
        {
            try
            {
                return await SampleAsync(conversation, [.. messages], path, run, siblings.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                await siblings.CancelAsync().ConfigureAwait(false);
                throw;
            }
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

        var json = ModelCalls.ExtractJson(reply, array: false);
        if (json is null && _wrapped && !_options.ChainOfThought && IsJsonValue(reply))
        {
            // A bare value where {"value": ...} was asked for: a model without structured output may answer so.
            json = $"{{\"{OutputShape.ValueProperty}\":{reply.Trim()}}}";
        }

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
            else if (_wrapped)
            {
                using var document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty(OutputShape.ValueProperty, out var wrappedValue))
                {
                    errors = [$"the reply has no \"{OutputShape.ValueProperty}\" property"];
                    return false;
                }

                value = wrappedValue.Deserialize<TOut>(_options.SerializerOptions);
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

        var invalid = OutputValidator.Validate(value, _options.SerializerOptions);
        if (invalid.Count > 0)
        {
            errors = invalid;
            return false;
        }

        output = value;
        errors = [];
        return true;
    }

    private static bool IsJsonValue(string reply)
    {
        try
        {
            using var document = JsonDocument.Parse(reply.Trim());
            return document.RootElement.ValueKind != JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private const string ChainOfThoughtInstruction =
        "Think step by step in \"reasoning\" first, then give the result in \"answer\". Only \"answer\" is used as the result.";

    /// <summary>
    /// The response format: the output's JSON schema, wrapped with a reasoning field when chain-of-thought is on, or in
    /// <c>{"value": ...}</c> when the output is not an object (structured output wants an object at the root).
    /// </summary>
    private static ChatResponseFormatJson? Format(string name, PromptTaskOptions options, out bool wrapped)
    {
        wrapped = false;
        if (typeof(TOut) == typeof(string) && !options.ChainOfThought)
        {
            return null;
        }

        JsonElement schema;
        if (!options.ChainOfThought)
        {
            schema = OutputShape.Schema(typeof(TOut), options.SerializerOptions, out wrapped);
            return ChatResponseFormat.ForJsonSchema(schema, SchemaName(typeof(TOut)), $"The output of '{name}'.");
        }

        schema = AIJsonUtilities.CreateJsonSchema(typeof(TOut), serializerOptions: options.SerializerOptions);
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
