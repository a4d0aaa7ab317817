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
public sealed class QueryClient(IRequiredActor<OrderQueryRouter> router, ClusterGate gate, GatewaySettings settings) : IOrderListing, IOrderEventReader
{
    public async Task<OrderListPage> ListAsync(OrderListQuery query, CancellationToken ct) =>
        await AskAsync(new ListOrders(query), ct) switch
        {
            OrderListResult r => r.Page,
            var other => throw Unexpected(other),
        };

    public async Task<IReadOnlyList<StoredOrderEvent>?> ReadAsync(string orderId, CancellationToken ct) =>
        await AskAsync(new GetOrderEvents(orderId), ct) switch
        {
            OrderEventsResult { Events.Count: 0 } => null,
            // The data stays the JSON the node wrote: the gateway knows no event types.
            OrderEventsResult r => r.Events.Select(e => new StoredOrderEvent(e.SequenceNr, e.Type, e.Timestamp, JsonDocument.Parse(e.Data).RootElement.Clone())).ToList(),
            var other => throw Unexpected(other),
        };

    private async Task<object> AskAsync(IOrderContract query, CancellationToken ct)
    {
        gate.EnsureReady();
        var timeout = settings.Http.AskTimeout;
        object reply;
        try
        {
            var actor = await router.GetAsync(ct);
            reply = await actor.Ask<object>(query, timeout, ct);
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
