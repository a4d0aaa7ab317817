using System.Text.Json;
using ActorOrders.Cli.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Cli.Tests;

/// <summary>Tests that need a cluster of their own: a member that leaves does not come back, entity counts must see no other test's orders.</summary>
public sealed class MembershipTests(ITestOutputHelper output)
{
    /// <summary>
    /// On a fresh cluster (no order of another test in memory): region-stats counts exactly the orders
    /// in flight; then one member leaves and cluster show lists the other alone.
    /// </summary>
    [PostgresFact]
    public async Task Region_stats_count_the_orders_in_flight_then_cluster_leave_makes_a_member_leave_and_cluster_show_lists_one()
    {
        await using var cluster = await TwoNodeCluster.StartAsync();
        try
        {
            await RegionStatsCountTheOrdersInFlightAsync(cluster);

            var leave = await ConsoleRun.RunAsync(cluster.Node1.Admin, "cluster", "leave", "-a", cluster.Node2.ClusterAddress);
            leave.ExitCode.ShouldBe(0, leave.ToString());
            leave.Out.Trim().ShouldBe($"leave requested for {cluster.Node2.ClusterAddress} (recorded as {ConsoleRun.User})");

            ConsoleResult show = null!;
            await Eventually.Until(async () => (show = await ConsoleRun.RunAsync(cluster.Node1.Admin, "cluster", "show")).Lines.LastOrDefault() == "1 member",
                TimeSpan.FromSeconds(30), "cluster show lists one member");
            show.Lines[0].ShouldStartWith($"{cluster.Node1.ClusterAddress} | node | Up | reachable | ");

            // The member that left shut down: its actor system ended and the node process with it.
            await Eventually.Until(() => Task.FromResult(cluster.Node2.HasExited), TimeSpan.FromSeconds(30), "the node that left exits");
            cluster.Node1.Output.ShouldContain(l => l.Contains($"Admin action by {ConsoleRun.User}: cluster leave {cluster.Node2.ClusterAddress}", StringComparison.Ordinal));
        }
        catch
        {
            cluster.WriteOutputTo(output);
            throw;
        }
    }

    private static async Task RegionStatsCountTheOrdersInFlightAsync(TwoNodeCluster cluster)
    {
        // noreply customers: the payment never answers and each attempt waits a minute, so these stay in flight (and in memory).
        var ids = Enumerable.Range(1, 6).Select(i => $"inflight-{Guid.NewGuid():N}"[..20] + i).ToList();
        foreach (var id in ids) await cluster.Node1.PlaceAsync(id, $"noreply-{id}");

        JsonElement stats = default;
        await Eventually.Until(async () =>
        {
            var run = await ConsoleRun.RunAsync(cluster.Node2.Admin, "cluster-sharding", "region-stats", "-r", "order", "--json");
            stats = JsonDocument.Parse(run.Out).RootElement;
            return stats.GetProperty("entities").GetInt32() == ids.Count;
        }, TimeSpan.FromSeconds(30), "region-stats counts the six orders in flight");

        var regions = stats.GetProperty("regions").EnumerateArray().ToList();
        regions.Select(r => r.GetProperty("address").GetString()).ShouldBe(cluster.Nodes.Select(n => n.ClusterAddress), ignoreOrder: true);
        stats.GetProperty("shards").GetInt32().ShouldBe(regions.Sum(r => r.GetProperty("shards").GetInt32()));
        stats.GetProperty("shards").GetInt32().ShouldBeGreaterThanOrEqualTo(1);

        // Each node's own shards hold exactly the entities its region reports, and together exactly these orders.
        var held = new List<string>();
        var shardsHeld = 0;
        foreach (var node in cluster.Nodes)
        {
            var shards = JsonDocument.Parse((await ConsoleRun.RunAsync(node.Admin, "cluster-sharding", "shard-stats", "-r", "order", "--json")).Out).RootElement;
            var mine = regions.Single(r => r.GetProperty("address").GetString() == node.ClusterAddress);
            shards.GetProperty("entities").GetInt32().ShouldBe(mine.GetProperty("entities").GetInt32());
            shardsHeld += shards.GetProperty("shards").GetArrayLength();
            held.AddRange(shards.GetProperty("shards").EnumerateArray().SelectMany(s => s.GetProperty("entityIds").EnumerateArray().Select(e => e.GetString()!)));
        }

        held.ShouldBe(ids, ignoreOrder: true);
        shardsHeld.ShouldBe(stats.GetProperty("shards").GetInt32());

        var text = await ConsoleRun.RunAsync(cluster.Node1.Admin, "cluster-sharding", "region-stats", "-r", "order");
        text.ExitCode.ShouldBe(0, text.ToString());
        text.Lines[^1].ShouldBe($"order: 2 regions, {stats.GetProperty("shards").GetInt32()} shard{(stats.GetProperty("shards").GetInt32() == 1 ? "" : "s")}, 6 entities");
    }

    [PostgresFact]
    public async Task A_killed_member_is_listed_unreachable_and_down_unreachable_removes_it()
    {
        // The split brain resolver must not act first: with one of two nodes gone it may down either side. Nor the crash
        // detector (which leaves a two-node cluster to the resolver anyway: neither side is a majority).
        await using var cluster = await TwoNodeCluster.StartAsync(new Dictionary<string, string?>
        {
            ["ActorOrders:Cluster:SplitBrainStableAfter"] = "00:05:00",
            ["ActorOrders:Cluster:DownCrashedMembers"] = "false",
        });
        try
        {
            cluster.Node2.Kill();

            ConsoleResult unreachable = null!;
            await Eventually.Until(async () => (unreachable = await ConsoleRun.RunAsync(cluster.Node1.Admin, "cluster", "unreachable")).Lines.LastOrDefault() == "1 unreachable member",
                TimeSpan.FromSeconds(30), "node 2 is unreachable");
            unreachable.Lines[0].ShouldStartWith($"{cluster.Node2.ClusterAddress} | node | Up | unreachable | ");

            var down = await ConsoleRun.RunAsync(cluster.Node1.Admin, "cluster", "down-unreachable");
            down.ExitCode.ShouldBe(0, down.ToString());
            down.Lines.ShouldBe([$"downed {cluster.Node2.ClusterAddress}", $"1 unreachable member downed (recorded as {ConsoleRun.User})"]);

            await Eventually.Until(async () => (await ConsoleRun.RunAsync(cluster.Node1.Admin, "cluster", "show")).Lines.LastOrDefault() == "1 member",
                TimeSpan.FromSeconds(30), "cluster show lists one member");
        }
        catch
        {
            cluster.WriteOutputTo(output);
            throw;
        }
    }
}
