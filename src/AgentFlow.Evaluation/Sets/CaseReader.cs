using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>
/// Collects the cases of a set being loaded and every problem found on the way, each with its line: values that do not
/// read as their type or fail their DataAnnotations, and duplicate ids. Loading reports all of them at once.
/// </summary>
internal sealed class CaseReader<TIn, TExpected>
{
    private readonly List<EvalSetError> _errors = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<EvalCase<TIn, TExpected>> _cases = [];

    public CaseReader(JsonSerializerOptions serializerOptions)
    {
        SerializerOptions = serializerOptions;
    }

    public JsonSerializerOptions SerializerOptions { get; }

    /// <summary>Gets how many errors were found so far.</summary>
    public int ErrorCount => _errors.Count;

    public void Error(int line, string message) => _errors.Add(new EvalSetError(line, message));

    /// <summary>Reads one value with <paramref name="read"/>, then checks it is not null and passes its DataAnnotations.</summary>
    public bool TryRead<T>(Func<T?> read, string field, int line, out T value)
    {
        value = default!;
        T? read1;
        try
        {
            read1 = read();
        }
        catch (JsonException ex)
        {
            Error(line, $"'{field}' is not a valid {TypeName(typeof(T))}: {Describe(ex)}");
            return false;
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or FormatException or OverflowException)
        {
            Error(line, $"'{field}' cannot be read as {TypeName(typeof(T))}: {ex.Message}");
            return false;
        }

        if (read1 is null)
        {
            Error(line, $"'{field}' is null; every case needs one.");
            return false;
        }

        if (Validate(read1) is { Count: > 0 } invalid)
        {
            Error(line, $"'{field}' is not valid: {string.Join(" ", invalid)}");
            return false;
        }

        value = read1;
        return true;
    }

    /// <summary>Adds a case whose values were read; the id defaults to <c>line-N</c>.</summary>
    public void Add(int line, string? id, TIn input, TExpected expected, IReadOnlyList<string> tags)
    {
        id ??= string.Create(CultureInfo.InvariantCulture, $"line-{line}");
        if (!CheckCase(line, id, tags))
        {
            return;
        }

        _cases.Add(new EvalCase<TIn, TExpected>(id, input, expected, tags));
    }

    /// <summary>Checks an id and tags, recording why they are not usable.</summary>
    public bool CheckCase(int line, string id, IReadOnlyList<string> tags)
    {
        if (EvalSetRules.CheckId(id) is { } idError)
        {
            Error(line, idError);
            return false;
        }

        foreach (var tag in tags)
        {
            if (EvalSetRules.CheckTag(tag) is { } tagError)
            {
                Error(line, $"Case '{id}': {tagError}");
                return false;
            }
        }

        if (_ids.TryGetValue(id, out var first))
        {
            Error(line, $"Duplicate id '{id}': line {first} has it too. Ids must be unique within a set.");
            return false;
        }

        _ids.Add(id, line);
        return true;
    }

    /// <summary>Makes the set, or throws with every error found.</summary>
    public EvalSet<TIn, TExpected> Build(string source, string name, string emptyMessage)
    {
        if (_errors.Count == 0 && _cases.Count == 0)
        {
            Error(1, emptyMessage);
        }

        if (_errors.Count > 0)
        {
            throw new EvalSetLoadException(source, [.. _errors.OrderBy(e => e.Line)]);
        }

        return new EvalSet<TIn, TExpected>(name, _cases.AsReadOnly(), SerializerOptions);
    }

    /// <summary>The DataAnnotations errors of a value (its own attributes and <see cref="IValidatableObject"/>), none for simple values.</summary>
    private static List<string> Validate(object value)
    {
        if (TypeNames.IsSimple(value.GetType()))
        {
            return [];
        }

        List<ValidationResult> results = [];
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "a value is not valid.")];
    }

    /// <summary>A JSON error without the position in a document of its own, which would only confuse: the line is given apart.</summary>
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        foreach (var marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: "])
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        message = message.TrimEnd();
        return ex.Path is { Length: > 1 } path ? $"{message} (at {path})" : message;
    }

    private static string TypeName(Type type) => TypeNames.Of(type);
}
