using Akka.Hosting;
using ActorOrders.Contracts;
using ActorOrders.Http;

namespace ActorOrders.Node.Wiring;

/// <summary>Registry key of this node's <see cref="OrderQueryActor"/>.</summary>
public sealed class OrderQueryService;

/// <summary>The query actor every node runs for gateways (<see cref="OrderQueries.Path"/>).</summary>
public static class QueryWiring
{
    /// <summary>
    /// Starts the query actor at <c>/user/order-queries</c>. Gateways reach it with a cluster-aware
    /// group router on role <c>node</c>, so the path is all they need to know.
    /// </summary>
    public static AkkaConfigurationBuilder AddOrderQueries(this AkkaConfigurationBuilder akka, IServiceProvider services) =>
        akka.WithActors((system, registry) =>
        {
            var name = OrderQueries.Path["/user/".Length..];
            var actor = system.ActorOf(
                OrderQueryActor.Props(
                    services.GetRequiredService<IOrderListing>(),
                    services.GetRequiredService<IOrderEventReader>(),
                    services.GetRequiredService<IRunningOrderViews>(),
                    services.GetRequiredService<IFinishedOrderViews>()),
                name);
            registry.Register<OrderQueryService>(actor);
        });
}
