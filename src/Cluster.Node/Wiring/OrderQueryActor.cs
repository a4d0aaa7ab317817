using System.Text.Json;
using Akka.Actor;
using ActorOrders.Contracts;
using ActorOrders.Http;

namespace ActorOrders.Node.Wiring;

/// <summary>
/// Answers <see cref="ListOrders"/>, <see cref="GetOrderEvents"/> and <see cref="GetOrderView"/> for processes without a database
/// (the gateway) from this node's read model and read journal: the same ports the node's own HTTP
/// endpoints use, so both answer alike. Queries run concurrently (piped, never awaited in the
/// mailbox); each is bounded by <see cref="QueryTimeout"/> so an abandoned one cannot pile up. A reply
/// carries at most <see cref="OrderQueries.ReplyBudgetBytes"/> of items so it always fits a remoting
/// frame; the asker continues where it was cut.
/// </summary>
public sealed class OrderQueryActor : ReceiveActor
{
    /// <summary>Longest a query may run here; the asker has given up by then anyway.</summary>
    public static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(15);

    public OrderQueryActor(IOrderListing listing, IOrderEventReader events, IRunningOrderViews running, IFinishedOrderViews finished)
    {
        // What the node's own GET answers without a message to the order: the view its running (or
        // recently finished) order last published, else a final view from the read model.
        Receive<GetOrderView>(q =>
        {
            if (running.Find(q.OrderId) is { } live)
            {
                Sender.Tell(live);
                return;
            }

            var sender = Sender;
            Answer(async ct => await finished.FindAsync(q.OrderId, ct) is { } final ? final : new OrderViewNotHeld(q.OrderId)).PipeTo(sender);
        });
        Receive<ListOrders>(q =>
        {
            var sender = Sender;
            Answer(async ct => new OrderListResult(Fit(await listing.ListAsync(q.Query, ct)))).PipeTo(sender);
        });
        Receive<GetOrderEvents>(q =>
        {
            var sender = Sender;
            Answer(async ct => Fit(q, await events.ReadAsync(q.OrderId, ct))).PipeTo(sender);
        });
    }

    public static Props Props(IOrderListing listing, IOrderEventReader events, IRunningOrderViews running, IFinishedOrderViews finished) =>
        Akka.Actor.Props.Create(() => new OrderQueryActor(listing, events, running, finished));

    // Sizes are measured with the HTTP options, whose escaping is never shorter than the wire's.
    private static int Size<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, OrderJson.Options).Length;

    private static OrderListPage Fit(OrderListPage page)
    {
        var bytes = 0;
        for (var i = 0; i < page.Items.Count; i++)
        {
            bytes += Size(page.Items[i]);
            if (i > 0 && bytes > OrderQueries.ReplyBudgetBytes)
            {
                var last = page.Items[i - 1];
                return new OrderListPage(page.Items.Take(i).ToList(), new OrderListPosition(last.PlacedAt, last.OrderId));
            }
        }

        return page;
    }

    private static OrderEventsResult Fit(GetOrderEvents query, IReadOnlyList<StoredOrderEvent>? stored)
    {
        var records = new List<OrderEventRecord>();
        var bytes = 0;
        foreach (var e in (stored ?? []).Where(e => e.SequenceNr >= query.FromSequenceNr))
        {
            var record = new OrderEventRecord(e.SequenceNr, e.Type, e.Timestamp, JsonSerializer.Serialize(e.Data, e.Data.GetType(), OrderJson.Options));
            bytes += Size(record);
            if (records.Count > 0 && bytes > OrderQueries.ReplyBudgetBytes) return new OrderEventsResult(query.OrderId, records, More: true);
            records.Add(record);
        }

        return new OrderEventsResult(query.OrderId, records, More: false);
    }

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
