namespace QuickStart;

/// <summary>The sample customers, orders and tickets the quick start triages.</summary>
public static class SampleData
{
    /// <summary>Gets the tickets to triage, one per kind of outcome.</summary>
    public static IReadOnlyList<Ticket> Tickets { get; } =
    [
        new("T-1001", "C-ana", "Charged twice for my order", "Hi, my card statement shows two payments for my last order. Can you refund one?"),
        new("T-1002", "C-ben", "Dashboard down for our whole team", "Since this morning nobody in our company can open the dashboard: error 503. This is an outage for us."),
        new("T-1003", "C-chloe", "Where is my parcel?", "I ordered a desk lamp almost two weeks ago and the tracking has not moved."),
        new("T-1004", "C-dev", "Volume pricing for schools", "We are a group of schools and would like to buy 40 licences. Do you offer a discount?"),
    ];

    /// <summary>Creates the store that holds the sample customers and orders.</summary>
    /// <returns>The store.</returns>
    public static SupportStore CreateStore() => new(
        [
            new Customer("C-ana", "Ana Ruiz", CustomerTier.Premium),
            new Customer("C-ben", "Ben Okafor", CustomerTier.Premium),
            new Customer("C-chloe", "Chloe Martin", CustomerTier.Standard),
            new Customer("C-dev", "Dev Patel", CustomerTier.Standard),
        ],
        new()
        {
            ["C-ana"] =
            [
                new Order("O-1002", new DateOnly(2025, 11, 14), 49.90m, OrderStatus.Delivered),
                new Order("O-0988", new DateOnly(2025, 10, 2), 19.00m, OrderStatus.Delivered),
                new Order("O-0951", new DateOnly(2025, 8, 21), 120.00m, OrderStatus.Delivered),
            ],
            ["C-ben"] = [new Order("O-0990", new DateOnly(2025, 10, 5), 899.00m, OrderStatus.Delivered)],
            ["C-chloe"] =
            [
                new Order("O-1004", new DateOnly(2025, 11, 7), 35.50m, OrderStatus.Shipped),
                new Order("O-0973", new DateOnly(2025, 9, 12), 12.00m, OrderStatus.Delivered),
            ],
        },
        new() { ["O-1002"] = 2 },
        today: new DateOnly(2025, 11, 20));
}
