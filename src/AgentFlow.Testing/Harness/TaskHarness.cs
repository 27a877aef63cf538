using Microsoft.Extensions.AI;

namespace AgentFlow.Testing;

/// <summary>
/// Runs one task, or one node of a flow, on its own with a given input and a chat client (scripted, replay or any), in
/// a line, returning its output and run record. Failures surface as in any run: a <see cref="FlowRunException"/>
/// naming the node path and carrying the record.
/// </summary>
/// <remarks>
/// To run one node of a flow, get it with <see cref="FlowNode.TaskAt{TIn, TOut}"/>: it runs at the path it has in the
/// flow, so a <see cref="ScriptedChatClient"/> rule written for the whole flow (<c>.WhenNode("support/triage", ...)</c>)
/// still matches. Runs started here remember their input, so the failure messages of the constraints in
/// <c>AgentFlow.Testing.NUnit</c> can show it.
/// </remarks>
/// <example>
/// <code>
/// var model = new ScriptedChatClient().WhenNode("support/triage", ScriptedReply.Json(new { summary = "Double charge" }));
/// var result = await flow.TaskAt&lt;Ticket, Triage&gt;("support/triage").RunAsync(ticket, model);
/// Assert.That(result.Output.Summary, Is.EqualTo("Double charge"));
/// </code>
/// </example>
public static class TaskHarness
{
    /// <summary>Runs <paramref name="task"/> once on <paramref name="input"/>, its model calls answered by <paramref name="chatClient"/>.</summary>
    /// <typeparam name="TIn">The task's input type.</typeparam>
    /// <typeparam name="TOut">The task's output type.</typeparam>
    /// <param name="task">The task: any task or flow, or a node of a flow from <see cref="FlowNode.TaskAt{TIn, TOut}"/>.</param>
    /// <param name="input">The input.</param>
    /// <param name="chatClient">The chat client for the nodes that name none of their own: a <see cref="ScriptedChatClient"/>, a replay client, or a real one.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The output and the run record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> or <paramref name="chatClient"/> is null.</exception>
    /// <exception cref="FlowRunException">A node failed; the exception names its path and carries the run record.</exception>
    public static Task<FlowResult<TOut>> RunAsync<TIn, TOut>(this FlowTask<TIn, TOut> task, TIn input, IChatClient chatClient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(chatClient);
        return RunAsync(task, input, new RunOptions { ChatClient = chatClient }, cancellationToken);
    }

    /// <summary>Runs <paramref name="task"/> once on <paramref name="input"/> with <paramref name="options"/>, remembering the input for failure messages.</summary>
    /// <typeparam name="TIn">The task's input type.</typeparam>
    /// <typeparam name="TOut">The task's output type.</typeparam>
    /// <param name="task">The task: any task or flow, or a node of a flow from <see cref="FlowNode.TaskAt{TIn, TOut}"/>.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">
    /// The run's options: <see cref="RunOptions.ChatClient"/>, <see cref="RunOptions.Services"/>,
    /// <see cref="RunOptions.TimeProvider"/> (a fake clock, so nothing waits), <see cref="RunOptions.EnableSensitiveData"/>
    /// (to keep tool arguments and results in the record), prices and budgets; <see langword="null"/> for defaults.
    /// </param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The output and the run record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    /// <exception cref="FlowRunException">A node failed; the exception names its path and carries the run record.</exception>
    public static async Task<FlowResult<TOut>> RunAsync<TIn, TOut>(FlowTask<TIn, TOut> task, TIn input, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            var result = await task.RunAsync(input, options, cancellationToken).ConfigureAwait(false);
            RunInputs.Remember(result.Record, input);
            return result;
        }
        catch (FlowRunException ex) when (ex.Record is { } record)
        {
            RunInputs.Remember(record, input);
            throw;
        }
    }
}
