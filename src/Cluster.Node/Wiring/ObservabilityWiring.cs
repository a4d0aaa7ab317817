using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.Telemetry;

namespace ActorOrders.Node.Wiring;

/// <summary>
/// The node's part of the metrics that no single component owns: the running orders by status
/// (<c>actororders_orders_in_flight</c>, from the views the orders publish) and the order region's
/// shards and entities on this node (<c>actororders_sharding_shards</c> / <c>actororders_sharding_entities</c>
/// {region}, the <c>ActorOrders.Sharding</c> meter), sampled from the local shard region every few seconds.
/// </summary>
public static class ObservabilityWiring
{
    /// <summary>Registers the sampler (a hosted service).</summary>
    public static IServiceCollection AddNodeObservability(this IServiceCollection services) =>
        services.AddHostedService<NodeMetricsSampler>();
}

/// <summary>Samples the local shard region (GetShardRegionStats) and exports what it last saw.</summary>
internal sealed class NodeMetricsSampler(LocalOrderViews views, ActorRegistry registry, ILogger<NodeMetricsSampler> log) : BackgroundService
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ActorOrders.Sharding";

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private volatile ShardRegionStats? _stats;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var running = OrderMetrics.ObserveRunning(views);
        using var meter = new Meter(MeterName);
        var region = OrderMessageExtractor.TypeName;
        var tag = new KeyValuePair<string, object?>("region", region);
        meter.CreateObservableGauge("entities", () => _stats is { } s ? [new Measurement<int>(s.Stats.Values.Sum(), tag)] : Array.Empty<Measurement<int>>(),
            description: "Entities of the shard region on this node, as last sampled.");
        meter.CreateObservableGauge("shards", () => _stats is { } s ? [new Measurement<int>(s.Stats.Count, tag)] : Array.Empty<Measurement<int>>(),
            description: "Shards of the shard region hosted on this node, as last sampled.");

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (registry.TryGet<OrderRegion>(out var orders))
                    _stats = await orders.Ask<ShardRegionStats>(GetShardRegionStats.Instance, Interval, stoppingToken);
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                if (!stoppingToken.IsCancellationRequested) log.LogDebug("The order region did not answer its stats within {Interval}", Interval);
            }

            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
