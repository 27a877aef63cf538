namespace AgentFlow.Evaluation;

/// <summary>Readable type names for messages (<c>List&lt;Ticket&gt;</c>, not <c>List`1</c>) and what counts as a simple value.</summary>
internal static class TypeNames
{
    public static string Of(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Of(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Of(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        // A type nested in a generic type is generic without a backtick of its own.
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        var name = tick < 0 ? type.Name : type.Name[..tick];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Of))}>";
    }

    /// <summary>Strings, numbers, booleans, enums, dates, times, GUIDs and URIs: values written in one CSV cell as they are.</summary>
    public static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
            || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(TimeSpan)
            || type == typeof(Guid) || type == typeof(Uri);
    }
}
