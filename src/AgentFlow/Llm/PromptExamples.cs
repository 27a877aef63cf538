using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace AgentFlow;

/// <summary>
/// A prompt task's few-shot examples as the model sees them: each one's reply written once, when the task is built, as
/// the model is asked to reply (the output's JSON, <c>{reasoning, answer}</c> with chain-of-thought, or the text of a
/// string output); the definition errors of examples that contradict the task; and their hash.
/// </summary>
internal sealed class PromptExamples<TIn, TOut>
{
    private readonly string[] _replies;

    public PromptExamples(IReadOnlyList<PromptExample<TIn, TOut>> items, PromptTaskOptions options)
    {
        Items = items;
        List<string> errors = [];
        _replies = new string[items.Count];
        var canonical = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            if (Check(items[i], $"Examples[{i}]", options, errors) is { } entry)
            {
                _replies[i] = Reply(items[i], options);
                canonical.Add(entry);
            }
        }

        Errors = errors;
        Hash = items.Count == 0 || errors.Count > 0 ? null : HashOf(canonical);
    }

    /// <summary>Gets the examples, in the order they are shown.</summary>
    public IReadOnlyList<PromptExample<TIn, TOut>> Items { get; }

    /// <summary>Gets the definition errors found in the examples.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Gets the SHA-256 of the examples' canonical JSON, or <see langword="null"/> without examples.</summary>
    public string? Hash { get; }

    /// <summary>Adds each example as a user message rendered from its input and an assistant message holding its reply.</summary>
    public async ValueTask AddToAsync(
        List<ChatMessage> messages, IPromptTemplate user, PromptVariables<TIn> variables, Kernel kernel, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Items.Count; i++)
        {
            var text = await user.RenderAsync(kernel, variables.Arguments(Items[i].Input), cancellationToken).ConfigureAwait(false);
            messages.Add(new ChatMessage(ChatRole.User, text));
            messages.Add(new ChatMessage(ChatRole.Assistant, _replies[i]));
        }
    }

    /// <summary>Checks one example against the task; returns its canonical entry for the hash, or null when it is refused.</summary>
    private static JsonObject? Check(PromptExample<TIn, TOut>? example, string name, PromptTaskOptions options, List<string> errors)
    {
        var count = errors.Count;
        if (example is null)
        {
            errors.Add($"{name} is null. Give every example an input and an output.");
            return null;
        }

        if (example.Input is null)
        {
            errors.Add($"{name}.Input is null. Give every example the input it answers.");
        }

        if (example.Output is null)
        {
            errors.Add($"{name}.Output is null. Give every example the output the model should give.");
        }
        else if (OutputValidator.Validate(example.Output, options.SerializerOptions) is { Count: > 0 } invalid)
        {
            errors.Add($"{name}.Output does not pass the output's own validation: {string.Join("; ", invalid)}. "
                + "Fix the example: the model copies what its examples show.");
        }

        if (options.ChainOfThought && string.IsNullOrWhiteSpace(example.Reasoning))
        {
            errors.Add($"{name} has no Reasoning, but ChainOfThought is on, so it would teach the model to answer without reasoning. "
                + "Give every example a Reasoning, or turn ChainOfThought off.");
        }
        else if (!options.ChainOfThought && example.Reasoning is not null)
        {
            errors.Add($"{name} has a Reasoning, but ChainOfThought is off, so it would never be shown. Turn ChainOfThought on, or remove the Reasoning.");
        }

        if (errors.Count > count)
        {
            return null;
        }

        try
        {
            var entry = new JsonObject
            {
                ["input"] = JsonSerializer.SerializeToNode(example.Input, options.SerializerOptions),
                ["output"] = JsonSerializer.SerializeToNode(example.Output, options.SerializerOptions),
            };
            if (example.Reasoning is not null)
            {
                entry["reasoning"] = example.Reasoning;
            }

            return entry;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            errors.Add($"{name} cannot be written as JSON with the task's SerializerOptions: {ex.Message}");
            return null;
        }
    }

    /// <summary>The example's output written exactly as the model is asked to reply.</summary>
    private static string Reply(PromptExample<TIn, TOut> example, PromptTaskOptions options)
    {
        if (options.ChainOfThought)
        {
            var reply = new JsonObject
            {
                ["reasoning"] = example.Reasoning,
                ["answer"] = JsonSerializer.SerializeToNode(example.Output, options.SerializerOptions),
            };
            return reply.ToJsonString(options.SerializerOptions);
        }

        if (example.Output is string text)
        {
            return text;
        }

        return OutputShape.IsWrapped(typeof(TOut), options.SerializerOptions)
            ? new JsonObject { [OutputShape.ValueProperty] = JsonSerializer.SerializeToNode(example.Output, options.SerializerOptions) }.ToJsonString(options.SerializerOptions)
            : JsonSerializer.Serialize(example.Output, options.SerializerOptions);
    }

    /// <summary>
    /// SHA-256 of the examples as one JSON array, with object keys sorted and no whitespace, so that formatting and
    /// property order do not change it but any value, and the examples' order, does.
    /// </summary>
    private static string HashOf(JsonArray examples)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, examples);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteCanonical(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
