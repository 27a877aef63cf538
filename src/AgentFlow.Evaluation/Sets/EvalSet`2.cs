using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFlow.Evaluation;

/// <summary>
/// A named, immutable set of typed cases to evaluate a task on, with a content hash that identifies its data.
/// </summary>
/// <typeparam name="TIn">The input type: the input of the task under evaluation.</typeparam>
/// <typeparam name="TExpected">The type of the expected outputs.</typeparam>
/// <remarks>
/// Load one with <see cref="EvalSet.FromJsonl{TIn, TExpected}(string, JsonSerializerOptions?)"/> or
/// <see cref="EvalSet.FromCsv{TIn, TExpected}(string, JsonSerializerOptions?)"/>, or make one from a list with
/// <see cref="EvalSet.Create{TIn, TExpected}(string, IEnumerable{EvalCase{TIn, TExpected}}, JsonSerializerOptions?)"/>.
/// Every case was checked when the set was made. Instances are thread-safe.
/// </remarks>
public sealed class EvalSet<TIn, TExpected>
{
    internal EvalSet(string name, IReadOnlyList<EvalCase<TIn, TExpected>> cases, JsonSerializerOptions serializerOptions)
    {
        Name = name;
        Cases = cases;
        SerializerOptions = serializerOptions;
        ContentHash = Hash(cases, serializerOptions);
    }

    /// <summary>Gets the set's name: the file name without its extension, or the name given.</summary>
    public string Name { get; }

    /// <summary>Gets the cases, in the order of the file or list.</summary>
    public IReadOnlyList<EvalCase<TIn, TExpected>> Cases { get; }

    /// <summary>Gets the serializer options the cases were read with; they also write the inputs and expected outputs into reports.</summary>
    public JsonSerializerOptions SerializerOptions { get; }

    /// <summary>
    /// Gets the SHA-256 (lowercase hex) of the cases' canonical form: each case's id, input, expected output (as JSON,
    /// object keys sorted, no whitespace, line endings as LF) and sorted tags, the cases sorted by id. It does not depend
    /// on the file's format, line endings, property order or the order of the cases, only on their content, so it keys
    /// the dataset in the history of evaluations.
    /// </summary>
    public string ContentHash { get; }

    /// <summary>Returns the subset of the cases that match <paramref name="predicate"/>, with its own content hash.</summary>
    /// <param name="predicate">Which cases to keep.</param>
    /// <param name="name">The subset's name; defaults to this set's name.</param>
    /// <returns>The subset, in this set's order.</returns>
    /// <exception cref="EvalSetLoadException">No case matches.</exception>
    public EvalSet<TIn, TExpected> Where(Func<EvalCase<TIn, TExpected>, bool> predicate, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var kept = Cases.Where(predicate).ToArray();
        if (kept.Length == 0)
        {
            throw new EvalSetLoadException(name ?? Name, [new EvalSetError(1, "No case matches the filter: a set needs at least one case.")]);
        }

        return new EvalSet<TIn, TExpected>(name ?? Name, kept, SerializerOptions);
    }

    /// <inheritdoc />
    public override string ToString() => $"eval set '{Name}' ({Cases.Count} cases, {ContentHash[..12]})";

    private static string Hash(IReadOnlyList<EvalCase<TIn, TExpected>> cases, JsonSerializerOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var @case in cases.OrderBy(c => c.Id, StringComparer.Ordinal))
            {
                var canonical = new JsonObject
                {
                    ["id"] = @case.Id,
                    ["input"] = JsonSerializer.SerializeToNode(@case.Input, options),
                    ["expected"] = JsonSerializer.SerializeToNode(@case.Expected, options),
                    ["tags"] = new JsonArray([.. @case.Tags.Order(StringComparer.Ordinal).Select(t => (JsonNode)t)]),
                };
                CanonicalJson.Write(writer, canonical);
            }

            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }
}
