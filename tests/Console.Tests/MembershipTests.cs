using ActorOrders.Cli.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Cli.Tests;

/// <summary>Membership changes need a cluster of their own: a member that leaves does not come back.</summary>
public sealed class MembershipTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Cluster_leave_of_a_member_makes_it_leave_and_cluster_show_then_lists_one()
    {
        await using var cluster = await TwoNodeCluster.StartAsync();
        try
        {
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
}
