using System.Collections.Immutable;
using ActorOrders.Domain.Events;
using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.Participants;
using ActorOrders.Domain.State;

namespace ActorOrders.Domain.Tests.Serialization;

/// <summary>
/// One fixed instance of every serializable type. Every field holds a non-default value (checked
/// by a test), so a field the serializer drops or misreads shows up as a difference. Values are
/// constants: the fixtures are compared against them.
/// </summary>
internal static class Samples
{
    private const string Id = "order-42";

    // A non-UTC offset and sub-millisecond ticks: the stored form must keep both.
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5_358_979);
    private static readonly DateTimeOffset Later = At.AddMinutes(3).AddTicks(1);

    // Scale and every digit must survive: 10.50 stays 10.50, not 10.5.
    private static readonly OrderLine[] Lines = [new("SKU-1", 2, 10.50m), new("SKU-ÆØÅ \"quoted\"", 3, 0.1234567890123456789m)];
    private static readonly OrderLineData[] LineData = [new("SKU-1", 2, 10.50m), new("SKU-ÆØÅ \"quoted\"", 3, 0.1234567890123456789m)];
    private static readonly ShippingAddress Address = new("1 Main St", "Springfield", "12345", "US");
    private const decimal Total = 21.3703703670370370367m;

    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private static readonly OrderSummary Summary = new("alice", "USD", Total, Lines, Address);

    /// <summary>The samples, keyed by their type.</summary>
    public static readonly IReadOnlyDictionary<Type, object> ByType = new object[]
    {
        new ParticipantRequest(Id, ParticipantAction.ReserveInventory, $"{Id}:ReserveInventory", "req-3", 2, Summary, TraceParent),
        new ParticipantReply(Id, ParticipantAction.ScheduleShipment, "req-5", ParticipantOutcome.Refused, "trk-1", "no carrier"),
        new ParticipantReplyAck(Id, "req-5", Applied: true),
        new ManualRetry(Id, "ops@example"),
        new ForceCompensation(Id, "customer called: stop it", "ops@example"),

        new OrderPlaced(Id, "alice", "USD", LineData, "1 Main St", "Springfield", "12345", "US", Total, "sha256:0f1e2d", At, TraceParent),
        new PaymentAuthorized(Id, "pay-1", Total, At),
        new PaymentDeclined(Id, "insufficient funds", At),
        new InventoryReserved(Id, "res-1", At),
        new InventoryUnavailable(Id, "SKU-1 out of stock", At),
        new ShipmentScheduled(Id, "trk-1", At),
        new ShipmentFailed(Id, "no carrier", At),
        new StepAttemptFailed(Id, ParticipantAction.RefundPayment, 2, "no answer within 5000 ms", Later, At),
        new StepTimedOut(Id, ParticipantAction.ReserveInventory, 3, "no answer within 5s", At),
        new CancellationRequested(Id, "changed my mind", At),
        new PaymentRefunded(Id, "refund-1", At),
        new InventoryReleased(Id, At),
        new ShipmentCancelled(Id, At),
        new CompensationStalled(Id, ParticipantAction.RefundPayment, 10, "payment service down", At),
        new OrderRetryRequested(Id, "ops@example", At),
        new CompensationForced(Id, "customer called: stop it", "ops@example", At),
        new OrderCompleted(Id, At),
        new OrderCancelled(Id, "changed my mind", At),
        new OrderRejected(Id, "insufficient funds", At),

        // Not a reachable state (it has every optional field set at once): the point is that
        // each field makes the trip, not that the fold could produce it.
        SnapshotV2Fields with { TraceParent = TraceParent },
    }.ToDictionary(s => s.GetType());

    // The state a v1 snapshot (stored before the step budget was) holds.
    private static OrderState SnapshotV1Fields => new()
    {
        OrderId = Id,
        Status = OrderStatus.Compensating,
        Exists = true,
        CustomerId = "alice",
        Currency = "USD",
        Lines = [.. Lines],
        ShippingAddress = Address,
        Total = Total,
        Fingerprint = "sha256:0f1e2d",
        PaymentReference = "pay-1",
        ReservationReference = "res-1",
        TrackingReference = "trk-1",
        PaymentFailure = "declined once",
        PendingCompensations = ImmutableList.Create(ParticipantAction.ReleaseInventory, ParticipantAction.RefundPayment),
        Reason = "shipment failed",
        PlacedAt = At,
        UpdatedAt = Later,
    };

    // The state a v2 snapshot (stored before the trace context was) holds.
    private static OrderState SnapshotV2Fields =>
        SnapshotV1Fields with { StepAttempt = 2, StepAttemptAt = Later.AddSeconds(1), StepLastFailure = "no answer within 5000 ms" };

    /// <summary>
    /// What fixtures under retired manifests must read as, once upcast: add one entry when a
    /// manifest is retired (e.g. "OrderPlaced.v1" → the v2 value its fixture upcasts to).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, object> RetiredManifests = new Dictionary<string, object>
    {
        // v1 had no step budget: a step then restarted at attempt 1 with the last event.
        ["OrderState.v1"] = SnapshotV1Fields with { StepAttempt = 1, StepAttemptAt = Later, StepLastFailure = null },
        // v2 did not keep the placement's trace context.
        ["OrderState.v2"] = SnapshotV2Fields,
        // v1 did not record who asked for a retry.
        ["OrderRetryRequested.v1"] = new OrderRetryRequested(Id, null, At),
        // v1 did not store the placement's trace context.
        ["OrderPlaced.v1"] = new OrderPlaced(Id, "alice", "USD", LineData, "1 Main St", "Springfield", "12345", "US", Total, "sha256:0f1e2d", At),
    };

    /// <summary>Every type the serializer must cover: each concrete IOrderSerializable of Domain.Actors, plus the snapshot.</summary>
    public static IReadOnlyList<Type> CoveredTypes { get; } =
        typeof(IOrderSerializable).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IOrderSerializable).IsAssignableFrom(t))
            .Append(typeof(OrderState))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

    /// <summary>The types whose stored bytes must stay readable forever: events and the snapshot.</summary>
    public static IReadOnlyList<Type> StoredTypes { get; } =
        CoveredTypes.Where(t => typeof(IOrderEvent).IsAssignableFrom(t) || t == typeof(OrderState)).ToList();
}
