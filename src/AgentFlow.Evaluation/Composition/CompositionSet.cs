using System.Text;
using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>
/// Makes composition sets: from a JSON Lines file, or from a list of cases. Every case is checked when the set is made,
/// and every problem is reported at once, each with its line, in an <see cref="EvalSetLoadException"/>.
/// </summary>
public static class CompositionSet
{
    /// <summary>Makes a set from cases in memory; the sub-tasks it checks are those its cases expect results of.</summary>
    /// <typeparam name="TIn">The flow's input type.</typeparam>
    /// <typeparam name="TExpected">The type of the expected final outputs.</typeparam>
    /// <param name="name">The set's name.</param>
    /// <param name="cases">The cases, in order.</param>
    /// <param name="serializerOptions">How values are written as JSON for the content hash and reports; defaults to <see cref="PromptTaskOptions.DefaultSerializerOptions"/>.</param>
    /// <returns>The set.</returns>
    /// <exception cref="EvalSetLoadException">
    /// There are no cases, a case is null or expects nothing of its sub-tasks and routes, two cases share an id, a value
    /// fails its DataAnnotations, or two sub-tasks at one path differ in type or scorer; <see cref="EvalSetError.Line"/>
    /// is the case's 1-based position.
    /// </exception>
    public static CompositionSet<TIn, TExpected> Create<TIn, TExpected>(
        string name, IEnumerable<CompositionCase<TIn, TExpected>> cases, JsonSerializerOptions? serializerOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(cases);
        var collector = new CompositionCaseCollector<TIn, TExpected>(serializerOptions ?? PromptTaskOptions.DefaultSerializerOptions);
        var position = 0;
        foreach (var @case in cases)
        {
            position++;
            if (@case is null)
            {
                collector.Reader.Error(position, "The case is null.");
                continue;
            }

            var valid = collector.Reader.TryRead(() => @case.Input, "input", position, out TIn _);
            valid &= collector.Reader.TryRead(() => @case.Expected, "expected", position, out TExpected _);
            foreach (var expectation in @case.SubTasks)
            {
                valid &= collector.Declare(expectation.SubTask, position);
                valid &= collector.Reader.TryRead(() => expectation.Expected, $"subtasks.{expectation.Path}", position, out object _);
            }

            if (valid)
            {
                collector.Add(position, @case);
            }
        }

        return collector.Build(name, name, "The set has no cases: give it at least one.");
    }

    /// <summary>
    /// Loads a set from a JSON Lines file: one case per line, such as
    /// <c>{"id": "nairobi-code", "input": ..., "expected": "+254", "category": "calling-code", "subtasks": {"qa/country": "Kenya"}, "routes": {"qa/fact": "CallingCode"}, "tags": ["africa"]}</c>.
    /// <c>id</c> (default <c>line-N</c>), <c>category</c>, <c>tags</c>, <c>subtasks</c> and <c>routes</c> are optional,
    /// but every case needs at least one sub-task or route. Each <c>subtasks</c> value is read as the expected type of the
    /// sub-task declared at its path. Blank lines are skipped; a UTF-8 byte order mark and CRLF line ends are accepted.
    /// </summary>
    /// <typeparam name="TIn">The flow's input type: <c>input</c> is read as one.</typeparam>
    /// <typeparam name="TExpected">The type of the expected final outputs: <c>expected</c> is read as one.</typeparam>
    /// <param name="path">The file; the set is named after it, without its extension.</param>
    /// <param name="subTasks">The sub-tasks the file's cases may check, each with its path, expected type and scorer.</param>
    /// <param name="serializerOptions">How values are read; defaults to <see cref="PromptTaskOptions.DefaultSerializerOptions"/> (camelCase, enums as strings, case-insensitive).</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">A sub-task is null, or two share a path.</exception>
    /// <exception cref="EvalSetLoadException">The file has one or more invalid lines, or no case; every error is listed with its line.</exception>
    public static CompositionSet<TIn, TExpected> FromJsonl<TIn, TExpected>(string path, IEnumerable<SubTask> subTasks, JsonSerializerOptions? serializerOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var declared = Declared(subTasks);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return CompositionJsonlReader.Read<TIn, TExpected>(reader, path, Path.GetFileNameWithoutExtension(path), declared, serializerOptions ?? PromptTaskOptions.DefaultSerializerOptions);
    }

    /// <summary>Loads a set from JSON Lines text (see <see cref="FromJsonl{TIn, TExpected}(string, IEnumerable{SubTask}, JsonSerializerOptions?)"/>).</summary>
    /// <typeparam name="TIn">The flow's input type.</typeparam>
    /// <typeparam name="TExpected">The type of the expected final outputs.</typeparam>
    /// <param name="reader">The text; it is read to its end, not disposed.</param>
    /// <param name="name">The set's name, also used in errors as the file name.</param>
    /// <param name="subTasks">The sub-tasks the cases may check.</param>
    /// <param name="serializerOptions">How values are read; defaults to <see cref="PromptTaskOptions.DefaultSerializerOptions"/>.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">A sub-task is null, or two share a path.</exception>
    /// <exception cref="EvalSetLoadException">The text has one or more invalid lines, or no case.</exception>
    public static CompositionSet<TIn, TExpected> FromJsonl<TIn, TExpected>(
        TextReader reader, string name, IEnumerable<SubTask> subTasks, JsonSerializerOptions? serializerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var declared = Declared(subTasks);
        return CompositionJsonlReader.Read<TIn, TExpected>(reader, name, name, declared, serializerOptions ?? PromptTaskOptions.DefaultSerializerOptions);
    }

    private static Dictionary<string, SubTask> Declared(IEnumerable<SubTask> subTasks)
    {
        ArgumentNullException.ThrowIfNull(subTasks);
        var declared = new Dictionary<string, SubTask>(StringComparer.Ordinal);
        foreach (var subTask in subTasks)
        {
            if (subTask is null)
            {
                throw new ArgumentException("A sub-task is null.", nameof(subTasks));
            }

            if (!declared.TryAdd(subTask.Path, subTask))
            {
                throw new ArgumentException($"Two sub-tasks are declared at '{subTask.Path}'. Declare each path once.", nameof(subTasks));
            }
        }

        return declared;
    }
}
