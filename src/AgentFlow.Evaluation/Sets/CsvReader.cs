using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>
/// Reads an eval set from CSV with a header row: <c>id</c> (optional), <c>input</c> or <c>input.&lt;Property&gt;</c>
/// columns, <c>expected</c> or <c>expected.&lt;Property&gt;</c> columns, and <c>tags</c> (optional, separated by <c>;</c>).
/// </summary>
internal static class CsvReader
{
    private const string Columns = "Columns are id, input or input.<Property>, expected or expected.<Property>, and tags.";

    public static EvalSet<TIn, TExpected> Read<TIn, TExpected>(TextReader reader, string source, string name, JsonSerializerOptions options)
    {
        var cases = new CaseReader<TIn, TExpected>(options);
        var records = CsvParser.Parse(reader.ReadToEnd(), cases.Error);
        const string Empty = "The file holds no cases: write a header row (such as id,input,expected,tags) and one row per case.";
        if (records.Count == 0)
        {
            return cases.Build(source, name, Empty);
        }

        var header = records[0];
        var rowSyntaxErrors = cases.ErrorCount;
        var input = new ValueColumns<TIn>("input", options);
        var expected = new ValueColumns<TExpected>("expected", options);
        int? idColumn = null, tagsColumn = null;
        HashSet<string> seen = new(StringComparer.OrdinalIgnoreCase);
        for (var column = 0; column < header.Fields.Count; column++)
        {
            var title = header.Fields[column].Trim();
            if (!seen.Add(title))
            {
                cases.Error(header.Line, $"The column '{title}' appears twice.");
            }
            else if (title.Equals("id", StringComparison.OrdinalIgnoreCase))
            {
                idColumn = column;
            }
            else if (title.Equals("tags", StringComparison.OrdinalIgnoreCase))
            {
                tagsColumn = column;
            }
            else if (!input.TryAdd(title, column, out var error) && !expected.TryAdd(title, column, out error))
            {
                cases.Error(header.Line, error ?? $"Unknown column '{title}'. {Columns}");
            }
            else if (error is not null)
            {
                cases.Error(header.Line, error);
            }
        }

        foreach (var missing in (ReadOnlySpan<string?>)[input.Missing(), expected.Missing()])
        {
            if (missing is not null)
            {
                cases.Error(header.Line, missing);
            }
        }

        if (cases.ErrorCount > rowSyntaxErrors)
        {
            // Rows cannot be read reliably under a broken header; its errors are the ones to fix first.
            return cases.Build(source, name, Empty);
        }

        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Fields.Count)
            {
                cases.Error(record.Line, $"The row has {record.Fields.Count} field(s), the header has {header.Fields.Count}. Quote a field that holds a comma.");
                continue;
            }

            var id = idColumn is { } i && record.Fields[i].Trim() is { Length: > 0 } text ? text : null;
            string[] tags = tagsColumn is { } t
                ? [.. record.Fields[t].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]
                : [];
            var inputOk = input.TryRead(cases, record, out var inputValue);
            var expectedOk = expected.TryRead(cases, record, out var expectedValue);
            if (inputOk && expectedOk)
            {
                cases.Add(record.Line, id, inputValue, expectedValue, tags);
            }
        }

        return cases.Build(source, name, Empty);
    }

    /// <summary>The columns of one value (the input or the expected output): one whole column, or one per property.</summary>
    private sealed class ValueColumns<T>
    {
        private readonly string _name;
        private readonly JsonSerializerOptions _options;
        private readonly List<(int Column, string JsonName, Type Type)> _properties = [];
        private int? _whole;

        public ValueColumns(string name, JsonSerializerOptions options)
        {
            _name = name;
            _options = options;
        }

        /// <summary>Takes the column if it is this value's; <paramref name="error"/> says why a column of this value is refused.</summary>
        public bool TryAdd(string title, int column, out string? error)
        {
            error = null;
            if (title.Equals(_name, StringComparison.OrdinalIgnoreCase))
            {
                _whole = column;
                error = _properties.Count > 0 ? Mixed() : null;
                return true;
            }

            if (!title.StartsWith(_name + ".", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var property = title[(_name.Length + 1)..];
            if (TypeNames.IsSimple(typeof(T)))
            {
                error = $"The column '{title}' names a property, but {_name} is a {TypeNames.Of(typeof(T))}: use one '{_name}' column.";
                return true;
            }

            if (Find(property) is not { } found)
            {
                error = $"Unknown column '{title}': {TypeNames.Of(typeof(T))} has no property '{property}'. "
                    + $"Its properties: {string.Join(", ", Properties().Select(p => p.Name))}.";
                return true;
            }

            _properties.Add((column, found.JsonName, found.Type));
            error = _whole is not null ? Mixed() : null;
            return true;
        }

        public string? Missing() => _whole is null && _properties.Count == 0
            ? $"There is no '{_name}' column: add one ('{_name}', or '{_name}.<Property>' columns for {TypeNames.Of(typeof(T))}'s properties)."
            : null;

        public bool TryRead<TIn, TExpected>(CaseReader<TIn, TExpected> cases, CsvParser.Record record, out T value)
        {
            value = default!;
            JsonNode? node;
            if (_whole is { } whole)
            {
                var cell = record.Fields[whole];
                if (cell.Length == 0)
                {
                    cases.Error(record.Line, $"'{_name}' is empty.");
                    return false;
                }

                if (!TryConvert(cell, typeof(T), out node, out var error))
                {
                    cases.Error(record.Line, $"'{_name}' {error}");
                    return false;
                }
            }
            else if (_properties.Count > 0)
            {
                var obj = new JsonObject();
                foreach (var (column, jsonName, type) in _properties)
                {
                    var cell = record.Fields[column];
                    if (cell.Length == 0)
                    {
                        continue;
                    }

                    if (!TryConvert(cell, type, out var propertyNode, out var error))
                    {
                        cases.Error(record.Line, $"'{_name}.{jsonName}' {error}");
                        return false;
                    }

                    obj[jsonName] = propertyNode;
                }

                node = obj;
            }
            else
            {
                // No column at all: reported once, for the header.
                return false;
            }

            return cases.TryRead(() => node.Deserialize<T>(_options), _name, record.Line, out value);
        }

        private string Mixed() => $"Both '{_name}' and '{_name}.<Property>' columns: use one or the other.";

        /// <summary>
        /// A cell as JSON for a value of <paramref name="type"/>: a string as it is; a simple value as the JSON literal it
        /// reads as (a number, a boolean), else as a string (an enum member, a date); anything else must be JSON.
        /// </summary>
        private static bool TryConvert(string cell, Type type, out JsonNode? node, out string? error)
        {
            error = null;
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (underlying == typeof(string))
            {
                node = JsonValue.Create(cell);
                return true;
            }

            if (underlying == typeof(bool) && bool.TryParse(cell.Trim(), out var flag))
            {
                node = JsonValue.Create(flag);
                return true;
            }

            JsonNode? parsed;
            try
            {
                parsed = JsonNode.Parse(cell);
            }
            catch (JsonException ex)
            {
                if (TypeNames.IsSimple(underlying))
                {
                    node = JsonValue.Create(cell.Trim());
                    return true;
                }

                node = null;
                error = $"is not JSON ({ex.Message.Split(". ")[0]}): a {TypeNames.Of(type)} is written in its cell as JSON, such as {{\"name\": \"value\"}}.";
                return false;
            }

            node = TypeNames.IsSimple(underlying) && parsed is JsonObject or JsonArray ? JsonValue.Create(cell) : parsed;
            return true;
        }

        private (string JsonName, Type Type)? Find(string name)
        {
            foreach (var property in Properties())
            {
                var jsonName = JsonName(property);
                if (name.Equals(property.Name, StringComparison.OrdinalIgnoreCase) || name.Equals(jsonName, StringComparison.OrdinalIgnoreCase))
                {
                    return (jsonName, property.PropertyType);
                }
            }

            return null;
        }

        private string JsonName(PropertyInfo property)
            => property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
               ?? _options.PropertyNamingPolicy?.ConvertName(property.Name)
               ?? property.Name;

        private static IEnumerable<PropertyInfo> Properties()
            => typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null);
    }
}
