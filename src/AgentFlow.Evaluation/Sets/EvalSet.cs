using System.Text;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>Makes eval sets: from a JSON Lines file, a CSV file, or a list of cases. Every case is checked when the set is made.</summary>
/// <remarks>
/// Loading collects every problem of the file, each with its line, and throws them together in an
/// <see cref="EvalSetLoadException"/>: invalid JSON or CSV, a missing input or expected output, a value that does not read
/// as its type or fails its DataAnnotations, a duplicate id, an unknown property or column, an empty file.
/// </remarks>
public static class EvalSet
{
    /// <summary>Makes a set from cases in memory.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TExpected">The type of the expected outputs.</typeparam>
    /// <param name="name">The set's name.</param>
    /// <param name="cases">The cases, in order.</param>
    /// <param name="serializerOptions">How inputs and expected outputs are written as JSON for the content hash and reports; defaults to <see cref="PromptTaskOptions.DefaultSerializerOptions"/>.</param>
    /// <returns>The set.</returns>
    /// <exception cref="EvalSetLoadException">There are no cases, a case is null, two cases share an id, or a value fails its DataAnnotations; <see cref="EvalSetError.Line"/> is the case's 1-based position.</exception>
    public static EvalSet<TIn, TExpected> Create<TIn, TExpected>(
        string name, IEnumerable<EvalCase<TIn, TExpected>> cases, JsonSerializerOptions? serializerOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(cases);
        var reader = new CaseReader<TIn, TExpected>(serializerOptions ?? PromptTaskOptions.DefaultSerializerOptions);
        var position = 0;
        foreach (var @case in cases)
        {
            position++;
            if (@case is null)
            {
                reader.Error(position, "The case is null.");
                continue;
            }

            var valid = reader.TryRead(() => @case.Input, "input", position, out TIn input);
            valid &= reader.TryRead(() => @case.Expected, "expected", position, out TExpected expected);
            if (valid)
            {
                reader.Add(position, @case.Id, input, expected, @case.Tags);
            }
        }

        return reader.Build(name, name, "The set has no cases: give it at least one.");
    }

    /// <summary>
    /// Loads a set from a JSON Lines file: one case per line,
    /// <c>{"id": "refund-1", "input": ..., "expected": ..., "tags": ["billing"]}</c>. <c>id</c> is optional (default
    /// <c>line-N</c>), and so is <c>tags</c>; blank lines are skipped; a UTF-8 byte order mark and CRLF line ends are accepted.
    /// </summary>
    /// <typeparam name="TIn">The input type: <c>input</c> is read as one.</typeparam>
    /// <typeparam name="TExpected">The type of the expected outputs: <c>expected</c> is read as one.</typeparam>
    /// <param name="path">The file; the set is named after it, without its extension.</param>
    /// <param name="serializerOptions">How values are read; defaults to <see cref="PromptTaskOptions.DefaultSerializerOptions"/> (camelCase, enums as strings, case-insensitive).</param>
    /// <returns>The set.</returns>
    /// <exception cref="EvalSetLoadException">The file has one or more invalid lines, or no case; every error is listed with its line.</exception>
    public static EvalSet<TIn, TExpected> FromJsonl<TIn, TExpected>(string path, JsonSerializerOptions? serializerOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return JsonlReader.Read<TIn, TExpected>(reader, path, Path.GetFileNameWithoutExtension(path), serializerOptions ?? PromptTaskOptions.DefaultSerializerOptions);
    }

    /// <summary>Loads a set from JSON Lines text (see <see cref="FromJsonl{TIn, TExpected}(string, JsonSerializerOptions?)"/>).</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TExpected">The type of the expected outputs.</typeparam>
    /// <param name="reader">The text; it is read to its end, not disposed.</param>
    /// <param name="name">The set's name, also used in errors as the file name.</param>
    /// <param name="serializerOptions">How values are read; defaults to <see cref="PromptTaskOptions.DefaultSerializerOptions"/>.</param>
    /// <returns>The set.</returns>
    /// <exception cref="EvalSetLoadException">The text has one or more invalid lines, or no case.</exception>
    public static EvalSet<TIn, TExpected> FromJsonl<TIn, TExpected>(TextReader reader, string name, JsonSerializerOptions? serializerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return JsonlReader.Read<TIn, TExpected>(reader, name, name, serializerOptions ?? PromptTaskOptions.DefaultSerializerOptions);
    }

    /// <summary>
    /// Loads a set from a CSV file (RFC 4180: quoted fields may hold commas, line breaks and doubled quotes) with a header
    /// row. Columns: <c>input</c>, holding a simple value as it is (text, a number, an enum member, a date) or a complex
    /// one as JSON, or instead one <c>input.&lt;Property&gt;</c> column per property; the same for <c>expected</c>;
    /// optionally <c>id</c> (default <c>line-N</c>) and <c>tags</c>, separated by <c>;</c>. An empty property cell leaves
    /// the property out. A UTF-8 byte order mark and CRLF line ends are accepted; blank lines are skipped.
    /// </summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TExpected">The type of the expected outputs.</typeparam>
    /// <param name="path">The file; the set is named after it, without its extension.</param>
    /// <param name="serializerOptions">How values are read; defaults to <see cref="PromptTaskOptions.DefaultSerializerOptions"/>.</param>
    /// <returns>The set.</returns>
    /// <exception cref="EvalSetLoadException">The header or one or more rows are invalid, or there is no case; every error is listed with its line.</exception>
    public static EvalSet<TIn, TExpected> FromCsv<TIn, TExpected>(string path, JsonSerializerOptions? serializerOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return CsvReader.Read<TIn, TExpected>(reader, path, Path.GetFileNameWithoutExtension(path), serializerOptions ?? PromptTaskOptions.DefaultSerializerOptions);
    }

    /// <summary>Loads a set from CSV text (see <see cref="FromCsv{TIn, TExpected}(string, JsonSerializerOptions?)"/>).</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TExpected">The type of the expected outputs.</typeparam>
    /// <param name="reader">The text; it is read to its end, not disposed.</param>
    /// <param name="name">The set's name, also used in errors as the file name.</param>
    /// <param name="serializerOptions">How values are read; defaults to <see cref="PromptTaskOptions.DefaultSerializerOptions"/>.</param>
    /// <returns>The set.</returns>
    /// <exception cref="EvalSetLoadException">The header or one or more rows are invalid, or there is no case.</exception>
    public static EvalSet<TIn, TExpected> FromCsv<TIn, TExpected>(TextReader reader, string name, JsonSerializerOptions? serializerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return CsvReader.Read<TIn, TExpected>(reader, name, name, serializerOptions ?? PromptTaskOptions.DefaultSerializerOptions);
    }
}
