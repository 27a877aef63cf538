using System.Globalization;
using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// An eval set could not be loaded: its file (or list) has one or more invalid cases. Every problem found is listed in
/// <see cref="Errors"/>, not only the first, each with its line.
/// </summary>
public sealed class EvalSetLoadException : Exception
{
    /// <summary>How many errors the message lists; <see cref="Errors"/> has all of them.</summary>
    private const int ErrorsInMessage = 20;

    internal EvalSetLoadException(string source, IReadOnlyList<EvalSetError> errors)
        : base(Format(source, errors))
    {
        FileName = source;
        Errors = errors;
    }

    /// <summary>Gets the file the set was loaded from, as given (or the name given with a reader), or the set's name for a list of cases.</summary>
    public string FileName { get; }

    /// <summary>Gets every problem found, in line order.</summary>
    public IReadOnlyList<EvalSetError> Errors { get; }

    private static string Format(string source, IReadOnlyList<EvalSetError> errors)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"The eval set '{source}' is not valid ({errors.Count} error{(errors.Count == 1 ? string.Empty : "s")}):");
        foreach (var error in errors.Take(ErrorsInMessage))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {source}({error.Line}): {error.Message}");
        }

        if (errors.Count > ErrorsInMessage)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  ... and {errors.Count - ErrorsInMessage} more (see Errors).");
        }

        return text.ToString();
    }
}
