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
    private readonly List<string> _errors = [];

    public PromptTask(string name, Prompt prompt, PromptTaskOptions options)
        : base(name, NodeKind.Prompt)
    {
        _prompt = prompt;
        _options = options;
        _variables = new PromptVariables<TIn>(options.SerializerOptions);
        _errors.AddRange(_variables.Check(prompt.User, "user"));
        if (options.ChatClient is not null && options.ModelKey is not null)
        {
            _errors.Add("both ChatClient and ModelKey are set. Set one: the client to ask, or the key of a registered one.");
        }

        if (prompt.System is not null)
        {
            _errors.AddRange(_variables.Check(prompt.System, "system"));
        }

        // Rendered text goes into a message of its own and is never parsed for roles, so values need no HTML
        // encoding; the prompt's own text is the developer's.
        _user = Templates.Create(new PromptTemplateConfig(prompt.User));
        _system = prompt.System is null ? null : Templates.Create(new PromptTemplateConfig(prompt.System));
        if (typeof(TOut) != typeof(string))
        {
            var schema = AIJsonUtilities.CreateJsonSchema(typeof(TOut), serializerOptions: options.SerializerOptions);
            _format = ChatResponseFormat.ForJsonSchema(schema, SchemaName(typeof(TOut)), $"The output of '{name}'.");
        }
    }

    internal override NodeDescription DescribeCore(string path)
        => NodeDescription.Leaf(this, path, typeof(TIn), typeof(TOut), detail: _prompt.ToString());

    internal override void Validate(DefinitionValidator validator, string path)
    {
        foreach (var error in _errors)
        {
            validator.Error(path, $"Prompt task '{Name}' (prompt '{_prompt.Name}@{_prompt.Version}'): {error}");
        }
    }

    private protected override bool WrapsFailures => true;

    private protected override async ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        var path = NodeFrame.PathOf(parent, Name);
        var definitionPath = NodeFrame.DefinitionPathOf(parent, Name);
        var arguments = _variables.Arguments(input);
        var client = ModelCalls.Resolve(_options.ChatClient, _options.ModelKey, path, "Prompt task", run);
        var chatOptions = new ChatOptions { Temperature = _options.Temperature, ResponseFormat = _format, ModelId = _options.ModelId };
        var conversation = new ModelConversation(client, chatOptions, path, definitionPath, "prompt", run, _prompt);
        if (_system is not null)
        {
            conversation.Messages.Add(new ChatMessage(ChatRole.System, await _system.RenderAsync(EmptyKernel, arguments, cancellationToken).ConfigureAwait(false)));
        }

        var userText = await _user.RenderAsync(EmptyKernel, arguments, cancellationToken).ConfigureAwait(false);
        conversation.Messages.Add(new ChatMessage(ChatRole.User, userText));
        if (run.SensitiveData)
        {
            Log.PromptSensitive(run.Logger, path, userText);
        }

        var maxAttempts = _options.MaxRepairs + 1;
        IReadOnlyList<string> errors = [];
        var reply = string.Empty;
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var response = await conversation.AskAsync(cancellationToken).ConfigureAwait(false);
            reply = response.Text;
            if (run.SensitiveData)
            {
                Log.PromptReplySensitive(run.Logger, path, attempt, reply);
            }

            if (TryRead(reply, out var output, out errors))
            {
                conversation.End(succeeded: true);
                return output;
            }

            Log.PromptReplyRejected(run.Logger, path, attempt, errors.Count);
            conversation.Reject(response, Repair(errors));
        }

        conversation.End(succeeded: false);
        throw new OutputValidationException(path, _prompt.Name, maxAttempts, errors, reply);
    }

    private bool TryRead(string reply, out TOut output, out IReadOnlyList<string> errors)
    {
        output = default!;
        if (typeof(TOut) == typeof(string))
        {
            output = (TOut)(object)reply;
            errors = [];
            return true;
        }

        var json = ModelCalls.ExtractJson(reply, ExpectsArray);
        if (json is null)
        {
            errors = ["the reply holds no JSON"];
            return false;
        }

        TOut? value;
        try
        {
            value = JsonSerializer.Deserialize<TOut>(json, _options.SerializerOptions);
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
        if (!typeof(TOut).IsValueType && !Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
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

    private static string Repair(IReadOnlyList<string> errors)
        => "Your reply was not accepted: " + string.Join("; ", errors)
           + ". Reply again with only a JSON value that matches the required schema and fixes these errors.";

    private static string SchemaName(Type type)
    {
        var name = new string([.. type.Name.Where(char.IsAsciiLetterOrDigit)]);
        return name.Length == 0 ? "output" : name;
    }
}
