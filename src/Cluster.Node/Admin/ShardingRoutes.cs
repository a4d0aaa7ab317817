using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using ActorOrders.Contracts.Admin;

namespace ActorOrders.Node.Admin;

/// <summary>pbm's <c>cluster-sharding</c> palette: regions, region-stats (cluster-wide), shard-stats (this node's region).</summary>
internal static class ShardingRoutes
{
    public static RouteGroupBuilder MapShardingRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/sharding/regions", (AdminContext a) =>
            Results.Ok(new ShardRegions([.. ClusterSharding.Get(a.System).ShardTypeNames.Order(StringComparer.Ordinal)])));

        api.MapGet("/sharding/regions/{type}/region-stats", async (AdminContext a, string type, CancellationToken ct) =>
        {
            if (Region(a, type, out var missing) is not { } region) return missing!;
            var stats = await AskAsync<ClusterShardingStats>(region, new GetClusterShardingStats(a.AskTimeout), a.AskTimeout, ct);
            if (stats is null) return AdminResults.Unavailable($"The {type} regions did not answer within {a.AskTimeout.TotalSeconds:0.#} s.");
            var regions = stats.Regions
                .OrderBy(r => r.Key)
                .Select(r => new RegionStat(r.Key.ToString(), r.Value.Stats.Count, r.Value.Stats.Values.Sum(), [.. r.Value.Failed.Order(StringComparer.Ordinal)]))
                .ToList();
            return Results.Ok(new RegionStats(type, regions, regions.Sum(r => r.Shards), regions.Sum(r => r.Entities)));
        });

        api.MapGet("/sharding/regions/{type}/shard-stats", async (AdminContext a, string type, CancellationToken ct) =>
        {
            if (Region(a, type, out var missing) is not { } region) return missing!;
            var stats = await AskAsync<ShardRegionStats>(region, GetShardRegionStats.Instance, a.AskTimeout, ct);
            var state = await AskAsync<CurrentShardRegionState>(region, GetShardRegionState.Instance, a.AskTimeout, ct);
            if (stats is null || state is null) return AdminResults.Unavailable($"The {type} region did not answer within {a.AskTimeout.TotalSeconds:0.#} s.");
            var ids = state.Shards.ToDictionary(s => s.ShardId, s => s.EntityIds);
            var shards = stats.Stats
                .OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new ShardStat(s.Key, s.Value, ids.TryGetValue(s.Key, out var e) ? [.. e.Order(StringComparer.Ordinal)] : []))
                .ToList();
            var failed = stats.Failed.Union(state.Failed).Order(StringComparer.Ordinal).ToList();
            return Results.Ok(new ShardStats(type, Cluster.Get(a.System).SelfAddress.ToString(), shards, shards.Sum(s => s.Entities), failed));
        });
        return api;
    }

    private static IActorRef? Region(AdminContext a, string type, out IResult? missing)
    {
        var sharding = ClusterSharding.Get(a.System);
        missing = null;
        if (sharding.ShardTypeNames.Contains(type)) return sharding.ShardRegion(type);
        missing = AdminResults.NotFound($"No shard region '{type}' on this node; it has: {string.Join(", ", sharding.ShardTypeNames.Order(StringComparer.Ordinal))}.");
        return null;
    }

    private static async Task<T?> AskAsync<T>(IActorRef region, object query, TimeSpan timeout, CancellationToken ct) where T : class
    {
        try
        {
            // The cluster-wide query waits up to its own timeout for every region: give it a little more.
            return await region.Ask<T>(query, timeout + TimeSpan.FromSeconds(1), ct);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
