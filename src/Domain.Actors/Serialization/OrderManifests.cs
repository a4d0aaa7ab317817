using ActorOrders.Contracts.Serialization;
using ActorOrders.Domain.Events;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.Participants;
using ActorOrders.Domain.State;

namespace ActorOrders.Domain.Serialization;

/// <summary>
/// The manifests of everything the domain stores or sends between nodes: events, the snapshot,
/// participant messages, the admin API's commands. A manifest, once used, is never reassigned to another shape: change a
/// shape by adding "Name.v2" here and an upcaster from v1 to <see cref="UpcastersInForce"/>
/// (the procedure is on <see cref="Upcasters"/>).
/// </summary>
internal static class OrderManifests
{
    // Declared before the table: static initializers run in textual order.
    private static readonly System.Text.Json.JsonSerializerOptions Options = StoredJson.Options(OrdersJsonContext.Default);

    /// <summary>The upcasters in force, oldest first.</summary>
    internal static readonly IReadOnlyList<Upcaster> UpcastersInForce =
    [
        // Snapshots before the step budget was stored: the step then always started at attempt 1
        // with the last event, which is what a v1 snapshot's state means.
        new("OrderState.v1", "OrderState.v2", json =>
        {
            json["stepAttempt"] = 1;
            json["stepAttemptAt"] = json["updatedAt"]?.DeepClone();
            json["stepLastFailure"] = null;
            return json;
        }),

        // Snapshots before the placement's trace context was kept in the state: none (an order recovered
        // from such a snapshot starts its later spans as new traces, as it did then).
        new("OrderState.v2", "OrderState.v3", json =>
        {
            json["traceParent"] = null;
            return json;
        }),

        // Retries before the admin API recorded who asked: nobody was identified.
        new("OrderRetryRequested.v1", "OrderRetryRequested.v2", json =>
        {
            json["by"] = null;
            return json;
        }),

        // Placements before the trace context was stored: none.
        new("OrderPlaced.v1", "OrderPlaced.v2", json =>
        {
            json["traceParent"] = null;
            return json;
        }),
    ];

    internal static readonly ManifestTable Table = new(
        $"{nameof(OrdersJsonSerializer)} (id {OrdersJsonSerializer.Id})",
        [
            Json<ParticipantRequest>("ParticipantRequest.v1"),
            Json<ParticipantReply>("ParticipantReply.v1"),
            Json<ParticipantReplyAck>("ParticipantReplyAck.v1"),
            Json<ManualRetry>("ManualRetry.v1"),
            Json<ForceCompensation>("ForceCompensation.v1"),

            Json<OrderPlaced>("OrderPlaced.v2"),
            Json<PaymentAuthorized>("PaymentAuthorized.v1"),
            Json<PaymentDeclined>("PaymentDeclined.v1"),
            Json<InventoryReserved>("InventoryReserved.v1"),
            Json<InventoryUnavailable>("InventoryUnavailable.v1"),
            Json<ShipmentScheduled>("ShipmentScheduled.v1"),
            Json<ShipmentFailed>("ShipmentFailed.v1"),
            Json<StepAttemptFailed>("StepAttemptFailed.v1"),
            Json<StepTimedOut>("StepTimedOut.v1"),
            Json<CancellationRequested>("CancellationRequested.v1"),
            Json<PaymentRefunded>("PaymentRefunded.v1"),
            Json<InventoryReleased>("InventoryReleased.v1"),
            Json<ShipmentCancelled>("ShipmentCancelled.v1"),
            Json<CompensationStalled>("CompensationStalled.v1"),
            Json<OrderRetryRequested>("OrderRetryRequested.v2"),
            Json<CompensationForced>("CompensationForced.v1"),
            Json<OrderCompleted>("OrderCompleted.v1"),
            Json<OrderCancelled>("OrderCancelled.v1"),
            Json<OrderRejected>("OrderRejected.v1"),

            new MappedEntry<OrderState, OrderSnapshot>(
                "OrderState.v3", StoredJson.TypeInfo<OrderSnapshot>(Options), OrderSnapshot.From, s => s.ToState()),
        ],
        UpcastersInForce);

    private static JsonEntry<T> Json<T>(string manifest) where T : class => new(manifest, StoredJson.TypeInfo<T>(Options));
}
