// AgentFlow quick start: support-ticket triage.
//
//   dotnet run --project examples/QuickStart
//
// Runs offline on a scripted model unless OPENAI_API_KEY is set (see ChatModels.cs). For each sample ticket it prints
// the outcome and the run record's timeline: every node with its path, timing and status, then every route decision
// with who made it, the model's confidence and rationale, then every loop and how it ended.

using AgentFlow;
using AgentFlow.Testing;
using QuickStart;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var model = ChatModels.FromEnvironment();
using var chatClient = model.Client;
Console.WriteLine(model.Description);
Console.WriteLine();

// Built and validated once; a flow is immutable and serves any number of runs, concurrently too.
var flow = TriageFlow.Build(SampleData.CreateStore());
Console.WriteLine("The flow as a Mermaid diagram (paste it into any Mermaid viewer):");
Console.WriteLine();
Console.WriteLine(flow.ToMermaid());

var options = new RunOptions { ChatClient = chatClient, Prices = ChatModels.Prices };
var failed = 0;
foreach (var ticket in SampleData.Tickets)
{
    Console.WriteLine(new string('=', 100));
    Console.WriteLine($"Ticket {ticket.Id}: \"{ticket.Subject}\"");
    Console.WriteLine();
    try
    {
        var result = await flow.RunAsync(ticket, options, cancellation.Token);
        PrintOutcome(result.Output);
        Console.Write(result.Record.FormatTimeline());
        PrintDecisionDetails(result.Record);
    }
    catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
    {
        // Cancellation is never wrapped: the run's own OperationCanceledException comes through as it is.
        Console.WriteLine("Cancelled.");
        return 130;
    }
    catch (FlowRunException ex)
    {
        // Every run failure names the node path where it happened and carries the run's record.
        failed++;
        Console.WriteLine($"FAILED at {ex.NodePath}: {ex.Message}");
        Console.WriteLine();
        Console.Write(ex.Record?.FormatTimeline());
        Console.WriteLine();
    }
}

Console.WriteLine(new string('=', 100));
Console.WriteLine(chatClient is ScriptedChatClient scripted
    ? $"Done, offline: the scripted model answered {scripted.Requests.Count} requests; no real LLM was called."
    : $"Done: {SampleData.Tickets.Count - failed} of {SampleData.Tickets.Count} tickets triaged.");
return failed == 0 ? 0 : 1;

static void PrintOutcome(TriageOutcome outcome)
{
    Console.WriteLine($"  summary:  {outcome.Summary.Summary} ({outcome.Summary.Sentiment}, urgency {outcome.Summary.Urgency} of 5)");
    Console.WriteLine($"  queue:    {outcome.Queue} ({outcome.Priority} priority)");
    Console.WriteLine($"  actions:  {string.Join("; ", outcome.Actions)}");
    Console.WriteLine($"  review:   {(outcome.NeedsHumanReview ? "a person must review the reply before it is sent" : "ready to send")}");
    Console.WriteLine($"  reply, after {outcome.Revisions} revision(s):");
    foreach (var line in outcome.Reply.Split('\n'))
    {
        Console.WriteLine($"    | {line}");
    }

    Console.WriteLine();
}

// The record is data, not only text: here, the answers the model gave outside the declared cases, the declared
// fallbacks that ran, and the model calls and tokens the provider reported for the prompt task and the decisions.
static void PrintDecisionDetails(RunRecord record)
{
    foreach (var decision in record.Routes)
    {
        foreach (var rejected in decision.Rejected)
        {
            Console.WriteLine($"  rejected at {decision.Path}, attempt {rejected.Attempt}: {rejected.Reason}");
        }
    }

    foreach (var fallback in record.Fallbacks)
    {
        Console.WriteLine($"  fallback {fallback}");
    }

    var input = record.LlmCalls.Sum(c => c.Usage?.InputTokenCount ?? 0);
    var output = record.LlmCalls.Sum(c => c.Usage?.OutputTokenCount ?? 0);
    if (input + output > 0)
    {
        var estimated = record.LlmCalls.Any(c => c.UsageEstimated) ? " (some counted with a tokenizer: the provider reported none)" : string.Empty;
        var cost = record.Cost is { } total ? $", cost: ${total:0.000000}" : string.Empty;
        Console.WriteLine($"  model calls: {record.LlmCalls.Sum(c => c.Attempts)}, tokens: {input} in, {output} out{cost}{estimated}");
    }

    Console.WriteLine();
}
