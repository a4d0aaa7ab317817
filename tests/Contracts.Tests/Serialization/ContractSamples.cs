namespace ActorOrders.Contracts.Tests.Serialization;

/// <summary>
/// One fixed instance of every contract message, every field non-default (checked), so a field
/// the serializer drops or misreads shows as a difference. Constants: the fixtures are compared against them.
/// </summary>
internal static class ContractSamples
{
    private const string Id = "order-42";

    // A non-UTC offset and sub-millisecond ticks: the wire form must keep both.
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5_358_979);
    private static readonly DateTimeOffset Later = At.AddMinutes(3).AddTicks(1);

    // Scale and every digit must survive: 10.50 stays 10.50, not 10.5.
    private static readonly OrderLine[] Lines = [new("SKU-1", 2, 10.50m), new("SKU-ÆØÅ \"quoted\"", 3, 0.1234567890123456789m)];
    private static readonly ShippingAddress Address = new("1 Main St", "Springfield", "12345", "US");
    private const decimal Total = 21.3703703670370370367m;

    /// <summary>What fixtures under retired manifests read as, once upcast.</summary>
    public static readonly IReadOnlyDictionary<string, object> RetiredManifests = new Dictionary<string, object>
    {
        // v1 carried no trace context.
        ["PlaceOrder.v1"] = new PlaceOrder(Id, "alice", "USD", Lines, Address),
    };

    /// <summary>The samples, keyed by their type.</summary>
    public static readonly IReadOnlyDictionary<Type, object> ByType = new object[]
    {
        new PlaceOrder(Id, "alice", "USD", Lines, Address, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
        new CancelOrder(Id, "changed my mind"),
        new RetryOrder(Id),
        new GetOrder(Id),
        new OrderAccepted(Id, OrderStatus.AwaitingPayment, Created: true),
        new OrderCommandRejected(Id, RejectionCode.TooLate, "the order has shipped"),
        new OrderNotFound(Id),
        new OrderView(
            Id, OrderStatus.Compensating, "alice", "USD", Total, Lines, Address, "pay-1", "res-1", "trk-1",
            [ParticipantAction.ReleaseInventory, ParticipantAction.RefundPayment], "shipment failed", At, Later, 7),
        new ListOrders(new OrderListQuery([OrderStatus.Completed, OrderStatus.AttentionRequired], "alice", Later, 25, new OrderListPosition(At, "order-41"))),
        new OrderListResult(new OrderListPage(
            [new OrderListItem(Id, OrderStatus.Compensating, "alice", Total, "USD", At, Later, ParticipantAction.RefundPayment, 2, "shipment failed")],
            new OrderListPosition(At, Id))),
        new GetOrderEvents(Id, 3),
        new OrderEventsResult(Id, [new OrderEventRecord(1, "OrderPlaced", At, """{"orderId":"order-42","note":"ÆØÅ \"quoted\""}""")], More: true),
        new OrderQueryFailed("the read model is busy", 2),
        new GetOrderView(Id),
        new OrderViewNotHeld(Id),
        new GetBoardSnapshot(60),
        new BoardNodeSnapshot(
            "akka.tcp://ActorOrders@10.0.0.7:4053", "5f0c2a9e4b1d4c7e", ["node", "ÆØÅ \"quoted\""], Later, At, 1234,
            [new BoardCount("Completed", 1000), new BoardCount("Rejected", 200)], [new BoardCount("AwaitingPayment", 3)],
            1_773_493_766, [new BoardSecond(5, 3, 1, 1, 1), new BoardSecond(7, 6, 2, 1, 3)],
            [new BoardStep("AuthorizePayment", [0.001, 0.01, 0.1], [1, 5, 2, 1], 9, 1.2345678901234567, 1, 0.75)],
            [new BoardConsumerLag("ingest", "actororders", "orders.commands", 3, 17)],
            [new BoardSliceLag("orders-read-model", 5, Running: true, 12, 0.25, "TimeoutException: the database did not answer")]),
    }.ToDictionary(s => s.GetType());

    /// <summary>Every contract message: each concrete <see cref="IOrderContract"/> of the contracts assembly.</summary>
    public static IReadOnlyList<Type> CoveredTypes { get; } =
        typeof(IOrderContract).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IOrderContract).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
}
