namespace AgentFlow.Evaluation;

/// <summary>Why a case ended as an error.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Message">The error's message.</param>
/// <param name="ExceptionType">The type of the exception that ended the run, such as <c>OutputValidationException</c>; <see langword="null"/> for a scorer's error.</param>
/// <param name="InnerExceptionType">The type of the original exception a <see cref="FlowTaskException"/> wraps, such as <c>HttpRequestException</c>.</param>
/// <param name="NodePath">The run-time path of the node that failed, or that was running when the case timed out.</param>
public sealed record CaseError(CaseErrorKind Kind, string Message, string? ExceptionType = null, string? InnerExceptionType = null, string? NodePath = null);
