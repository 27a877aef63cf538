using Microsoft.Extensions.Logging;

namespace AgentFlow;

// The judge of a prompt task: its prompt holds the task's input and the candidates, so it is logged at Trace and sensitive only.
internal static partial class Log
{
    [LoggerMessage(EventId = 45, Level = LogLevel.Warning, Message = "Judge of prompt task '{NodePath}': attempt {Attempt} rejected: {Reason}; correcting.")]
    public static partial void JudgeRejected(ILogger logger, string nodePath, int attempt, string reason);

    [LoggerMessage(EventId = 46, Level = LogLevel.Trace, Message = "Judge of prompt task '{NodePath}' prompt: {Prompt}")]
    public static partial void JudgePromptSensitive(ILogger logger, string nodePath, string prompt);

    [LoggerMessage(EventId = 47, Level = LogLevel.Trace, Message = "Judge of prompt task '{NodePath}': attempt {Attempt} replied: {Reply}")]
    public static partial void JudgeReplySensitive(ILogger logger, string nodePath, int attempt, string reply);

    [LoggerMessage(EventId = 48, Level = LogLevel.Debug, Message = "Judge of prompt task '{NodePath}' chose candidate {Best} of {Candidates}.")]
    public static partial void JudgeChose(ILogger logger, string nodePath, int best, int candidates);
}
