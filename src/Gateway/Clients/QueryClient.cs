using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using ActorOrders.Contracts;
using ActorOrders.Gateway.Settings;
using ActorOrders.Gateway.Wiring;
using ActorOrders.Http;

namespace ActorOrders.Gateway.Clients;

/// <summary>
/// The listing and the event history, asked of the query actor of one node (a cluster-aware router
/// picks a reachable one), so the gateway needs no database connection of its own.
/// </summary>
public sealed class QueryClient(IRequiredActor<OrderQueryRouter> router, ClusterGate gate, GatewaySettings settings) : IOrderListing, IOrderEventReader, IFinishedOrderViews
{
    /// <summary>
    /// The view a node holds without waking the order (its running order's last view, or a final view from
    /// the read model); null when it holds none or its read side cannot answer, and the order is asked instead.
    /// </summary>
    public async ValueTask<OrderView?> FindAsync(string orderId, CancellationToken ct)
    {
        try
        {
            return await AskAsync(new GetOrderView(orderId), ct) as OrderView;
        }
        catch (OrderServiceUnavailableException) when (gate.NotReady() is null)
        {
            return null;
        }
    }

    /// <summary>One page as asked; a reply the node cut to fit a frame is continued from its Next until the page is full.</summary>
    public async Task<OrderListPage> ListAsync(OrderListQuery query, CancellationToken ct)
    {
        var items = new List<OrderListItem>();
        var next = query;
        while (true)
        {
            var page = await AskAsync(new ListOrders(next), ct) switch
            {
                OrderListResult r => r.Page,
                var other => throw Unexpected(other),
            };
            items.AddRange(page.Items);
            if (page.Next is null || items.Count >= query.Limit || page.Items.Count == 0) return new OrderListPage(items, page.Next);
            next = next with { After = page.Next, Limit = query.Limit - items.Count };
        }
    }

    /// <summary>Every stored event; replies cut to fit a frame are continued from the last sequence number.</summary>
    public async Task<IReadOnlyList<StoredOrderEvent>?> ReadAsync(string orderId, CancellationToken ct)
    {
        var events = new List<StoredOrderEvent>();
        var from = 0L;
        while (true)
        {
            var reply = await AskAsync(new GetOrderEvents(orderId, from), ct);
            if (reply is not OrderEventsResult result) throw Unexpected(reply);
            // The data stays the JSON the node wrote: the gateway knows no event types.
            events.AddRange(result.Events.Select(e => new StoredOrderEvent(e.SequenceNr, e.Type, e.Timestamp, JsonDocument.Parse(e.Data).RootElement.Clone())));
            if (!result.More || result.Events.Count == 0) return events.Count > 0 ? events : null;
            from = result.Events[^1].SequenceNr + 1;
        }
    }

    private async Task<object> AskAsync(IOrderContract query, CancellationToken ct)
    {
        var timeout = settings.Http.AskTimeout;
        object reply;
        try
        {
            reply = await gate.AskAsync(await router.GetAsync(ct), query, timeout, ct);
        }
        catch (AskTimeoutException ex)
        {
            throw new OrderServiceUnavailableException($"No order node answered the query within {timeout.TotalSeconds:0.#} s.", TimeSpan.FromSeconds(1), ex);
        }

        return reply is OrderQueryFailed failed
            ? throw new OrderServiceUnavailableException(failed.Reason, TimeSpan.FromSeconds(failed.RetryAfterSeconds))
            : reply;
    }

    private static InvalidOperationException Unexpected(object reply) => new($"Unexpected reply {reply.GetType().Name} from the order query actor.");
}
