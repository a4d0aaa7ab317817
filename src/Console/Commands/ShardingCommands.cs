using System.ComponentModel;
using ActorOrders.Cli.Infrastructure;
using ActorOrders.Contracts.Admin;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorOrders.Cli.Commands;

/// <summary><c>cluster-sharding regions</c>: the shard regions started on the node.</summary>
public sealed class ShardingRegionsCommand(Session session) : AdminCommand<AdminSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, AdminSettings settings, CancellationToken ct)
    {
        var regions = await admin.GetAsync<ShardRegions>("sharding/regions", ct);
        return Print(settings, regions, o =>
        {
            foreach (var type in regions.TypeNames) o.WriteLine(type);
            o.WriteLine(Text.Count(regions.TypeNames.Count, "region", "regions"));
        });
    }
}

/// <summary>The options of <c>region-stats</c> and <c>shard-stats</c>.</summary>
public sealed class RegionSettings : AdminSettings
{
    [CommandOption("-r|--region <TYPE>")]
    [Description("The sharding type name, e.g. order")]
    public string? Region { get; set; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Region) ? ValidationResult.Error("-r|--region is required: a sharding type name (cluster-sharding regions lists them).") : ValidationResult.Success();
}

/// <summary><c>cluster-sharding region-stats -r type</c>: every region of the type across the cluster, its shards and entities.</summary>
public sealed class RegionStatsCommand(Session session) : AdminCommand<RegionSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, RegionSettings settings, CancellationToken ct)
    {
        var stats = await admin.GetAsync<RegionStats>($"sharding/regions/{Uri.EscapeDataString(settings.Region!)}/region-stats", ct);
        return Print(settings, stats, o =>
        {
            foreach (var r in stats.Regions)
                o.WriteLine($"{r.Address} | {Text.Count(r.Shards, "shard", "shards")} | {Text.Count(r.Entities, "entity", "entities")}{(r.FailedShards.Count > 0 ? $" | {r.FailedShards.Count} not answering" : "")}");
            o.WriteLine($"{stats.TypeName}: {Text.Count(stats.Regions.Count, "region", "regions")}, {Text.Count(stats.Shards, "shard", "shards")}, {Text.Count(stats.Entities, "entity", "entities")}");
        });
    }
}

/// <summary><c>cluster-sharding shard-stats -r type</c>: the shards of the node's region, their entity counts and ids.</summary>
public sealed class ShardStatsCommand(Session session) : AdminCommand<RegionSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, RegionSettings settings, CancellationToken ct)
    {
        var stats = await admin.GetAsync<ShardStats>($"sharding/regions/{Uri.EscapeDataString(settings.Region!)}/shard-stats", ct);
        return Print(settings, stats, o =>
        {
            foreach (var s in stats.Shards) o.WriteLine($"shard {s.ShardId} | {Text.Count(s.Entities, "entity", "entities")} | {string.Join(",", s.EntityIds.Take(10))}{(s.EntityIds.Count > 10 ? ",…" : "")}");
            foreach (var f in stats.FailedShards) o.WriteLine($"shard {f} | not answering");
            o.WriteLine($"{stats.Address}: {Text.Count(stats.Shards.Count, "shard", "shards")}, {Text.Count(stats.Entities, "entity", "entities")}");
        });
    }
}
