namespace QuickStart;

/// <summary>
/// The code tasks that draft and revise replies. Drafting is plain code here to keep the quick start small; judging
/// whether a draft is ready is left to the model (see <see cref="Prompts.Review"/>).
/// </summary>
public static class Drafting
{
    /// <summary>Trims the ticket's text and folds runs of white space, so prompts and drafts see clean text.</summary>
    /// <param name="ticket">The ticket as it arrived.</param>
    /// <returns>The cleaned ticket.</returns>
    public static Ticket Normalize(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket with { Subject = Fold(ticket.Subject), Body = Fold(ticket.Body) };
    }

    /// <summary>The billing team's first draft: refund duplicate charges found by the order checks.</summary>
    /// <param name="context">The ticket and what the lookup found.</param>
    /// <returns>The draft.</returns>
    public static Draft Billing(TicketContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var charged = context.Orders.Where(o => o.Findings.Any(f => f.StartsWith("charged", StringComparison.Ordinal))).ToArray();
        if (charged.Length == 0)
        {
            return new Draft(
                context, "billing", PriorityOf(context.Customer, Priority.Normal), ["Ask the customer for the invoice number"],
                "We could not find a duplicate charge on your recent orders. Could you send us the invoice number so we can look further?");
        }

        var refunds = charged.Select(o => $"Refund the duplicate charge of {o.Order.Price} on {o.Order.Id}").ToArray();
        var orders = string.Join(" and ", charged.Select(o => o.Order.Id));
        return new Draft(
            context, "billing", PriorityOf(context.Customer, Priority.Normal), refunds,
            $"You are right: order {orders} was charged twice. We have started a refund of the duplicate payment to your card.");
    }

    /// <summary>The technical team's draft for an outage: page the on-call engineer.</summary>
    /// <param name="context">The ticket and what the lookup found.</param>
    /// <returns>The draft, marked as an incident.</returns>
    public static Draft Escalate(TicketContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Draft(
            context, "technical-oncall", Priority.Urgent, ["Page the on-call engineer", "Link the ticket to the incident"],
            "Thank you for reporting this. We have escalated it to our on-call engineers, who are investigating the outage now.")
        {
            IsIncident = true,
        };
    }

    /// <summary>The technical team's draft for anything short of an outage: a troubleshooting guide.</summary>
    /// <param name="context">The ticket and what the lookup found.</param>
    /// <returns>The draft.</returns>
    public static Draft Troubleshoot(TicketContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Draft(
            context, "technical", PriorityOf(context.Customer, Priority.Normal), ["Send the troubleshooting guide"],
            "Please try signing out and in again and clearing your browser's cache; our troubleshooting guide is attached.");
    }

    /// <summary>The shipping team's draft: ask the carrier to trace late parcels.</summary>
    /// <param name="context">The ticket and what the lookup found.</param>
    /// <returns>The draft.</returns>
    public static Draft Shipping(TicketContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var late = context.Orders.Where(o => o.Order.Status == OrderStatus.Shipped && o.NeedsAttention).Select(o => o.Order.Id).ToArray();
        return late.Length == 0
            ? new Draft(
                context, "shipping", PriorityOf(context.Customer, Priority.Normal), ["Send the tracking links"],
                "Your recent orders are on schedule; here are their tracking links.")
            : new Draft(
                context, "shipping", PriorityOf(context.Customer, Priority.High), [.. late.Select(id => $"Open a carrier trace for {id}")],
                $"Order {string.Join(" and ", late)} is late. We have asked the carrier to trace it and will send a replacement if it is lost.");
    }

    /// <summary>The general queue's draft, for tickets no team handles (and the declared fallback of the route).</summary>
    /// <param name="context">The ticket and what the lookup found.</param>
    /// <returns>The draft.</returns>
    public static Draft General(TicketContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Draft(
            context, "general", Priority.Normal, ["Forward to the right team by hand"],
            "Thank you for your message. We have passed it to the colleague best placed to answer it.");
    }

    /// <summary>
    /// One revision of the refine loop: adds the first thing the reply still lacks (a greeting by name, then when the
    /// customer will hear back). It cannot invent an incident reference: that is left to a person.
    /// </summary>
    /// <param name="draft">The draft so far.</param>
    /// <returns>The revised draft.</returns>
    public static Draft Revise(Draft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var reply = draft.Reply;
        if (!reply.StartsWith("Hi ", StringComparison.Ordinal))
        {
            reply = $"Hi {draft.Context.Customer.FirstName},\n\n{reply}";
        }
        else if (!reply.Contains("You will hear from us", StringComparison.Ordinal))
        {
            reply = $"{reply}\n\nYou will hear from us again within {Timeframe(draft.Priority)}.";
        }

        return draft with { Reply = reply, Revision = draft.Revision + 1 };
    }

    /// <summary>Flags a draft for a person to review: what the refine loop returns when it reaches its cap.</summary>
    /// <param name="draft">The last draft.</param>
    /// <returns>The same draft, marked for review.</returns>
    public static Draft SendToHumanReview(Draft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return draft with { NeedsHumanReview = true };
    }

    /// <summary>Turns the final draft into the flow's output.</summary>
    /// <param name="draft">The final draft.</param>
    /// <returns>The outcome.</returns>
    public static TriageOutcome Finish(Draft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new TriageOutcome(
            draft.Context.Ticket.Id, draft.Queue, draft.Priority, draft.Actions, draft.Reply, draft.Revision, draft.NeedsHumanReview, draft.Context.Summary);
    }

    private static Priority PriorityOf(Customer customer, Priority standard)
        => customer.Tier == CustomerTier.Premium && standard < Priority.Urgent ? standard + 1 : standard;

    private static string Timeframe(Priority priority) => priority switch
    {
        Priority.Urgent => "2 hours",
        Priority.High => "1 business day",
        _ => "2 business days",
    };

    private static string Fold(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
