using AgentFlow;

namespace QuickStart;

/// <summary>
/// What the model is asked. AgentFlow adds the allowed answers (the route's cases with their descriptions, or
/// stop/continue for the loop), constrains the reply with a JSON schema, and records the model's rationale and confidence.
/// </summary>
public static class Prompts
{
    /// <summary>
    /// The versioned prompt of the <c>summarize</c> prompt task. Its variables are the ticket's properties; an edit to
    /// its text changes <see cref="Prompt.ContentHash"/>, so give every edit a new version.
    /// </summary>
    public static readonly Prompt Summarize = new(
        name: "summarize-ticket",
        version: "1",
        user: """
            Subject: {{$Subject}}
            Message: {{$Body}}
            """,
        system: "Summarise the support ticket in one sentence, judge how the customer sounds, and rate the urgency "
            + "from 1 (can wait) to 5 (the customer's business is stopped).");

    /// <summary>Extra instructions for the route decision.</summary>
    public const string RouteInstructions =
        "Choose the team that can resolve the customer's main problem. Use the order checks as evidence. Choose Other only when no team fits.";

    /// <summary>Asks which team handles a ticket.</summary>
    /// <param name="context">The ticket and what the lookup found.</param>
    /// <returns>The prompt.</returns>
    public static string Route(TicketContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var checks = context.Orders.Count == 0
            ? "- no recent orders"
            : string.Join('\n', context.Orders.Select(c => $"- {c.Order.Id}, {c.Order.Price}, {c.Order.Status}: {(c.NeedsAttention ? string.Join("; ", c.Findings) : "no issues")}"));
        return $"""
            Ticket {context.Ticket.Id} from {context.Customer.Name} ({context.Customer.Tier} customer).
            Subject: {context.Ticket.Subject}
            Message: {context.Ticket.Body}
            Order checks:
            {checks}
            """;
    }

    /// <summary>Asks whether a draft reply is ready to send, after each revision of the refine loop.</summary>
    /// <param name="draft">The draft after the latest revision.</param>
    /// <returns>The prompt.</returns>
    public static string Review(Draft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return $"""
            Review this reply to a customer before it is sent. It is ready when it:
            1. greets the customer by first name;
            2. states the concrete next step we take;
            3. says when the customer will hear from us;
            4. for an incident, cites the incident reference (such as INC-1234).
            Answer "stop" when the reply meets every point that applies, "continue" when it needs another revision.
            In the rationale, name what is missing.

            Customer: {draft.Context.Customer.Name}
            Incident: {(draft.IsIncident ? "yes" : "no")}
            Draft (revision {draft.Revision}):
            {draft.Reply}
            """;
    }
}
