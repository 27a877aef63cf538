namespace AgentFlow;

/// <summary>Type names as C# writes them: <c>IReadOnlyList&lt;Ticket&gt;</c>, not <c>IReadOnlyList`1</c>.</summary>
internal static class TypeNames
{
    public static string Display(Type type)
    {
        if (type.IsArray)
        {
            return Display(type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Display(underlying) + "?";
        }

        // A type nested in a generic type is generic without an arity suffix of its own; show its own name.
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        if (!type.IsGenericType || tick < 0)
        {
            return Keyword(type) ?? type.Name;
        }

        return $"{type.Name[..tick]}<{string.Join(", ", type.GetGenericArguments().Select(Display))}>";
    }

    // Enums report their underlying integral type code, so they never get a keyword.
    private static string? Keyword(Type type) => type.IsEnum ? null : Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean => "bool",
        TypeCode.Char => "char",
        TypeCode.SByte => "sbyte",
        TypeCode.Byte => "byte",
        TypeCode.Int16 => "short",
        TypeCode.UInt16 => "ushort",
        TypeCode.Int32 => "int",
        TypeCode.UInt32 => "uint",
        TypeCode.Int64 => "long",
        TypeCode.UInt64 => "ulong",
        TypeCode.Single => "float",
        TypeCode.Double => "double",
        TypeCode.Decimal => "decimal",
        TypeCode.String => "string",
        _ => type == typeof(object) ? "object" : null,
    };
}
