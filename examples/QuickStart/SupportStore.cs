namespace QuickStart;

/// <summary>
/// An in-memory stand-in for the systems a support desk looks things up in: customers, orders, the payment ledger and
/// the carrier's tracking. Every call waits a little, like a database or an HTTP call would, and honours cancellation.
/// </summary>
public sealed class SupportStore
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    private readonly Dictionary<string, Customer> _customers;
    private readonly Dictionary<string, Order[]> _orders;
    private readonly Dictionary<string, int> _charges;
    private readonly DateOnly _today;

    /// <summary>Initializes a new instance of the <see cref="SupportStore"/> class.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="orders">Each customer's orders, by customer id.</param>
    /// <param name="charges">How many times each order was charged, by order id; once when absent.</param>
    /// <param name="today">The date that delivery delays are measured against.</param>
    public SupportStore(IEnumerable<Customer> customers, Dictionary<string, Order[]> orders, Dictionary<string, int> charges, DateOnly today)
    {
        _customers = customers.ToDictionary(c => c.Id);
        _orders = orders;
        _charges = charges;
        _today = today;
    }

    /// <summary>Gets a customer by id.</summary>
    /// <param name="customerId">The customer id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The customer.</returns>
    /// <exception cref="KeyNotFoundException">There is no such customer.</exception>
    public async Task<Customer> GetCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        await Task.Delay(Latency, cancellationToken);
        return _customers.TryGetValue(customerId, out var customer)
            ? customer
            : throw new KeyNotFoundException($"No customer with id '{customerId}'.");
    }

    /// <summary>Gets a customer's recent orders, newest first.</summary>
    /// <param name="customerId">The customer id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The orders; empty when the customer has none.</returns>
    public async Task<IReadOnlyList<Order>> GetRecentOrdersAsync(string customerId, CancellationToken cancellationToken = default)
    {
        await Task.Delay(Latency, cancellationToken);
        return _orders.TryGetValue(customerId, out var orders) ? [.. orders.OrderByDescending(o => o.PlacedOn)] : [];
    }

    /// <summary>Checks one order against the payment ledger and the carrier's tracking.</summary>
    /// <param name="order">The order.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The order with what was found.</returns>
    public async Task<OrderCheck> CheckOrderAsync(Order order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        await Task.Delay(Latency, cancellationToken);
        List<string> findings = [];
        if (_charges.TryGetValue(order.Id, out var charges) && charges > 1)
        {
            findings.Add($"charged {charges} times ({charges} x {order.Price})");
        }

        var days = _today.DayNumber - order.PlacedOn.DayNumber;
        if (order.Status == OrderStatus.Shipped && days > 7)
        {
            findings.Add($"with the carrier for {days} days, longer than the 7 promised");
        }

        return new OrderCheck(order, findings);
    }
}
