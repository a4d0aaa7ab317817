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
        foreach (var args in new[] { new[] { "kafka", "lag" }, ["dlq", "list"], ["dlq", "replay", "dl-1"], ["quarantine", "list"] })
        {
            var run = await ConsoleRun.RunAsync([Cluster.Node1.Admin, .. args]);

            run.ExitCode.ShouldBe(1, run.ToString());
            run.Out.ShouldBeEmpty();
            run.Err.Trim().ShouldStartWith("Kafka is not configured on this node");
            run.Err.Trim().Split('\n').Length.ShouldBe(1);
        }
    });

    [PostgresFact]
    public Task Cluster_tail_streams_the_members_until_interrupted_and_then_exits_0() => Run(async () =>
    {
        using var tail = ConsoleRun.Start(Cluster.Node1.Admin, "cluster", "tail");

        await Eventually.Until(() => Task.FromResult(Cluster.Nodes.All(n => tail.Lines.Any(l => l.Contains($" MemberUp {n.ClusterAddress} Up [node]", StringComparison.Ordinal)))),
            TimeSpan.FromSeconds(20), "the tail shows both members up");

        (await tail.InterruptAsync()).ShouldBe(0, string.Join('\n', tail.Lines));
    });
}
