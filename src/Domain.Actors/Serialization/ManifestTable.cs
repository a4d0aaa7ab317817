using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorOrders.Domain.Events;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.Participants;
using ActorOrders.Domain.State;

namespace ActorOrders.Domain.Serialization;

/// <summary>
/// The explicit manifest ⇄ type table. Deserialization only ever goes through this table,
/// never through a type name found in the bytes, so stored or received data cannot choose
/// the type it becomes. A manifest, once used, is never reassigned to another shape:
/// change a shape by adding "Name.v2" here and an upcaster from v1 (see <see cref="Upcasters"/>).
/// </summary>
internal static class ManifestTable
{
    // Declared before the entries: static initializers run in textual order.
    private static readonly JsonSerializerOptions Options = CreateOptions();

    internal static readonly IReadOnlyList<ManifestEntry> Entries =
    [
        Json<PlaceOrder>("PlaceOrder.v1"),
        Json<CancelOrder>("CancelOrder.v1"),
        Json<RetryOrder>("RetryOrder.v1"),
        Json<GetOrder>("GetOrder.v1"),
        Json<OrderAccepted>("OrderAccepted.v1"),
        Json<OrderCommandRejected>("OrderCommandRejected.v1"),
        Json<OrderNotFound>("OrderNotFound.v1"),
        Json<OrderView>("OrderView.v1"),

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

        Mapped<OrderState, OrderSnapshotV1>("OrderState.v1", OrderSnapshotV1.From, s => s.ToState()),
    ];

    // ToFrozenDictionary throws on a duplicate key, so a manifest or type listed twice fails at start-up.
    internal static readonly FrozenDictionary<Type, ManifestEntry> ByType = Entries.ToFrozenDictionary(e => e.Type);

    internal static readonly FrozenDictionary<string, ManifestEntry> ByManifest =
        Entries.ToFrozenDictionary(e => e.Manifest, StringComparer.Ordinal);

    private static JsonEntry<T> Json<T>(string manifest) where T : class => new(manifest, Info<T>());

    private static MappedEntry<T, TStored> Mapped<T, TStored>(string manifest, Func<T, TStored> toStored, Func<TStored, T> fromStored)
        where T : class
        where TStored : class =>
        new(manifest, Info<TStored>(), toStored, fromStored);

    private static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(OrdersJsonContext.Default.Options)
        {
            TypeInfoResolver = OrdersJsonContext.Default.WithAddedModifier(DropDerivedMembers),
            // The bytes go to a journal and over remoting, never into HTML: names and addresses
            // outside ASCII are stored as UTF-8, readable and shorter than \uXXXX escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }

    // OrderLine.Amount is computed from the other fields: writing it would put a value on the
    // wire that readers ignore and that could disagree with the fields it derives from.
    private static void DropDerivedMembers(JsonTypeInfo info)
    {
        if (info.Type != typeof(OrderLine)) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].Name == "amount") info.Properties.RemoveAt(i);
        }
    }
}
