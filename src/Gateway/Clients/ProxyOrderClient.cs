using Akka.Actor;
using Akka.Hosting;
using ActorOrders.Contracts;
using ActorOrders.Gateway.Settings;
using ActorOrders.Gateway.Wiring;
using ActorOrders.Http;

namespace ActorOrders.Gateway.Clients;

/// <summary><see cref="IOrderClient"/> over the shard region proxy: the message reaches the order's entity on whichever node hosts it.</summary>
public sealed class ProxyOrderClient(IRequiredActor<OrderRegionProxy> proxy, ClusterGate gate, GatewaySettings settings) : IOrderClient
{
    public async Task<object> AskAsync(IWithOrderId message, CancellationToken ct)
    {
        var timeout = settings.Http.AskTimeout;
        try
        {
            return await gate.AskAsync(await proxy.GetAsync(ct), message, timeout, ct);
        }
        catch (AskTimeoutException ex)
        {
            throw new OrderServiceUnavailableException($"Order {message.OrderId} did not answer within {timeout.TotalSeconds:0.#} s.", TimeSpan.FromSeconds(1), ex);
        }
    }
}
