using ActorOrders.Contracts.Serialization;
using ActorOrders.Domain.Events;
using ActorOrders.Domain.Participants;
using ActorOrders.Domain.State;

namespace ActorOrders.Domain.Serialization;

/// <summary>
/// The manifests of everything the domain stores or sends between nodes: events, the snapshot,
/// participant messages. A manifest, once used, is never reassigned to another shape: change a
/// shape by adding "Name.v2" here and an upcaster from v1 to <see cref="UpcastersInForce"/>
/// (the procedure is on <see cref="Upcasters"/>).
/// </summary>
internal static class OrderManifests
{
    // Declared before the table: static initializers run in textual order.
    private static readonly System.Text.Json.JsonSerializerOptions Options = StoredJson.Options(OrdersJsonContext.Default);

    /// <summary>The upcasters in force. None yet: every manifest is at v1.</summary>
    internal static readonly IReadOnlyList<Upcaster> UpcastersInForce = [];

    internal static readonly ManifestTable Table = new(
        $"{nameof(OrdersJsonSerializer)} (id {OrdersJsonSerializer.Id})",
        [
            Json<ParticipantRequest>("ParticipantRequest.v1"),
            Json<ParticipantReply>("ParticipantReply.v1"),
            Json<ParticipantReplyAck>("ParticipantReplyAck.v1"),

            Json<OrderPlaced>("OrderPlaced.v1"),
            Json<PaymentAuthorized>("PaymentAuthorized.v1"),
            Json<PaymentDeclined>("PaymentDeclined.v1"),
            Json<InventoryReserved>("InventoryReserved.v1"),
            Json<InventoryUnavailable>("InventoryUnavailable.v1"),
            Json<ShipmentScheduled>("ShipmentScheduled.v1"),
            Json<ShipmentFailed>("ShipmentFailed.v1"),
            Json<StepTimedOut>("StepTimedOut.v1"),
            Json<CancellationRequested>("CancellationRequested.v1"),
            Json<PaymentRefunded>("PaymentRefunded.v1"),
            Json<InventoryReleased>("InventoryReleased.v1"),
            Json<ShipmentCancelled>("ShipmentCancelled.v1"),
            Json<CompensationStalled>("CompensationStalled.v1"),
            Json<OrderRetryRequested>("OrderRetryRequested.v1"),
            Json<OrderCompleted>("OrderCompleted.v1"),
            Json<OrderCancelled>("OrderCancelled.v1"),
            Json<OrderRejected>("OrderRejected.v1"),

            new MappedEntry<OrderState, OrderSnapshotV1>(
                "OrderState.v1", StoredJson.TypeInfo<OrderSnapshotV1>(Options), OrderSnapshotV1.From, s => s.ToState()),
        ],
        UpcastersInForce);

    private static JsonEntry<T> Json<T>(string manifest) where T : class => new(manifest, StoredJson.TypeInfo<T>(Options));
}
