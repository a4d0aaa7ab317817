using ActorOrders.Contracts;

namespace ActorOrders.Http;

/// <summary>
/// Sends a message to one order and returns its reply. Implemented by the node with the shard
/// region, by the gateway with a shard region proxy.
/// </summary>
public interface IOrderClient
{
    /// <summary>Asks the order named by <paramref name="message"/>; throws <see cref="OrderServiceUnavailableException"/> when no reply comes in time.</summary>
    Task<object> AskAsync(IWithOrderId message, CancellationToken ct);
}

/// <summary>Reads an order's persisted events without waking the order (nothing is written for an unknown id).</summary>
public interface IOrderEventReader
{
    /// <summary>The order's events in sequence order, or null when none is stored.</summary>
    Task<IReadOnlyList<StoredOrderEvent>?> ReadAsync(string orderId, CancellationToken ct);
}

/// <summary>
/// The views of the orders running in this process, which GET /orders/{id} answers from memory
/// without a message to the order; a host where no orders run (a gateway) has none.
/// </summary>
public interface IRunningOrderViews
{
    /// <summary>The current view of the order if it runs here, else null (then the order is asked).</summary>
    OrderView? Find(string orderId);
}

/// <summary>
/// Exact views of orders answered without waking them: on a node, final views (Completed, Rejected,
/// Cancelled, which never change) from the read model; on a gateway, whatever a node holds that way
/// (its running order's last published view, or a final view). Anything else asks the order.
/// </summary>
public interface IFinishedOrderViews
{
    /// <summary>The order's final view, or null when the store has none (not finished, unknown, or not projected yet).</summary>
    ValueTask<OrderView?> FindAsync(string orderId, CancellationToken ct);
}

/// <summary>No store of finished views.</summary>
public sealed class NoFinishedOrderViews : IFinishedOrderViews
{
    /// <inheritdoc />
    public ValueTask<OrderView?> FindAsync(string orderId, CancellationToken ct) => ValueTask.FromResult<OrderView?>(null);
}

/// <summary>No orders run in this process.</summary>
public sealed class NoRunningOrders : IRunningOrderViews
{
    /// <inheritdoc />
    public OrderView? Find(string orderId) => null;
}

/// <summary>Lists orders from the read model (which may lag the orders themselves by a moment).</summary>
public interface IOrderListing
{
    /// <summary>One page; throws <see cref="OrderServiceUnavailableException"/> when the read model cannot answer.</summary>
    Task<OrderListPage> ListAsync(OrderListQuery query, CancellationToken ct);
}

/// <summary>One persisted event of an order, as shown over HTTP.</summary>
/// <param name="SequenceNr">Position in the order's history, from 1.</param>
/// <param name="Type">The event type name, e.g. OrderPlaced.</param>
/// <param name="Timestamp">When the order decided the fact (the event's At).</param>
/// <param name="Data">The event itself; serialized as a camelCase JSON object.</param>
public sealed record StoredOrderEvent(long SequenceNr, string Type, DateTimeOffset Timestamp, object Data);

/// <summary>The order service did not answer in time or is overloaded; the client should retry later.</summary>
public sealed class OrderServiceUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>A hint for the Retry-After header.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
