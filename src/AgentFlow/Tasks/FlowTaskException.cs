namespace AgentFlow;

/// <summary>A task threw: the original exception is the <see cref="Exception.InnerException"/>.</summary>
public sealed class FlowTaskException : FlowRunException
{
    /// <param name="nodePath">The run-time path of the task that failed.</param>
    /// <param name="innerException">The exception the task threw.</param>
    internal FlowTaskException(string nodePath, Exception innerException)
        : base(nodePath, $"Task '{nodePath}' failed: {innerException?.GetType().Name}: {innerException?.Message}", innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
    }

    /// <param name="nodePath">The run-time path of the task that failed.</param>
    /// <param name="message">What failed, naming the path, and how to fix it.</param>
    /// <param name="innerException">The original exception.</param>
    internal FlowTaskException(string nodePath, string message, Exception innerException)
        : base(nodePath, message, innerException)
    {
    }

    /// <summary>Wraps what a leaf task threw, unless it is the run's own cancellation, which is never wrapped.</summary>
    /// <remarks>
    /// A <see cref="FlowRunException"/> raised in this run (such as a missing service from <see cref="FlowContext"/>) already names
    /// its node and passes through. One that carries a record comes from another run the task started, so it is wrapped: its
    /// path belongs to that run, and its record must not be replaced by this run's.
    /// </remarks>
    internal static Exception Wrap(Exception exception, NodeFrame? parent, string name, CancellationToken cancellationToken)
        => exception switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => exception,
            FlowRunException { Record: null } => exception,
            _ => new FlowTaskException(NodeFrame.PathOf(parent, name), exception),
        };
}
