using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using ActorOrders.Node.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorOrders.Node.Wiring;

/// <summary>Liveness (the actor system runs) and readiness (member Up and the order shard region answers through its coordinator).</summary>
public static class HealthWiring
{
    public static AkkaConfigurationBuilder AddOrderHealthChecks(this AkkaConfigurationBuilder akka) => akka
        .WithActorSystemLivenessCheck(tags: [NodeEndpoints.LiveTag])
        .WithAkkaClusterReadinessCheck(tags: [NodeEndpoints.ReadyTag])
        .WithHealthCheck("order-shard-region", ShardRegionAnswers, tags: [NodeEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(5));

    private static async Task<HealthCheckResult> ShardRegionAnswers(ActorSystem system, ActorRegistry registry, CancellationToken ct)
    {
        if (!registry.TryGet<OrderRegion>(out var region)) return HealthCheckResult.Unhealthy("The order shard region has not started.");
        try
        {
            // Answered by the shard coordinator: proves the region can place shards, not just that it exists.
            var regions = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, TimeSpan.FromSeconds(3), ct);
            return regions.Regions.Count > 0
                ? HealthCheckResult.Healthy($"{regions.Regions.Count} order region(s).")
                : HealthCheckResult.Unhealthy("No order region is registered with the coordinator.");
        }
        catch (AskTimeoutException)
        {
            return HealthCheckResult.Unhealthy("The order shard region did not answer.");
        }
    }
}
