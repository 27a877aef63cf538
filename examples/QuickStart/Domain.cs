using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace QuickStart;

/// <summary>A support ticket as it arrives from the help desk.</summary>
/// <param name="Id">The ticket id.</param>
/// <param name="CustomerId">The id of the customer who wrote it.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">The message.</param>
public sealed record Ticket(string Id, string CustomerId, string Subject, string Body);

/// <summary>How much service a customer has paid for.</summary>
public enum CustomerTier
{
    /// <summary>The default plan.</summary>
    Standard,

    /// <summary>A paid plan with faster answers.</summary>
    Premium,
}

/// <summary>A customer record.</summary>
/// <param name="Id">The customer id.</param>
/// <param name="Name">The full name.</param>
/// <param name="Tier">The plan.</param>
public sealed record Customer(string Id, string Name, CustomerTier Tier)
{
    /// <summary>Gets the first name, for greetings.</summary>
    public string FirstName => Name.Split(' ')[0];
}

/// <summary>Where an order is.</summary>
public enum OrderStatus
{
    /// <summary>Paid, not shipped yet.</summary>
    Processing,

    /// <summary>With the carrier.</summary>
    Shipped,

    /// <summary>Delivered.</summary>
    Delivered,
}

/// <summary>An order of a customer.</summary>
/// <param name="Id">The order id.</param>
/// <param name="PlacedOn">When it was placed.</param>
/// <param name="Amount">What it cost, in euros.</param>
/// <param name="Status">Where it is.</param>
public sealed record Order(string Id, DateOnly PlacedOn, decimal Amount, OrderStatus Status)
{
    /// <summary>Gets the amount as text, the same in every culture.</summary>
    public string Price => Money(Amount);

    /// <summary>Formats an amount of euros.</summary>
    /// <param name="amount">The amount.</param>
    /// <returns>For example <c>49.90 EUR</c>.</returns>
    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture) + " EUR";
}

/// <summary>An order and what checking it against payments and shipping found.</summary>
/// <param name="Order">The order.</param>
/// <param name="Findings">Problems found, such as a duplicate charge; empty when the order looks fine.</param>
public sealed record OrderCheck(Order Order, IReadOnlyList<string> Findings)
{
    /// <summary>Gets a value indicating whether anything was found.</summary>
    public bool NeedsAttention => Findings.Count > 0;
}

/// <summary>Everything the triage knows about a ticket: the join of the parallel lookup.</summary>
/// <param name="Ticket">The ticket.</param>
/// <param name="Customer">Its customer.</param>
/// <param name="Orders">The customer's recent orders, each checked.</param>
/// <param name="Summary">The model's typed reading of the ticket.</param>
public sealed record TicketContext(Ticket Ticket, Customer Customer, IReadOnlyList<OrderCheck> Orders, TicketSummary Summary);

/// <summary>How the customer sounds, as judged by the model.</summary>
public enum Sentiment
{
    /// <summary>Neutral or friendly.</summary>
    Calm,

    /// <summary>Annoyed, but still patient.</summary>
    Frustrated,

    /// <summary>Angry: the reply must acknowledge it.</summary>
    Angry,
}

/// <summary>
/// The model's reading of a ticket: the typed output of the <c>summarize</c> prompt task. The attributes are checked
/// on every reply; a reply that breaks them is sent back to the model with the errors.
/// </summary>
/// <param name="Summary">One sentence.</param>
/// <param name="Sentiment">How the customer sounds.</param>
/// <param name="Urgency">From 1 (can wait) to 5 (the customer's business is stopped).</param>
public sealed record TicketSummary(
    [property: Required, MinLength(10)] string Summary,
    Sentiment Sentiment,
    [property: Range(1, 5)] int Urgency);

/// <summary>
/// The teams a ticket can go to: the cases of the LLM-decided route. Each description is shown to the model.
/// </summary>
public enum TicketCategory
{
    /// <summary>Billing.</summary>
    [Description("Charges, invoices, refunds and failed payments.")]
    Billing,

    /// <summary>Technical support.</summary>
    [Description("The product or the website does not work: errors, outages, sign-in problems.")]
    Technical,

    /// <summary>Shipping.</summary>
    [Description("Delivery of physical orders: tracking, delays, damaged or missing parcels.")]
    Shipping,

    /// <summary>Anything else; a person reads it. Also the declared fallback when the model gives no valid answer.</summary>
    [Description("Anything that none of the other teams handles, such as sales or partnership questions.")]
    Other,
}

/// <summary>How fast a ticket must be answered.</summary>
public enum Priority
{
    /// <summary>Within two business days.</summary>
    Normal,

    /// <summary>Within one business day.</summary>
    High,

    /// <summary>Within two hours.</summary>
    Urgent,
}

/// <summary>A reply being prepared: the queue, the actions taken, and the text, revised by the refine loop.</summary>
/// <param name="Context">The ticket and what the lookup found.</param>
/// <param name="Queue">The team queue the ticket goes to.</param>
/// <param name="Priority">How fast it must be answered.</param>
/// <param name="Actions">What the team does (or has done) about it.</param>
/// <param name="Reply">The reply to the customer, as drafted so far.</param>
public sealed record Draft(TicketContext Context, string Queue, Priority Priority, IReadOnlyList<string> Actions, string Reply)
{
    /// <summary>Gets a value indicating whether the ticket is about an incident, whose reply must cite the incident reference.</summary>
    public bool IsIncident { get; init; }

    /// <summary>Gets how many times the refine loop revised the reply.</summary>
    public int Revision { get; init; }

    /// <summary>Gets a value indicating whether a person must review the reply before it is sent.</summary>
    public bool NeedsHumanReview { get; init; }
}

/// <summary>What the triage decided for a ticket: the flow's output.</summary>
/// <param name="TicketId">The ticket id.</param>
/// <param name="Queue">The team queue.</param>
/// <param name="Priority">How fast it must be answered.</param>
/// <param name="Actions">What the team does about it.</param>
/// <param name="Reply">The reply to send.</param>
/// <param name="Revisions">How many revisions the reply went through.</param>
/// <param name="NeedsHumanReview">Whether a person must review the reply first.</param>
/// <param name="Summary">The model's typed reading of the ticket.</param>
public sealed record TriageOutcome(
    string TicketId, string Queue, Priority Priority, IReadOnlyList<string> Actions, string Reply, int Revisions, bool NeedsHumanReview, TicketSummary Summary);
