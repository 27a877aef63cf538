using Microsoft.Extensions.AI;

namespace AgentFlow;

/// <summary>
/// One conversation's tool loop: asks the model; while its reply calls tools, checks each call against the allow-list,
/// runs it and sends its result (or its error) back, then asks again; returns the first reply that calls none. Rounds
/// are counted over the whole conversation, repairs included, and capped.
/// </summary>
internal sealed class ToolConversation(AgentTools tools, ModelConversation conversation, string nodePath, RunContext run)
{
    private int _rounds;

    /// <summary>Asks the model with <paramref name="messages"/>, adding each round of calls and results to them, until it answers without calling a tool.</summary>
    public async Task<ChatResponse> AskAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await conversation.AskAsync(messages, cancellationToken).ConfigureAwait(false);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Where(c => !c.InformationalOnly).ToArray();
            if (calls.Length == 0)
            {
                return response;
            }

            if (++_rounds > tools.MaxRounds)
            {
                throw new ToolRoundsExceededException(nodePath, tools.MaxRounds);
            }

            messages.AddRange(response.Messages);

            // The calls of one reply run one after another, in the order the model gave them: tools with side effects
            // see a predictable order, and the records are the same from run to run.
            List<AIContent> results = new(calls.Length);
            foreach (var call in calls)
            {
                conversation.ToolCalled();
                results.Add(await CallAsync(call, cancellationToken).ConfigureAwait(false));
            }

            messages.Add(new ChatMessage(ChatRole.Tool, results));
        }
    }

    private async Task<FunctionResultContent> CallAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        var function = tools.Find(call.Name);
        var refusal = function is null
            ? $"there is no tool named '{call.Name}'; the tools are: {tools.Names}"
            : call.Exception is { } parse ? $"the arguments could not be read: {parse.Message}" : null;
        var outcome = await ToolInvoker.InvokeAsync(
            function, call.Name, call.CallId, call.Arguments, refusal, call.Exception, _rounds, nodePath, run, cancellationToken).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            return new FunctionResultContent(call.CallId, outcome.Result);
        }

        if (tools.Errors == ToolErrorBehavior.FailTask)
        {
            var fix = function is null
                ? "Add the tool to options.Tools, or set ToolErrors = ToolErrorBehavior.ReturnToModel so that the model can correct the call."
                : "Fix the tool or its description, or set ToolErrors = ToolErrorBehavior.ReturnToModel so that the model can recover.";
            throw new FlowTaskException(
                nodePath,
                $"Agent task '{nodePath}' failed: its call of tool '{call.Name}' (call {call.CallId}, round {_rounds}) failed: {outcome.Error}. {fix}",
                outcome.Exception ?? new InvalidOperationException($"The model called '{call.Name}', which is not among the tools of '{nodePath}': {tools.Names}."));
        }

        return new FunctionResultContent(call.CallId, $"Error: {outcome.Error}") { Exception = outcome.Exception };
    }
}
