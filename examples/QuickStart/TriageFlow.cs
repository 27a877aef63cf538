using AgentFlow;

namespace QuickStart;

/// <summary>
/// The support-ticket triage flow. Node paths (shown in the run record) follow the names given here:
/// <code>
/// support/normalize                                   clean the ticket's text
/// support/lookup/{ticket,customer,orders,summarize}   four concurrent branches joined into a TicketContext
/// support/lookup/orders/check-orders#0/check-order    each order checked, at most 2 at once
/// support/route[Billing]/billing                      the case an LLM chose, by label
/// support/route[Technical]/severity[outage]/escalate  a predicate branch inside a case
/// support/refine#2/revise                             the second iteration of the refine loop
/// support/finish                                      the outcome
/// </code>
/// </summary>
public static class TriageFlow
{
    /// <summary>The refine loop's cap: the reply is revised at most this many times.</summary>
    public const int MaxRevisions = 3;

    /// <summary>Builds the flow. It is validated here, once; the flow is immutable and can serve any number of runs.</summary>
    /// <param name="store">Where customers and orders are looked up.</param>
    /// <returns>The flow.</returns>
    public static Flow<Ticket, TriageOutcome> Build(SupportStore store)
    {
        ArgumentNullException.ThrowIfNull(store);

        // Parallel: four branches on the same ticket, joined into one typed record once all have succeeded. A join
        // sees only its branches' results, so the ticket itself comes through a trivial branch of its own. The
        // summary is a prompt task: a versioned prompt in, a validated TicketSummary out.
        var lookup = Flow.Parallel(
            "lookup",
            FlowTask.Create("ticket", (Ticket ticket) => ticket),
            FlowTask.Create<Ticket, Customer>("customer", (ticket, ct) => store.GetCustomerAsync(ticket.CustomerId, ct)),
            Flow.Define<Ticket>("orders")
                .Then("fetch-orders", (ticket, ct) => store.GetRecentOrdersAsync(ticket.CustomerId, ct))
                // Map: the same task on every order, at most two at once; results keep the orders' order.
                .Then(Flow.Map("check-orders", FlowTask.Create<Order, OrderCheck>("check-order", store.CheckOrderAsync), maxDegreeOfParallelism: 2))
                .Build(),
            FlowTask.FromPrompt<Ticket, TicketSummary>("summarize", Prompts.Summarize),
            (ticket, customer, orders, summary) => new TicketContext(ticket, customer, orders, summary));

        // Predicate branch: code decides, first matching case wins, Otherwise for the rest.
        var severity = Flow.Branch<TicketContext, Draft>("severity")
            .When("outage", IsOutage, FlowTask.Create<TicketContext, Draft>("escalate", Drafting.Escalate))
            .Otherwise(FlowTask.Create<TicketContext, Draft>("troubleshoot", Drafting.Troubleshoot))
            .Build();

        // LLM-decided branch: the model must answer one of the enum's cases (JSON schema enum); the [Description] of
        // each member tells it what the case is for. An answer outside the cases is corrected once, then goes to the
        // declared fallback, which the run record marks as a fallback.
        var route = Flow.Branch<TicketContext, TicketCategory, Draft>("route")
            .DecideByLlm(Prompts.Route, options =>
            {
                options.Instructions = Prompts.RouteInstructions;
                options.MaxCorrections = 1;
            })
            .Case(TicketCategory.Billing, FlowTask.Create<TicketContext, Draft>("billing", Drafting.Billing))
            .Case(TicketCategory.Technical, severity)
            .Case(TicketCategory.Shipping, FlowTask.Create<TicketContext, Draft>("shipping", Drafting.Shipping))
            .Case(TicketCategory.Other, FlowTask.Create<TicketContext, Draft>("general", Drafting.General))
            .FallbackTo(TicketCategory.Other)
            .Build();

        // Loop: revise, then ask the model whether the reply is ready (do-until). An unusable verdict counts as
        // "continue"; after MaxRevisions the last draft goes to a person instead of failing the run.
        var refine = Flow.Loop("refine", FlowTask.Create<Draft, Draft>("revise", Drafting.Revise))
            .UntilLlm(Prompts.Review, options => options.MaxCorrections = 1)
            .FallbackTo(LoopDecision.Continue)
            .MaxIterations(MaxRevisions)
            .OnCapReached(Drafting.SendToHumanReview)
            .Build();

        // Sequence: each step's output is the next step's input, checked by the compiler.
        return Flow.Define<Ticket>("support")
            .Then("normalize", Drafting.Normalize)
            .Then(lookup)
            .Then(route)
            .Then(refine)
            .Then("finish", Drafting.Finish)
            .Build();
    }

    private static bool IsOutage(TicketContext context)
    {
        var text = context.Ticket.Subject + " " + context.Ticket.Body;
        return text.Contains("outage", StringComparison.OrdinalIgnoreCase)
            || text.Contains("down", StringComparison.OrdinalIgnoreCase)
            || text.Contains("503", StringComparison.Ordinal);
    }
}
