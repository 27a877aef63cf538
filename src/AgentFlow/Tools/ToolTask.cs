using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentFlow;

/// <summary>
/// A task that is one tool, without a model: the input becomes the function's arguments (its public properties by
/// parameter name, or, for a simple type, the function's single parameter), and the function's result becomes the
/// output. Checked against the function's parameters when built.
/// </summary>
internal sealed class ToolTask<TIn, TOut> : FlowTask<TIn, TOut>
{
    private readonly AIFunction _function;
    private readonly List<string> _errors = [];
    private readonly string? _single;
    private readonly (string Parameter, PropertyInfo Property)[] _bindings = [];

    public ToolTask(string name, AIFunction function)
        : base(name, NodeKind.Tool)
    {
        _function = function;
        var (parameters, required) = Parameters(function.JsonSchema);
        if (PromptVariables<TIn>.IsSimple(typeof(TIn)))
        {
            if (parameters.Count == 1)
            {
                _single = parameters[0];
            }
            else
            {
                _errors.Add($"its input is a {TypeNames.Display(typeof(TIn))}, which can only fill a function with one parameter, but '{function.Name}' has "
                    + $"{parameters.Count} ({string.Join(", ", parameters)}). Use an input type with a property per parameter.");
            }

            return;
        }

        var properties = typeof(TIn).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();
        _bindings = [.. parameters
            .Select(parameter => (parameter, property: properties.FirstOrDefault(p => string.Equals(p.Name, parameter, StringComparison.OrdinalIgnoreCase))))
            .Where(b => b.property is not null)
            .Select(b => (b.parameter, b.property!))];
        foreach (var missing in required.Where(r => !_bindings.Any(b => b.Parameter == r)))
        {
            _errors.Add($"the function '{function.Name}' requires the parameter '{missing}', which {TypeNames.Display(typeof(TIn))} does not provide. "
                + $"Its properties: {(properties.Length == 0 ? "none" : string.Join(", ", properties.Select(p => p.Name)))}.");
        }
    }

    internal override NodeDescription DescribeCore(string path)
        => NodeDescription.Leaf(this, path, typeof(TIn), typeof(TOut), detail: _function.Name, tools: [_function.Name]);

    internal override void Validate(DefinitionValidator validator, string path)
    {
        foreach (var error in _errors)
        {
            validator.Error(path, $"Tool task '{Name}': {error}");
        }
    }

    private protected override bool WrapsFailures => true;

    private protected override async ValueTask<TOut> ExecuteCoreAsync(TIn input, NodeFrame? parent, RunContext run, CancellationToken cancellationToken)
    {
        var path = NodeFrame.PathOf(parent, Name);
        Dictionary<string, object?> arguments = new(StringComparer.Ordinal);
        if (_single is not null)
        {
            arguments[_single] = input;
        }
        else
        {
            foreach (var (parameter, property) in _bindings)
            {
                arguments[parameter] = property.GetValue(input);
            }
        }

        var outcome = await ToolInvoker.InvokeAsync(_function, _function.Name, null, arguments, null, null, 0, path, run, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            throw new FlowTaskException(path, $"Tool task '{path}' failed: tool '{_function.Name}' threw {outcome.Exception!.GetType().Name}: {outcome.Error}", outcome.Exception);
        }

        try
        {
            return Convert(outcome.Result);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidCastException)
        {
            throw new FlowTaskException(
                path,
                $"Tool task '{path}' failed: tool '{_function.Name}' returned a value that does not convert to {TypeNames.Display(typeof(TOut))}: {ex.Message}",
                ex);
        }
    }

    private static TOut Convert(object? result)
    {
        var options = PromptTaskOptions.DefaultSerializerOptions;
        var value = result switch
        {
            TOut output => output,
            null => default,
            JsonElement { ValueKind: not JsonValueKind.String } element when typeof(TOut) == typeof(string) => (TOut)(object)JsonSerializer.Serialize(element),
            JsonElement element => element.Deserialize<TOut>(options),
            _ => JsonSerializer.SerializeToElement(result, result.GetType(), options).Deserialize<TOut>(options),
        };
        if (value is null && typeof(TOut).IsValueType && Nullable.GetUnderlyingType(typeof(TOut)) is null)
        {
            throw new InvalidCastException($"The tool returned null, which a {TypeNames.Display(typeof(TOut))} cannot hold.");
        }

        return value!;
    }

    /// <summary>The function's parameter names and the required ones, from its JSON schema.</summary>
    private static (List<string> Parameters, HashSet<string> Required) Parameters(JsonElement schema)
    {
        List<string> parameters = [];
        HashSet<string> required = new(StringComparer.Ordinal);
        if (schema.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                parameters.AddRange(properties.EnumerateObject().Select(p => p.Name));
            }

            if (schema.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array)
            {
                required.UnionWith(names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!));
            }
        }

        return (parameters, required);
    }
}
