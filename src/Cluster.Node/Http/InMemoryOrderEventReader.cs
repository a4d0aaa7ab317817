using ActorOrders.Http;

namespace ActorOrders.Node.Http;

/// <summary>
/// <see cref="IOrderEventReader"/> for the in-memory journal (benchmarks only), which has no
/// query side: the event history cannot be listed.
/// </summary>
public sealed class InMemoryOrderEventReader : IOrderEventReader
{
    public Task<IReadOnlyList<StoredOrderEvent>?> ReadAsync(string orderId, CancellationToken ct) =>
        throw new NotSupportedException("Event queries are not available on the in-memory journal (ActorOrders:Persistence:Provider = InMemory).");
}
