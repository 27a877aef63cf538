using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFlow;

/// <summary>
/// DataAnnotations validation of a whole output: the object's own attributes and <see cref="IValidatableObject"/>, then
/// every nested object, collection item and dictionary value below it. Each error is prefixed with its path in the
/// JSON the model wrote (<c>items[2].name: The Name field is required.</c>), so a repair message tells the model where
/// to look.
/// </summary>
/// <remarks>
/// Strings, primitives, enums and other framework types are not descended into. An object reached twice (a shared
/// instance or a cycle) is validated once, and nothing deeper than <see cref="MaxDepth"/> levels is visited.
/// </remarks>
internal static class OutputValidator
{
    /// <summary>The deepest level visited: System.Text.Json's own default limit for reading.</summary>
    private const int MaxDepth = 64;

    private static readonly ConcurrentDictionary<Type, Member[]> Members = new();

    /// <summary>Returns one message per broken rule, with its path; empty when the value is valid.</summary>
    public static IReadOnlyList<string> Validate(object value, JsonSerializerOptions serializerOptions)
    {
        List<string> errors = [];
        Visit(value, string.Empty, serializerOptions, new HashSet<object>(ReferenceEqualityComparer.Instance), errors, depth: 0);
        return errors;
    }

    private static void Visit(object value, string path, JsonSerializerOptions serializerOptions, HashSet<object> visited, List<string> errors, int depth)
    {
        var type = value.GetType();
        if (depth > MaxDepth || IsLeaf(type) || (!type.IsValueType && !visited.Add(value)))
        {
            return;
        }

        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (entry.Value is not null)
                {
                    Visit(entry.Value, $"{path}[{Convert.ToString(entry.Key, CultureInfo.InvariantCulture)}]", serializerOptions, visited, errors, depth + 1);
                }
            }

            return;
        }

        if (value is IEnumerable items)
        {
            if (HasLeafItems(type))
            {
                return;
            }

            var index = 0;
            foreach (var item in items)
            {
                if (item is not null)
                {
                    Visit(item, $"{path}[{index}]", serializerOptions, visited, errors, depth + 1);
                }

                index++;
            }

            return;
        }

        var members = Members.GetOrAdd(type, Describe);
        List<ValidationResult> results = [];
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            foreach (var result in results)
            {
                errors.Add(Format(path, result, members, serializerOptions));
            }
        }

        foreach (var member in members)
        {
            if (member.Property.GetValue(value) is { } child)
            {
                Visit(child, Join(path, member.JsonName(serializerOptions)), serializerOptions, visited, errors, depth + 1);
            }
        }
    }

    private static string Format(string path, ValidationResult result, Member[] members, JsonSerializerOptions serializerOptions)
    {
        var message = result.ErrorMessage ?? "The value is not valid.";
        var names = result.MemberNames
            .Select(name => members.FirstOrDefault(m => m.Property.Name == name)?.JsonName(serializerOptions) ?? name)
            .Select(name => Join(path, name))
            .ToArray();
        if (names.Length > 0)
        {
            return $"{string.Join(", ", names)}: {message}";
        }

        return path.Length > 0 ? $"{path}: {message}" : message;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static Member[] Describe(Type type)
        => [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetMethod!.IsPublic && p.GetIndexParameters().Length == 0
                && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .Select(p => new Member(p, p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name))];

    /// <summary>Types whose values hold no DataAnnotations of the output's own: primitives, strings, enums and framework types.</summary>
    private static bool IsLeaf(Type type)
        => type.IsPrimitive || type.IsEnum || type.IsPointer
           || (!typeof(IEnumerable).IsAssignableFrom(type) && type.Namespace is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal)))
           || type == typeof(string);

    /// <summary>Whether a collection's items are leaves by their declared type (a <c>byte[]</c>, a <c>List&lt;string&gt;</c>), so need no visit.</summary>
    private static bool HasLeafItems(Type type)
    {
        var itemType = type.IsArray
            ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        return itemType is not null && itemType.IsSealed && IsLeaf(itemType);
    }

    /// <summary>A property to descend into, with the name it has in JSON when it names itself.</summary>
    private sealed record Member(PropertyInfo Property, string? ExplicitName)
    {
        public string JsonName(JsonSerializerOptions serializerOptions)
            => ExplicitName ?? serializerOptions.PropertyNamingPolicy?.ConvertName(Property.Name) ?? Property.Name;
    }
}
