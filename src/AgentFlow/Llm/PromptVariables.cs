using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;

namespace AgentFlow;

/// <summary>
/// The template variables a task input provides: each public property by name, and the whole input as
/// <c>input</c> (its text for simple types, its JSON otherwise). Templates are checked against them when the task is
/// built, so a misspelt variable fails then rather than rendering as empty text.
/// </summary>
internal sealed partial class PromptVariables<TIn>
{
    private readonly PropertyInfo[] _properties;
    private readonly bool _simple;
    private readonly JsonSerializerOptions _serializerOptions;

    /// <param name="serializerOptions">How inputs that are not simple values are written as JSON.</param>
    /// <param name="extra">Variables filled by the caller rather than by the input, such as a judge's <c>candidates</c>.</param>
    public PromptVariables(JsonSerializerOptions serializerOptions, params IEnumerable<string> extra)
    {
        _serializerOptions = serializerOptions;
        _simple = IsSimple(typeof(TIn));
        _properties = _simple
            ? []
            : [.. typeof(TIn).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0)];
        Names = ["input", .. _properties.Select(p => p.Name), .. extra];
    }

    /// <summary>Gets the variable names a template may use.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Returns one message per template construct that this input cannot fill.</summary>
    public IEnumerable<string> Check(string template, string part)
    {
        foreach (Match block in Block().Matches(template))
        {
            var variable = Variable().Match(block.Value);
            if (!variable.Success)
            {
                yield return $"the {part} template uses '{block.Value}', but prompt tasks only fill variables such as {{{{$input}}}}.";
            }
            else if (!Names.Contains(variable.Groups[1].Value, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"the {part} template uses {{{{${variable.Groups[1].Value}}}}}, which {typeof(TIn).Name} does not provide. "
                    + $"Available: {string.Join(", ", Names.Select(n => $"{{{{${n}}}}}"))}.";
            }
        }
    }

    public KernelArguments Arguments(TIn input)
    {
        var arguments = new KernelArguments { ["input"] = Text(input) };
        foreach (var property in _properties)
        {
            arguments[property.Name] = Text(property.GetValue(input));
        }

        return arguments;
    }

    private string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        IFormattable formattable when IsSimple(value.GetType()) => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ when IsSimple(value.GetType()) => value.ToString(),
        _ => JsonSerializer.Serialize(value, value.GetType(), _serializerOptions),
    };

    internal static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
            || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(Uri);
    }

    [GeneratedRegex(@"\{\{.*?\}\}", RegexOptions.Singleline)]
    private static partial Regex Block();

    [GeneratedRegex(@"^\{\{\s*\$(\w+)\s*\}\}$")]
    private static partial Regex Variable();
}
