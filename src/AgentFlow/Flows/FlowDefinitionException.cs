namespace AgentFlow;

/// <summary>
/// A flow definition breaks a rule (an empty flow, duplicate names on one path, a loop without a cap, enum cases that do
/// not cover the enum, ...). Thrown when the definition is built, never on its first run.
/// </summary>
public sealed class FlowDefinitionException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="FlowDefinitionException"/> class with one error.</summary>
    /// <param name="path">The definition path of the offending node.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    public FlowDefinitionException(string path, string message)
        : this([new DefinitionError(path, message)])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FlowDefinitionException"/> class.</summary>
    /// <param name="errors">Every broken rule found; at least one.</param>
    public FlowDefinitionException(IReadOnlyList<DefinitionError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Gets every broken rule found, in definition order.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    /// <summary>Gets the definition path of the first offending node.</summary>
    public string NodePath => Errors[0].Path;

    private static string Format(IReadOnlyList<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one error is required.", nameof(errors));
        }

        return errors.Count == 1
            ? $"Invalid flow definition at '{errors[0].Path}': {errors[0].Message}"
            : $"Invalid flow definition ({errors.Count} errors):{Environment.NewLine}"
              + string.Join(Environment.NewLine, errors.Select(e => $"  - {e}"));
    }
}
