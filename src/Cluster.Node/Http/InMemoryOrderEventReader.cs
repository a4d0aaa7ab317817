using ActorOrders.Http;

namespace ActorOrders.Node.Http;

/// <summary>
/// <see cref="IOrderEventReader"/> for the in-memory journal (benchmarks only), which has no
/// query side: every id is passed on to its order (which answers OrderNotFound for an unknown
/// one; nothing durable exists to protect), and the event history cannot be listed.
/// </summary>
public sealed class InMemoryOrderEventReader : IOrderEventReader
{
    public Task<bool> ExistsAsync(string orderId, CancellationToken ct) => Task.FromResult(true);

    public Task<IReadOnlyList<StoredOrderEvent>?> ReadAsync(string orderId, CancellationToken ct) =>
        throw new NotSupportedException("Event queries are not available on the in-memory journal (ActorOrders:Persistence:Provider = InMemory).");
}
