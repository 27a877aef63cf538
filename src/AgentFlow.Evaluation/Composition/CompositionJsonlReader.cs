using System.Globalization;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>
/// Reads a composition set from JSON Lines: one JSON object per line, <c>{"id", "input", "expected", "category",
/// "tags", "subtasks": {path: value}, "routes": {path: label}}</c>; blank lines are skipped.
/// </summary>
internal static class CompositionJsonlReader
{
    private const string Allowed = "Allowed: id, input, expected, category, tags, subtasks, routes.";

    private static readonly string[] Properties = ["id", "input", "expected", "category", "tags", "subtasks", "routes"];

    public static CompositionSet<TIn, TExpected> Read<TIn, TExpected>(
        TextReader reader, string source, string name, IReadOnlyDictionary<string, SubTask> subTasks, JsonSerializerOptions options)
    {
        var cases = new CompositionCaseCollector<TIn, TExpected>(options);
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (line == 1)
            {
                text = text.TrimStart('\uFEFF');
            }

            if (!string.IsNullOrWhiteSpace(text))
            {
                ReadLine(cases, subTasks, text, line);
            }
        }

        return cases.Build(
            source,
            name,
            "The file holds no cases: write one JSON object per line, such as {\"input\": ..., \"expected\": ..., \"subtasks\": {\"flow/step\": ...}}.",
            subTasks.Values);
    }

    private static void ReadLine<TIn, TExpected>(CompositionCaseCollector<TIn, TExpected> cases, IReadOnlyDictionary<string, SubTask> subTasks, string text, int line)
    {
        var errors = cases.Reader;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            var at = ex.BytePositionInLine is { } position ? string.Create(CultureInfo.InvariantCulture, $" at character {JsonlReader.Character(text, position) + 1}") : string.Empty;
            errors.Error(line, $"Not valid JSON{at}: {JsonlReader.FirstSentence(ex.Message)} Each line must be one JSON object.");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Error(line, $"A line must be a JSON object such as {{\"input\": ..., \"expected\": ..., \"subtasks\": {{...}}}}, not {JsonlReader.Kind(root.ValueKind)}.");
                return;
            }

            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            var valid = true;
            foreach (var property in root.EnumerateObject())
            {
                var known = Array.Find(Properties, p => p.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
                if (known is null)
                {
                    errors.Error(line, $"Unknown property '{property.Name}'. {Allowed}");
                    valid = false;
                }
                else if (!values.TryAdd(known, property.Value))
                {
                    errors.Error(line, $"The property '{property.Name}' appears twice.");
                    valid = false;
                }
            }

            foreach (var required in (ReadOnlySpan<string>)["input", "expected"])
            {
                if (!values.ContainsKey(required))
                {
                    errors.Error(line, $"The case has no '{required}'.");
                    valid = false;
                }
            }

            var id = ReadText(errors, values, "id", line, ref valid, wholeNumbers: true, $"Leave it out to get 'line-{line}'.");
            var category = ReadText(errors, values, "category", line, ref valid, wholeNumbers: false, "Leave it out for a case without a category.");
            if (CompositionCase<TIn, TExpected>.CheckCategory(category) is { } categoryError)
            {
                errors.Error(line, $"Case '{id ?? $"line-{line}"}': {categoryError}");
                valid = false;
            }

            var tags = ReadTags(errors, values, line, ref valid);
            var options = errors.SerializerOptions;
            TIn input = default!;
            TExpected expected = default!;
            valid &= !values.TryGetValue("input", out var inputJson) || errors.TryRead(() => inputJson.Deserialize<TIn>(options), "input", line, out input);
            valid &= !values.TryGetValue("expected", out var expectedJson) || errors.TryRead(() => expectedJson.Deserialize<TExpected>(options), "expected", line, out expected);
            var expectations = ReadSubTasks(cases, subTasks, values, line, ref valid);
            var routes = ReadRoutes(errors, values, line, ref valid);
            if (!valid)
            {
                return;
            }

            id ??= string.Create(CultureInfo.InvariantCulture, $"line-{line}");
            if (EvalSetRules.CheckId(id) is { } idError)
            {
                errors.Error(line, idError);
                return;
            }

            foreach (var tag in tags)
            {
                if (EvalSetRules.CheckTag(tag) is { } tagError)
                {
                    errors.Error(line, $"Case '{id}': {tagError}");
                    return;
                }
            }

            var @case = new CompositionCase<TIn, TExpected>(id, input, expected, tags) { Category = category };
            @case = expectations.Aggregate(@case, (c, e) => e.AddTo(c));
            @case = routes.Aggregate(@case, (c, r) => c.ExpectRoute(r.Path, r.Label));
            cases.Add(line, @case);
        }
    }

    private static List<Expectation> ReadSubTasks<TIn, TExpected>(
        CompositionCaseCollector<TIn, TExpected> cases, IReadOnlyDictionary<string, SubTask> subTasks, Dictionary<string, JsonElement> values, int line, ref bool valid)
    {
        List<Expectation> read = [];
        if (!values.TryGetValue("subtasks", out var json) || json.ValueKind == JsonValueKind.Null)
        {
            return read;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            cases.Reader.Error(line, "'subtasks' must be an object from node paths to expected results, such as {\"qa/country\": \"Kenya\"}.");
            valid = false;
            return read;
        }

        foreach (var property in json.EnumerateObject())
        {
            var path = property.Name;
            if (read.Any(e => e.SubTask.Path == path))
            {
                cases.Reader.Error(line, $"The sub-task '{path}' appears twice in 'subtasks'.");
                valid = false;
            }
            else if (!subTasks.TryGetValue(path, out var subTask))
            {
                var declared = subTasks.Count == 0 ? "none are declared" : "declared: " + string.Join(", ", subTasks.Keys.Order(StringComparer.Ordinal));
                cases.Reader.Error(line, $"Unknown sub-task '{path}': give a SubTask at this path to the loader ({declared}).");
                valid = false;
            }
            else
            {
                if (subTask.TryReadExpected(cases.Reader, property.Value, $"subtasks.{path}", line, out var expected))
                {
                    read.Add(new Expectation(subTask, expected));
                }
                else
                {
                    valid = false;
                }
            }
        }

        return read;
    }

    private static List<RouteExpectation> ReadRoutes<TIn, TExpected>(CaseReader<TIn, TExpected> errors, Dictionary<string, JsonElement> values, int line, ref bool valid)
    {
        List<RouteExpectation> read = [];
        if (!values.TryGetValue("routes", out var json) || json.ValueKind == JsonValueKind.Null)
        {
            return read;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Error(line, "'routes' must be an object from node paths to case labels, such as {\"qa/fact\": \"Currency\"}.");
            valid = false;
            return read;
        }

        foreach (var property in json.EnumerateObject())
        {
            if (CompositionPaths.Check(property.Name) is { } pathError)
            {
                errors.Error(line, $"'routes': {pathError}");
                valid = false;
            }
            else if (read.Any(r => r.Path == property.Name))
            {
                errors.Error(line, $"The route '{property.Name}' appears twice in 'routes'.");
                valid = false;
            }
            else if (property.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(property.Value.GetString()))
            {
                errors.Error(line, $"The route '{property.Name}' must be a case label as a non-empty string, not {JsonlReader.Kind(property.Value.ValueKind)}.");
                valid = false;
            }
            else
            {
                read.Add(new RouteExpectation(property.Name, property.Value.GetString()!));
            }
        }

        return read;
    }

    private static string? ReadText<TIn, TExpected>(
        CaseReader<TIn, TExpected> errors, Dictionary<string, JsonElement> values, string name, int line, ref bool valid, bool wholeNumbers, string hint)
    {
        if (!values.TryGetValue(name, out var json) || json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (json.ValueKind == JsonValueKind.String)
        {
            return json.GetString();
        }

        if (wholeNumbers && json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var number))
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        errors.Error(line, $"'{name}' must be a string{(wholeNumbers ? " (or a whole number)" : string.Empty)}, not {JsonlReader.Kind(json.ValueKind)}. {hint}");
        valid = false;
        return null;
    }

    private static string[] ReadTags<TIn, TExpected>(CaseReader<TIn, TExpected> errors, Dictionary<string, JsonElement> values, int line, ref bool valid)
    {
        if (!values.TryGetValue("tags", out var tags) || tags.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (tags.ValueKind != JsonValueKind.Array || tags.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
        {
            errors.Error(line, "'tags' must be an array of strings, such as [\"africa\", \"hard\"].");
            valid = false;
            return [];
        }

        return [.. tags.EnumerateArray().Select(t => t.GetString()!)];
    }

    /// <summary>An expected sub-task result read from a line, added to the case through the sub-task's own types.</summary>
    private sealed record Expectation(SubTask SubTask, object Expected)
    {
        public CompositionCase<TIn, TExpected> AddTo<TIn, TExpected>(CompositionCase<TIn, TExpected> @case) => @case.With(new SubTaskExpectation(SubTask, Expected));
    }
}
