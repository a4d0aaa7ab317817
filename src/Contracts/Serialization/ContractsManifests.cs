namespace ActorOrders.Contracts.Serialization;

/// <summary>
/// The manifests of the contract messages. They cross the network between processes of
/// different versions during a rolling upgrade, so they follow the same rule as stored events:
/// a manifest is never reassigned to another shape (fixtures in Contracts.Tests keep them readable).
/// </summary>
internal static class ContractsManifests
{
    private static readonly System.Text.Json.JsonSerializerOptions Options = StoredJson.Options(ContractsJsonContext.Default);

    internal static readonly ManifestTable Table = new(
        $"{nameof(ContractsJsonSerializer)} (id {ContractsJsonSerializer.Id})",
        [
            Json<PlaceOrder>("PlaceOrder.v2"),
            Json<CancelOrder>("CancelOrder.v1"),
            Json<RetryOrder>("RetryOrder.v1"),
            Json<GetOrder>("GetOrder.v1"),
            Json<OrderAccepted>("OrderAccepted.v1"),
            Json<OrderCommandRejected>("OrderCommandRejected.v1"),
            Json<OrderNotFound>("OrderNotFound.v1"),
            Json<OrderView>("OrderView.v1"),
            Json<ListOrders>("ListOrders.v1"),
            Json<OrderListResult>("OrderListResult.v1"),
            Json<GetOrderEvents>("GetOrderEvents.v1"),
            Json<OrderEventsResult>("OrderEventsResult.v1"),
            Json<OrderQueryFailed>("OrderQueryFailed.v1"),
            Json<GetOrderView>("GetOrderView.v1"),
            Json<OrderViewNotHeld>("OrderViewNotHeld.v1"),
            Json<GetBoardSnapshot>("GetBoardSnapshot.v1"),
            Json<BoardNodeSnapshot>("BoardNodeSnapshot.v1"),
        ],
        [
            // Placements before the trace context travelled with them: none.
            new Upcaster("PlaceOrder.v1", "PlaceOrder.v2", json =>
            {
                json["traceParent"] = null;
                return json;
            }),
        ]);

    private static JsonEntry<T> Json<T>(string manifest) where T : class => new(manifest, StoredJson.TypeInfo<T>(Options));
}
