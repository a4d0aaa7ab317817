namespace ActorOrders.Contracts.Admin;

/// <summary><c>GET /admin/v1/sharding/regions</c>: the shard regions (and proxies) started on the answering node, by type name.</summary>
public sealed record ShardRegions(IReadOnlyList<string> TypeNames);

/// <summary>
/// <c>GET /admin/v1/sharding/regions/{type}/region-stats</c>: every region of the type across the
/// cluster (ClusterSharding's GetClusterShardingStats), with its shards and running entities.
/// </summary>
/// <param name="TypeName">The sharding type name, e.g. order.</param>
/// <param name="Regions">One entry per member hosting a region of the type, by address.</param>
/// <param name="Shards">Shards across the cluster.</param>
/// <param name="Entities">Running entities across the cluster.</param>
public sealed record RegionStats(string TypeName, IReadOnlyList<RegionStat> Regions, int Shards, int Entities);

/// <summary>One region of <see cref="RegionStats"/>.</summary>
/// <param name="Address">The member hosting it.</param>
/// <param name="Shards">Shards it hosts.</param>
/// <param name="Entities">Entities running in them.</param>
/// <param name="FailedShards">Shards that did not answer in time.</param>
public sealed record RegionStat(string Address, int Shards, int Entities, IReadOnlyList<string> FailedShards);

/// <summary>
/// <c>GET /admin/v1/sharding/regions/{type}/shard-stats</c>: the shards of the answering node's
/// region (GetShardRegionStats and GetShardRegionState), with their entity counts and ids.
/// </summary>
/// <param name="TypeName">The sharding type name.</param>
/// <param name="Address">The answering node.</param>
/// <param name="Shards">Its shards, by id.</param>
/// <param name="Entities">Entities running in them.</param>
/// <param name="FailedShards">Shards that did not answer in time.</param>
public sealed record ShardStats(string TypeName, string Address, IReadOnlyList<ShardStat> Shards, int Entities, IReadOnlyList<string> FailedShards);

/// <summary>One shard of <see cref="ShardStats"/>.</summary>
/// <param name="ShardId">The shard.</param>
/// <param name="Entities">Entities running in it.</param>
/// <param name="EntityIds">Their ids, sorted.</param>
public sealed record ShardStat(string ShardId, int Entities, IReadOnlyList<string> EntityIds);
