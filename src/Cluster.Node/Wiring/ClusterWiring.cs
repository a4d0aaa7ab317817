using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using ActorOrders.Node.Settings;

namespace ActorOrders.Node.Wiring;

/// <summary>Remoting, cluster membership and the split brain resolver.</summary>
public static class ClusterWiring
{
    /// <summary>
    /// The role of order nodes: they host the order shards, the shard coordinator, the projection
    /// workers and decide in the split brain resolver. Other members (gateway, participants host) have other roles.
    /// </summary>
    public const string NodeRole = "node";

    /// <summary>Joins the configured seeds, or this node itself when none are configured (never an empty seed list).</summary>
    public static AkkaConfigurationBuilder AddOrderCluster(this AkkaConfigurationBuilder akka, ClusterSettings settings)
    {
        var configFile = Path.Combine(AppContext.BaseDirectory, "config", "akka.conf");
        return akka
            .AddHoconFile(configFile, HoconAddMode.Prepend)
            .AddHocon($"akka.cluster.split-brain-resolver.stable-after = {(long)settings.SplitBrainStableAfter.TotalMilliseconds}ms", HoconAddMode.Prepend)
            .WithRemoting(new RemoteOptions
            {
                HostName = settings.Hostname,
                PublicHostName = settings.PublicHostname ?? settings.Hostname,
                Port = settings.Port,
            })
            .WithClustering(new ClusterOptions
            {
                SeedNodes = settings.SeedNodes.Count > 0 ? [.. settings.SeedNodes] : null,
                Roles = [NodeRole],
                // Only nodes decide: gateways and the participants host join without a vote.
                SplitBrainResolver = new KeepMajorityOption { Role = NodeRole },
            })
            .WithActors((system, _) =>
            {
                // With no seeds configured the node forms its own cluster. Joining SelfAddress
                // (known only once bound, which matters for port 0) keeps the seed list non-empty.
                var cluster = Akka.Cluster.Cluster.Get(system);
                if (settings.SeedNodes.Count == 0) cluster.JoinSeedNodes([cluster.SelfAddress]);
            });
    }
}
