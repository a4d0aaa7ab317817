using System.Text.Json;
using ActorOrders.Cli.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Cli.Tests;

/// <summary>pbm's palettes against a real two-node cluster, the console run as a process.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ClusterPaletteTests(SharedCluster shared, ITestOutputHelper output)
{
    private TwoNodeCluster Cluster => shared.Cluster;

    private async Task Run(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            Cluster?.WriteOutputTo(output);
            throw;
        }
    }

    [PostgresFact]
    public Task Cluster_show_lists_both_members_up_with_their_roles_from_either_node() => Run(async () =>
    {
        foreach (var node in Cluster.Nodes)
        {
            var run = await ConsoleRun.RunAsync(node.Admin, "cluster", "show");

            run.ExitCode.ShouldBe(0, run.ToString());
            foreach (var member in Cluster.Nodes)
                run.Lines.ShouldContain(l => l.StartsWith($"{member.ClusterAddress} | node | Up | reachable | ", StringComparison.Ordinal), run.ToString());
            run.Lines[^1].ShouldBe("2 members");
        }
    });

    [PostgresFact]
    public Task Json_output_parses_into_the_documented_shapes() => Run(async () =>
    {
        var show = await ConsoleRun.RunAsync(Cluster.Node1.Admin, "cluster", "show", "--json");
        var members = JsonDocument.Parse(show.Out).RootElement;
        members.GetProperty("self").GetString().ShouldBe(Cluster.Node1.ClusterAddress);
        members.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("address").GetString())
            .ShouldBe(Cluster.Nodes.Select(n => n.ClusterAddress), ignoreOrder: true);

        var status = JsonDocument.Parse((await ConsoleRun.RunAsync(Cluster.Node2.Admin, "cluster", "status", "--json")).Out).RootElement;
        (status.GetProperty("address").GetString(), status.GetProperty("status").GetString(), status.GetProperty("isSelf").GetBoolean())
            .ShouldBe((Cluster.Node2.ClusterAddress, "Up", true));

        var system = JsonDocument.Parse((await ConsoleRun.RunAsync(Cluster.Node1.Admin, "actor", "system", "--json")).Out).RootElement;
        system.GetProperty("name").GetString().ShouldBe("ActorOrders");
        system.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["node"]);

        var slices = JsonDocument.Parse((await ConsoleRun.RunAsync(Cluster.Node1.Admin, "projections", "--json")).Out).RootElement.GetProperty("slices");
        slices.GetArrayLength().ShouldBe(8);
        slices.EnumerateArray().Select(s => s.GetProperty("projection").GetString()).Distinct().ShouldBe(["orders-read-model"]);
    });

    [PostgresFact]
    public Task Region_stats_show_shard_and_entity_counts_of_the_orders_in_flight_across_both_regions() => Run(async () =>
    {
        // noreply customers: the payment never answers and each attempt waits a minute, so these stay in flight (and in memory).
        var ids = Enumerable.Range(1, 6).Select(i => $"inflight-{Guid.NewGuid():N}"[..20] + i).ToList();
        foreach (var id in ids) await Cluster.Node1.PlaceAsync(id, $"noreply-{id}");

        JsonElement stats = default;
        await Eventually.Until(async () =>
        {
            var run = await ConsoleRun.RunAsync(Cluster.Node2.Admin, "cluster-sharding", "region-stats", "-r", "order", "--json");
            stats = JsonDocument.Parse(run.Out).RootElement;
            // Orders of other tests leave memory a second after they finish; these six stay.
            return stats.GetProperty("entities").GetInt32() == ids.Count;
        }, TimeSpan.FromSeconds(30), "region-stats counts the six orders in flight");

        var regions = stats.GetProperty("regions").EnumerateArray().ToList();
        regions.Select(r => r.GetProperty("address").GetString()).ShouldBe(Cluster.Nodes.Select(n => n.ClusterAddress), ignoreOrder: true);
        stats.GetProperty("shards").GetInt32().ShouldBe(regions.Sum(r => r.GetProperty("shards").GetInt32()));
        stats.GetProperty("shards").GetInt32().ShouldBeGreaterThanOrEqualTo(1);

        // Each node's own shards hold exactly the entities its region reports, and together exactly these orders.
        var held = new List<string>();
        foreach (var node in Cluster.Nodes)
        {
            var shards = JsonDocument.Parse((await ConsoleRun.RunAsync(node.Admin, "cluster-sharding", "shard-stats", "-r", "order", "--json")).Out).RootElement;
            var mine = regions.Single(r => r.GetProperty("address").GetString() == node.ClusterAddress);
            shards.GetProperty("entities").GetInt32().ShouldBe(mine.GetProperty("entities").GetInt32());
            held.AddRange(shards.GetProperty("shards").EnumerateArray().SelectMany(s => s.GetProperty("entityIds").EnumerateArray().Select(e => e.GetString()!)));
        }

        held.ShouldBe(ids, ignoreOrder: true);

        var text = await ConsoleRun.RunAsync(Cluster.Node1.Admin, "cluster-sharding", "region-stats", "-r", "order");
        text.ExitCode.ShouldBe(0, text.ToString());
        text.Lines[^1].ShouldBe($"order: 2 regions, {stats.GetProperty("shards").GetInt32()} shard{(stats.GetProperty("shards").GetInt32() == 1 ? "" : "s")}, 6 entities");
    });

    [PostgresFact]
    public Task Regions_and_the_actor_hierarchy_show_the_order_shard_region() => Run(async () =>
    {
        var regions = await ConsoleRun.RunAsync(Cluster.Node1.Admin, "cluster-sharding", "regions");
        regions.Lines.ShouldContain("order");

        var tree = await ConsoleRun.RunAsync(Cluster.Node1.Admin, "actor", "hierarchy", "-d", "3");
        tree.ExitCode.ShouldBe(0, tree.ToString());
        tree.Lines.ShouldContain(l => l.StartsWith("/system/sharding/order [", StringComparison.Ordinal), tree.ToString());
    });

    [PostgresFact]
    public Task Kafka_commands_say_plainly_that_kafka_is_not_configured() => Run(async () =>
    {
        foreach (var args in new[] { new[] { "kafka", "lag" }, ["dlq", "list"], ["dlq", "replay", "dl-1"] })
        {
            var run = await ConsoleRun.RunAsync([Cluster.Node1.Admin, .. args]);

            run.ExitCode.ShouldBe(1, run.ToString());
            run.Out.ShouldBeEmpty();
            run.Err.Trim().ShouldStartWith("Kafka is not configured on this node");
            run.Err.Trim().Split('\n').Length.ShouldBe(1);
        }
    });
}
