using System.Globalization;
using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// A composition set's expectations do not fit the flow to analyse: a path names no node, a node's output is not what
/// its scorer scores, a route names a node that decides nothing or a label the node does not have, or a path inside a
/// map names no item. Found before any case runs; <see cref="Errors"/> lists every problem, each with its path.
/// </summary>
public sealed class CompositionExpectationException : Exception
{
    private const int ErrorsInMessage = 20;

    internal CompositionExpectationException(string flowName, string setName, IReadOnlyList<ExpectationError> errors)
        : base(Format(flowName, setName, errors))
    {
        FlowName = flowName;
        SetName = setName;
        Errors = errors;
    }

    /// <summary>Gets the name of the flow.</summary>
    public string FlowName { get; }

    /// <summary>Gets the name of the composition set.</summary>
    public string SetName { get; }

    /// <summary>Gets every problem found, in the order of the paths.</summary>
    public IReadOnlyList<ExpectationError> Errors { get; }

    private static string Format(string flowName, string setName, IReadOnlyList<ExpectationError> errors)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"The composition set '{setName}' does not fit the flow '{flowName}' ({errors.Count} error{(errors.Count == 1 ? string.Empty : "s")}):");
        foreach (var error in errors.Take(ErrorsInMessage))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {error.Path}: {error.Message}");
        }

        if (errors.Count > ErrorsInMessage)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  ... and {errors.Count - ErrorsInMessage} more (see Errors).");
        }

        return text.ToString();
    }
}
