using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AgentFlow;

/// <summary>
/// Calls one tool on behalf of a node, for agent tasks and tool tasks alike: an <c>execute_tool</c> span, the time it
/// took, its <see cref="ToolCallRecord"/> and its logs, whatever the outcome. The run's own cancellation is rethrown
/// unwrapped; any other failure is returned, for the caller to send back to the model or to fail the node with.
/// </summary>
internal static class ToolInvoker
{
    /// <param name="function">The tool to call, or <see langword="null"/> when the call is refused (<paramref name="refusal"/> says why).</param>
    /// <param name="toolName">The name the tool was called by.</param>
    /// <param name="callId">The model's id of the call; <see langword="null"/> for a tool task.</param>
    /// <param name="arguments">The call's arguments.</param>
    /// <param name="refusal">Why the call is not made (a tool not allowed, arguments that could not be read), or <see langword="null"/>.</param>
    /// <param name="refusalException">The exception behind <paramref name="refusal"/>, if any.</param>
    /// <param name="round">The round of tool calls; 0 for a tool task.</param>
    /// <param name="nodePath">The run-time path of the calling node.</param>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">The run's cancellation.</param>
    public static async Task<ToolOutcome> InvokeAsync(
        AIFunction? function,
        string toolName,
        string? callId,
        IDictionary<string, object?>? arguments,
        string? refusal,
        Exception? refusalException,
        int round,
        string nodePath,
        RunContext run,
        CancellationToken cancellationToken)
    {
        using var activity = AgentFlowTelemetry.Source.StartActivity($"execute_tool {toolName}", ActivityKind.Internal);
        activity?.SetTag("gen_ai.operation.name", "execute_tool").SetTag("gen_ai.tool.name", toolName).SetTag("gen_ai.tool.call.id", callId)
            .SetTag("gen_ai.tool.type", "function").SetTag("agentflow.node.path", nodePath);
        Dictionary<string, object?> values = arguments is null ? [] : new(arguments, StringComparer.Ordinal);
        if (run.SensitiveData && run.Logger.IsEnabled(LogLevel.Trace))
        {
            var text = Json(values);
            Log.ToolArgumentsSensitive(run.Logger, nodePath, toolName, round, text);
        }

        var started = run.Time.GetTimestamp();
        object? result = null;
        var error = refusal;
        var exception = refusalException;
        if (function is not null && refusal is null)
        {
            try
            {
                result = await function.InvokeAsync(new AIFunctionArguments(new Dictionary<string, object?>(values, StringComparer.Ordinal)) { Services = run.Services }, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                End(activity, run, nodePath, toolName, callId, round, started, values, null, "cancelled", ex);
                throw;
            }
            catch (Exception ex)
            {
                error = ex.Message;
                exception = ex;
            }
        }

        End(activity, run, nodePath, toolName, callId, round, started, values, result, error, exception);
        return new ToolOutcome(error is null, result, error, exception);
    }

    private static void End(
        Activity? activity,
        RunContext run,
        string nodePath,
        string toolName,
        string? callId,
        int round,
        long started,
        Dictionary<string, object?> arguments,
        object? result,
        string? error,
        Exception? exception)
    {
        var duration = run.Time.GetElapsedTime(started);
        run.ToolCalled(new ToolCallRecord
        {
            Path = nodePath,
            ToolName = toolName,
            CallId = callId,
            Round = round,
            Duration = duration,
            Succeeded = error is null,
            Error = error,
            Arguments = run.SensitiveData ? arguments : null,
            Result = run.SensitiveData ? result : null,
        });
        if (error is null)
        {
            Log.ToolCalled(run.Logger, nodePath, toolName, round, duration.TotalMilliseconds);
            if (run.SensitiveData && run.Logger.IsEnabled(LogLevel.Trace))
            {
                var text = Json(result);
                Log.ToolResultSensitive(run.Logger, nodePath, toolName, round, text);
            }

            return;
        }

        var errorType = exception?.GetType().FullName ?? "tool_not_allowed";
        activity?.SetStatus(ActivityStatusCode.Error, exception?.GetType().Name ?? errorType).SetTag("error.type", errorType);
        Log.ToolFailed(run.Logger, exception, nodePath, toolName, round, exception is null ? error : exception.GetType().Name);
    }

    private static string Json(object? value)
    {
        try
        {
            return value switch
            {
                null => "null",
                JsonElement element => element.GetRawText(),
                _ => JsonSerializer.Serialize(value, value.GetType(), AIJsonUtilities.DefaultOptions),
            };
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return value?.ToString() ?? "null";
        }
    }
}

/// <summary>How one tool call ended.</summary>
/// <param name="Succeeded">Whether the tool ran and returned.</param>
/// <param name="Result">What it returned.</param>
/// <param name="Error">Why it failed, for the record and the model.</param>
/// <param name="Exception">What it threw, or what refused the call, if anything.</param>
internal readonly record struct ToolOutcome(bool Succeeded, object? Result, string? Error, Exception? Exception);
