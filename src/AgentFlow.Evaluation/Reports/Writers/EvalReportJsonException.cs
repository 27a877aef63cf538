namespace AgentFlow.Evaluation;

/// <summary>
/// A text given to <c>EvalReport.FromJson</c> is not a report file written by <see cref="EvalReportWriter.ToJson"/>: it
/// is not JSON, is another kind of file, has a format version this library does not read, or lacks a member. The
/// message says where (<see cref="Path"/>, <see cref="LineNumber"/>) and what is wrong.
/// </summary>
public sealed class EvalReportJsonException : Exception
{
    internal EvalReportJsonException(string message, string? path = null, long? lineNumber = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        LineNumber = lineNumber;
    }

    /// <summary>Gets the JSON path of the member that is wrong, such as <c>$.report.cases[2].outcome</c>, when known.</summary>
    public string? Path { get; }

    /// <summary>Gets the line of the text where the problem is (from 1), when known.</summary>
    public long? LineNumber { get; }
}
