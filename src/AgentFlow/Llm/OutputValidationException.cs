namespace AgentFlow;

/// <summary>
/// A prompt task's reply did not parse or validate as its output type, on the first call and on every repair; or its
/// judge (<see cref="PromptTaskOptions.Judge"/>) chose none of the candidates, on the first call and on every correction.
/// </summary>
public sealed class OutputValidationException : FlowRunException
{
    internal OutputValidationException(string nodePath, string promptName, int attempts, IReadOnlyList<string> errors, string lastReply)
        : base(
            nodePath,
            $"Prompt task '{nodePath}' (prompt '{promptName}') got no valid output in {attempts} attempt(s); last errors: {string.Join("; ", errors)}. "
            + "Make the prompt state the expected output more clearly, relax the output type's constraints, or raise MaxRepairs.")
    {
        Attempts = attempts;
        Errors = errors;
        LastReply = lastReply;
    }

    private OutputValidationException(int attempts, IReadOnlyList<string> errors, string lastReply, string nodePath, string message)
        : base(nodePath, message)
    {
        Attempts = attempts;
        Errors = errors;
        LastReply = lastReply;
    }

    /// <summary>Gets how many model calls were made: 1, plus one per repair.</summary>
    public int Attempts { get; }

    /// <summary>Gets what was wrong with the last reply: a parse error or the validation errors.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Gets the last reply's text. It is model output: treat it as sensitive.</summary>
    public string LastReply { get; }

    /// <summary>The error of a judge that never chose one of the candidates.</summary>
    internal static OutputValidationException JudgeFailed(string nodePath, Prompt judge, int candidates, int attempts, IReadOnlyList<string> errors, string lastReply)
        => new(
            attempts,
            errors,
            lastReply,
            nodePath,
            $"The judge of prompt task '{nodePath}' (judge prompt '{judge.Name}@{judge.Version}') chose none of the {candidates} candidates in {attempts} attempt(s); "
            + $"last errors: {string.Join("; ", errors)}. Make the judge prompt ask for the number of the best candidate more clearly, or raise MaxRepairs, "
            + "which bounds the judge's corrections too.");
}
