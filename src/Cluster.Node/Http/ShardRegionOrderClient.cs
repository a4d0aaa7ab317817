using Akka.Actor;
using Akka.Hosting;
using ActorOrders.Contracts;
using ActorOrders.Http;
using ActorOrders.Node.Settings;
using ActorOrders.Node.Wiring;

namespace ActorOrders.Node.Http;

/// <summary><see cref="IOrderClient"/> over the order shard region: Ask with the configured timeout.</summary>
public sealed class ShardRegionOrderClient(IRequiredActor<OrderRegion> region, NodeSettings settings) : IOrderClient
{
    public async Task<object> AskAsync(IWithOrderId message, CancellationToken ct)
    {
        var timeout = settings.Http.AskTimeout;
        try
        {
            var actor = await region.GetAsync(ct);
            return await actor.Ask<object>(message, timeout, ct);
        }
        catch (AskTimeoutException ex)
        {
            throw new OrderServiceUnavailableException($"Order {message.OrderId} did not answer within {timeout.TotalSeconds:0.#} s.", TimeSpan.FromSeconds(1), ex);
        }
    }
}
