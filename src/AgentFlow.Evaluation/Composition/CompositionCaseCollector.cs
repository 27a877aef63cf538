using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>
/// Collects the cases of a composition set being made and every problem found, each with its line; the checks of
/// plain eval sets (values, DataAnnotations, ids, tags) come from a <see cref="CaseReader{TIn, TExpected}"/>.
/// </summary>
internal sealed class CompositionCaseCollector<TIn, TExpected>(JsonSerializerOptions serializerOptions)
{
    private readonly List<CompositionCase<TIn, TExpected>> _cases = [];
    private readonly Dictionary<string, SubTask> _subTasks = new(StringComparer.Ordinal);

    public CaseReader<TIn, TExpected> Reader { get; } = new(serializerOptions);

    /// <summary>Records a sub-task a case uses: a second one at the same path must be the same declaration.</summary>
    public bool Declare(SubTask subTask, int line)
    {
        if (!_subTasks.TryGetValue(subTask.Path, out var first))
        {
            _subTasks.Add(subTask.Path, subTask);
            return true;
        }

        if (first.SameAs(subTask))
        {
            return true;
        }

        Reader.Error(
            line,
            $"The sub-task at '{subTask.Path}' differs from one an earlier case uses: {Describe(subTask)} against {Describe(first)}. Use one SubTask per path.");
        return false;
    }

    /// <summary>Adds a case whose values were read, after checking its id, tags and that it expects something.</summary>
    public void Add(int line, CompositionCase<TIn, TExpected> @case)
    {
        if (@case.SubTasks.Count == 0 && @case.Routes.Count == 0)
        {
            Reader.Error(
                line,
                $"Case '{@case.Id}' expects no sub-task result and no route: a composition case checks at least one. For final outputs alone, use an eval set.");
            return;
        }

        if (Reader.CheckCase(line, @case.Id, @case.Tags))
        {
            _cases.Add(@case);
        }
    }

    /// <summary>Makes the set, or throws with every error found.</summary>
    public CompositionSet<TIn, TExpected> Build(string source, string name, string emptyMessage, IEnumerable<SubTask>? declared = null)
    {
        if (Reader.ErrorCount == 0 && _cases.Count == 0)
        {
            Reader.Error(1, emptyMessage);
        }

        if (Reader.ErrorCount > 0)
        {
            // Throws an EvalSetLoadException with every error, in line order.
            Reader.Build(source, name, emptyMessage);
        }

        var subTasks = (declared ?? _subTasks.Values).OrderBy(s => s.Path, StringComparer.Ordinal).ToArray();
        return new CompositionSet<TIn, TExpected>(name, _cases.AsReadOnly(), subTasks, Reader.SerializerOptions);
    }

    private static string Describe(SubTask subTask)
        => $"'{subTask.ScorerName}' of {TypeNames.Of(subTask.ExpectedType)} and {TypeNames.Of(subTask.OutputType)}";
}
