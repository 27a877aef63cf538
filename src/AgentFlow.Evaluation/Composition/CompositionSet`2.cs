using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFlow.Evaluation;

/// <summary>
/// A named, immutable set of composition cases, the sub-tasks they check, and a content hash that identifies its data.
/// </summary>
/// <typeparam name="TIn">The flow's input type.</typeparam>
/// <typeparam name="TExpected">The type of the expected final outputs.</typeparam>
/// <remarks>
/// Load one with <see cref="CompositionSet.FromJsonl{TIn, TExpected}(string, IEnumerable{SubTask}, JsonSerializerOptions?)"/>
/// or make one from a list with <see cref="CompositionSet.Create{TIn, TExpected}(string, IEnumerable{CompositionCase{TIn, TExpected}}, JsonSerializerOptions?)"/>.
/// Every case was checked when the set was made; whether its paths and labels exist in a flow is checked when the flow
/// is analysed. Instances are thread-safe.
/// </remarks>
public sealed class CompositionSet<TIn, TExpected>
{
    internal CompositionSet(string name, IReadOnlyList<CompositionCase<TIn, TExpected>> cases, IReadOnlyList<SubTask> subTasks, JsonSerializerOptions serializerOptions)
    {
        Name = name;
        Cases = cases;
        SubTasks = subTasks;
        SerializerOptions = serializerOptions;
        Categories = [.. cases.Select(c => c.Category).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        ContentHash = Hash(cases, serializerOptions);
    }

    /// <summary>Gets the set's name: the file name without its extension, or the name given.</summary>
    public string Name { get; }

    /// <summary>Gets the cases, in the order of the file or list.</summary>
    public IReadOnlyList<CompositionCase<TIn, TExpected>> Cases { get; }

    /// <summary>Gets the sub-tasks the cases check (those declared when loading from a file), sorted by path.</summary>
    public IReadOnlyList<SubTask> SubTasks { get; }

    /// <summary>Gets the cases' categories, sorted.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Gets the serializer options the cases were read with; they also write inputs and expected results into reports.</summary>
    public JsonSerializerOptions SerializerOptions { get; }

    /// <summary>
    /// Gets the SHA-256 (lowercase hex) of the cases' canonical form: each case's id, input, expected output, category,
    /// sorted tags, and expected sub-task results and route labels by path (as JSON, object keys sorted, no whitespace,
    /// line endings as LF), the cases sorted by id. It keys the dataset of an analysis, whatever the file's layout.
    /// </summary>
    public string ContentHash { get; }

    /// <summary>Returns the cases as a plain eval set of final outputs: the same ids, inputs, expected outputs and tags.</summary>
    /// <returns>The eval set, with the same name; its content hash covers the final outputs only.</returns>
    public EvalSet<TIn, TExpected> ToEvalSet()
        => new(Name, [.. Cases.Select(c => new EvalCase<TIn, TExpected>(c.Id, c.Input, c.Expected, c.Tags))], SerializerOptions);

    /// <summary>Returns the subset of the cases that match <paramref name="predicate"/>, with its own content hash.</summary>
    /// <param name="predicate">Which cases to keep.</param>
    /// <param name="name">The subset's name; defaults to this set's name.</param>
    /// <returns>The subset, in this set's order.</returns>
    /// <exception cref="EvalSetLoadException">No case matches.</exception>
    public CompositionSet<TIn, TExpected> Where(Func<CompositionCase<TIn, TExpected>, bool> predicate, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var kept = Cases.Where(predicate).ToArray();
        if (kept.Length == 0)
        {
            throw new EvalSetLoadException(name ?? Name, [new EvalSetError(1, "No case matches the filter: a set needs at least one case.")]);
        }

        return new CompositionSet<TIn, TExpected>(name ?? Name, kept, SubTasks, SerializerOptions);
    }

    /// <inheritdoc />
    public override string ToString() => $"composition set '{Name}' ({Cases.Count} cases, {SubTasks.Count} sub-task(s), {ContentHash[..12]})";

    private static string Hash(IReadOnlyList<CompositionCase<TIn, TExpected>> cases, JsonSerializerOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var @case in cases.OrderBy(c => c.Id, StringComparer.Ordinal))
            {
                var subTasks = new JsonObject();
                foreach (var expectation in @case.SubTasks)
                {
                    subTasks[expectation.Path] = JsonSerializer.SerializeToNode(expectation.Expected, expectation.SubTask.ExpectedType, options);
                }

                var routes = new JsonObject();
                foreach (var route in @case.Routes)
                {
                    routes[route.Path] = route.Label;
                }

                var canonical = new JsonObject
                {
                    ["id"] = @case.Id,
                    ["input"] = JsonSerializer.SerializeToNode(@case.Input, options),
                    ["expected"] = JsonSerializer.SerializeToNode(@case.Expected, options),
                    ["category"] = @case.Category,
                    ["tags"] = new JsonArray([.. @case.Tags.Order(StringComparer.Ordinal).Select(t => (JsonNode)t)]),
                    ["subtasks"] = subTasks,
                    ["routes"] = routes,
                };
                CanonicalJson.Write(writer, canonical);
            }

            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }
}
