using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Routing;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Routing;
using ActorOrders.Contracts;
using ActorOrders.Contracts.Serialization;
using ActorOrders.Gateway.Settings;
using ActorOrders.Membership;
using ActorOrders.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorOrders.Gateway.Wiring;

/// <summary>Registry key of the order shard region proxy.</summary>
public sealed class OrderRegionProxy;

/// <summary>Registry key of the router to the nodes' query actors.</summary>
public sealed class OrderQueryRouter;

/// <summary>
/// The gateway's actor system: a cluster member with role <c>gateway</c> that hosts nothing — a shard
/// region proxy for orders (the nodes' type name and extractor), a router to the query actor of every
/// node, and only the contracts' serializer.
/// </summary>
public static class GatewayWiring
{
    /// <summary>The role of order nodes (they host the shards and the query actors, and decide in the split brain resolver).</summary>
    public const string NodeRole = MembershipWiring.NodeRole;

    public static AkkaConfigurationBuilder AddGateway(this AkkaConfigurationBuilder akka, GatewaySettings settings, GatewayExit exit, ClusterGate gate)
    {
        var cluster = settings.Cluster;
        var configFile = Path.Combine(AppContext.BaseDirectory, "config", "akka.conf");
        return akka
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .AddHocon(ContractsSerialization.Config, HoconAddMode.Prepend)
            .AddHoconFile(configFile, HoconAddMode.Prepend)
            // A gateway often starts before (or while) the nodes do: ask the seeds every 2 s (Akka's default is 5 s).
            .AddHocon("akka.cluster.seed-node-timeout = 2s", HoconAddMode.Prepend)
            // Remoting (TLS), failure detector and resolver as on the nodes: only members with role "node" count.
            // Alone with every node unreachable, the gateway downs itself, and then exits (GatewayExit) for its
            // supervisor to start a fresh one.
            .WithMembership(cluster, cluster.Port, [GatewayClusterSettings.Role], cluster.EffectiveSeedNodes)
            .WithShardRegionProxy<OrderRegionProxy>(
                OrderMessageExtractor.TypeName,
                NodeRole,
                new OrderMessageExtractor(settings.Sharding.NumberOfShards))
            .WithActors((system, registry) =>
            {
                // A group router over the path every node's query actor has: routees follow membership
                // (added when a node is Up, removed while it is unreachable), so no registration is needed.
                var paths = new[] { OrderQueries.Path };
                var router = system.ActorOf(
                    Props.Empty.WithRouter(new ClusterRouterGroup(
                        new RoundRobinGroup(paths),
                        new ClusterRouterGroupSettings(10_000, paths, allowLocalRoutees: false, useRole: NodeRole))),
                    "order-queries");
                registry.Register<OrderQueryRouter>(router);
                exit.Watch(system);
                gate.Watch(system);
            })
            .WithActorSystemLivenessCheck(tags: [HealthEndpoints.LiveTag])
            .WithAkkaClusterReadinessCheck(tags: [HealthEndpoints.ReadyTag])
            .WithHealthCheck("order-region-proxy", ProxyAnswers, tags: [HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(5));
    }

    // Answered through the shard coordinator: the proxy knows it and at least one node's region is registered.
    private static async Task<HealthCheckResult> ProxyAnswers(ActorSystem system, ActorRegistry registry, CancellationToken ct)
    {
        if (!registry.TryGet<OrderRegionProxy>(out var proxy)) return HealthCheckResult.Unhealthy("The order shard region proxy has not started.");
        try
        {
            var regions = await proxy.Ask<CurrentRegions>(GetCurrentRegions.Instance, TimeSpan.FromSeconds(3), ct);
            return regions.Regions.Count > 0
                ? HealthCheckResult.Healthy($"{regions.Regions.Count} order region(s).")
                : HealthCheckResult.Unhealthy("No order region is known to the proxy (no coordinator or no node).");
        }
        catch (AskTimeoutException)
        {
            return HealthCheckResult.Unhealthy("The order shard region proxy did not answer.");
        }
    }
}
