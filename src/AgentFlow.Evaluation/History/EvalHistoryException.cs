namespace AgentFlow.Evaluation;

/// <summary>
/// An <see cref="EvalHistory"/> could not use its file, or has no such run: the file is not a SQLite database, is
/// another application's database, was written by a newer AgentFlow.Evaluation, or holds a run that cannot be read.
/// </summary>
public sealed class EvalHistoryException : Exception
{
    internal EvalHistoryException(string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = path;
    }

    /// <summary>Gets the full path of the history's file.</summary>
    public string FilePath { get; }
}
