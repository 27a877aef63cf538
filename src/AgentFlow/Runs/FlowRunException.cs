namespace AgentFlow;

/// <summary>
/// A run failed at a node. Every failure of a run is one of these, naming the node path; the run's own cancellation is
/// never wrapped and surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public abstract class FlowRunException : Exception
{
    private protected FlowRunException(string nodePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        NodePath = nodePath;
    }

    /// <summary>Gets the run-time path of the node that failed, such as <c>support/route[billing]/refund</c>.</summary>
    public string NodePath { get; }

    /// <summary>Gets the record of the run that failed, once the run has ended; <see langword="null"/> before that.</summary>
    public RunRecord? Record { get; internal set; }
}
