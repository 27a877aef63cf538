using Microsoft.Extensions.Logging;

namespace AgentFlow;

/// <summary>
/// Log messages. Prompts, model replies, tool arguments and tool results are sensitive: they are logged only by the <c>*Sensitive</c> messages, at
/// Trace, and only when <see cref="RunOptions.EnableSensitiveData"/> is on.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Run {RunId} of '{FlowName}' started.")]
    public static partial void RunStarted(ILogger logger, string flowName, string runId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Run {RunId} of '{FlowName}' succeeded in {DurationMs:F1} ms.")]
    public static partial void RunCompleted(ILogger logger, string flowName, string runId, double durationMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Run {RunId} of '{FlowName}' failed at '{NodePath}'.")]
    public static partial void RunFailed(ILogger logger, Exception exception, string flowName, string runId, string nodePath);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Run {RunId} of '{FlowName}' was cancelled.")]
    public static partial void RunCancelled(ILogger logger, string flowName, string runId);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Node '{NodePath}' ({Kind}) started.")]
    public static partial void NodeStarted(ILogger logger, string nodePath, NodeKind kind);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "Node '{NodePath}' ended {Status} in {DurationMs:F1} ms.")]
    public static partial void NodeEnded(ILogger logger, string nodePath, NodeStatus status, double durationMs);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Route '{Label}' chosen at '{NodePath}' by {Source}.")]
    public static partial void RouteChosen(ILogger logger, string nodePath, string label, DecisionSource source);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "LLM decision at '{NodePath}': attempt {Attempt} rejected: {Reason}")]
    public static partial void DecisionRejected(ILogger logger, string nodePath, int attempt, string reason);

    [LoggerMessage(EventId = 22, Level = LogLevel.Trace, Message = "LLM decision at '{NodePath}': attempt {Attempt} replied: {Reply}")]
    public static partial void DecisionReplySensitive(ILogger logger, string nodePath, int attempt, string reply);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "LLM decision at '{NodePath}' gave no valid answer in {Attempts} attempt(s); declared fallback '{Label}' taken.")]
    public static partial void DecisionFallback(ILogger logger, string nodePath, int attempts, string label);

    [LoggerMessage(EventId = 24, Level = LogLevel.Trace, Message = "LLM decision at '{NodePath}' prompt: {Prompt}")]
    public static partial void DecisionPromptSensitive(ILogger logger, string nodePath, string prompt);

    [LoggerMessage(EventId = 30, Level = LogLevel.Debug, Message = "Loop '{NodePath}' ended after {Iterations} iteration(s): {Exit}.")]
    public static partial void LoopEnded(ILogger logger, string nodePath, int iterations, LoopExit exit);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Loop '{NodePath}' reached its cap of {MaxIterations}; declared cap fallback taken.")]
    public static partial void LoopCapFallback(ILogger logger, string nodePath, int maxIterations);

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Prompt task '{NodePath}': attempt {Attempt} rejected with {ErrorCount} error(s); repairing.")]
    public static partial void PromptReplyRejected(ILogger logger, string nodePath, int attempt, int errorCount);

    [LoggerMessage(EventId = 41, Level = LogLevel.Trace, Message = "Prompt task '{NodePath}' prompt: {Prompt}")]
    public static partial void PromptSensitive(ILogger logger, string nodePath, string prompt);

    [LoggerMessage(EventId = 42, Level = LogLevel.Trace, Message = "Prompt task '{NodePath}': attempt {Attempt} replied: {Reply}")]
    public static partial void PromptReplySensitive(ILogger logger, string nodePath, int attempt, string reply);

    [LoggerMessage(EventId = 50, Level = LogLevel.Debug, Message = "Tool '{ToolName}' called by '{NodePath}' (round {Round}) succeeded in {DurationMs:F1} ms.")]
    public static partial void ToolCalled(ILogger logger, string nodePath, string toolName, int round, double durationMs);

    [LoggerMessage(EventId = 51, Level = LogLevel.Warning, Message = "Tool '{ToolName}' called by '{NodePath}' (round {Round}) failed: {Reason}")]
    public static partial void ToolFailed(ILogger logger, Exception? exception, string nodePath, string toolName, int round, string reason);

    [LoggerMessage(EventId = 52, Level = LogLevel.Trace, Message = "Tool '{ToolName}' called by '{NodePath}' (round {Round}) with arguments: {Arguments}")]
    public static partial void ToolArgumentsSensitive(ILogger logger, string nodePath, string toolName, int round, string arguments);

    [LoggerMessage(EventId = 53, Level = LogLevel.Trace, Message = "Tool '{ToolName}' called by '{NodePath}' (round {Round}) returned: {Result}")]
    public static partial void ToolResultSensitive(ILogger logger, string nodePath, string toolName, int round, string result);

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "Model call at '{NodePath}' failed transiently ({Failure}); retry {Retry} in {DelayMilliseconds} ms.")]
    public static partial void ModelRetry(ILogger logger, string nodePath, int retry, double delayMilliseconds, string failure);

    [LoggerMessage(EventId = 61, Level = LogLevel.Warning, Message = "Model call at '{NodePath}': {From} keeps failing ({Failure}); falling back to {To}.")]
    public static partial void ModelFallback(ILogger logger, string nodePath, string from, string to, string failure);
}
