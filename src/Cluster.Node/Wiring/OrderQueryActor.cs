using System.Text.Json;
using Akka.Actor;
using ActorOrders.Contracts;
using ActorOrders.Http;

namespace ActorOrders.Node.Wiring;

/// <summary>
/// Answers <see cref="ListOrders"/> and <see cref="GetOrderEvents"/> for processes without a database
/// (the gateway) from this node's read model and read journal: the same ports the node's own HTTP
/// endpoints use, so both answer alike. Queries run concurrently (piped, never awaited in the
/// mailbox); each is bounded by <see cref="QueryTimeout"/> so an abandoned one cannot pile up.
/// </summary>
public sealed class OrderQueryActor : ReceiveActor
{
    /// <summary>Longest a query may run here; the asker has given up by then anyway.</summary>
    public static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(15);

    public OrderQueryActor(IOrderListing listing, IOrderEventReader events)
    {
        Receive<ListOrders>(q =>
        {
            var sender = Sender;
            Answer(async ct => new OrderListResult(await listing.ListAsync(q.Query, ct))).PipeTo(sender);
        });
        Receive<GetOrderEvents>(q =>
        {
            var sender = Sender;
            Answer(async ct => new OrderEventsResult(q.OrderId, Records(await events.ReadAsync(q.OrderId, ct)))).PipeTo(sender);
        });
    }

    public static Props Props(IOrderListing listing, IOrderEventReader events) =>
        Akka.Actor.Props.Create(() => new OrderQueryActor(listing, events));

    private static IReadOnlyList<OrderEventRecord> Records(IReadOnlyList<StoredOrderEvent>? stored) =>
        stored is null
            ? []
            : stored.Select(e => new OrderEventRecord(e.SequenceNr, e.Type, e.Timestamp, JsonSerializer.Serialize(e.Data, e.Data.GetType(), OrderJson.Options))).ToList();

    // Every failure becomes an answer: the asker gets a 503 with the reason at once instead of waiting for its timeout.
    private static async Task<object> Answer(Func<CancellationToken, Task<IOrderContract>> query)
    {
        using var cts = new CancellationTokenSource(QueryTimeout);
        try
        {
            return await query(cts.Token);
        }
        catch (OrderServiceUnavailableException ex)
        {
            return new OrderQueryFailed(ex.Message, Math.Max(1, (int)Math.Ceiling(ex.RetryAfter.TotalSeconds)));
        }
        catch (NotSupportedException ex)
        {
            return new OrderQueryFailed(ex.Message, 60);
        }
        catch (OperationCanceledException)
        {
            return new OrderQueryFailed($"The query did not finish within {QueryTimeout.TotalSeconds:0} s.", 1);
        }
    }
}
