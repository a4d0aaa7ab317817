using System.Globalization;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;

namespace ActorOrders.Membership;

/// <summary>
/// Remoting (and its TLS), the failure detector and the split brain resolver, configured the same on every
/// member from its <see cref="MembershipSettings"/>.
/// </summary>
public static class MembershipWiring
{
    /// <summary>The role of order nodes: only they host order shards and count in the resolver's decision.</summary>
    public const string NodeRole = "node";

    /// <summary>The dispatcher of Akka.Cluster's own actors (heartbeats, gossip, the resolver).</summary>
    public const string ClusterDispatcher = "actororders.cluster-dispatcher";

    /// <summary>The HOCON of the timings Akka.Hosting has no option for, and the cluster's own threads.</summary>
    public static string Hocon(MembershipSettings c) => $$"""
        akka.cluster {
          split-brain-resolver {
            stable-after = {{Ms(c.SplitBrainStableAfter)}}
            down-all-when-unstable = {{Ms(c.DownAllWhenUnstable)}}
          }
          down-removal-margin = {{Ms(c.DownRemovalMargin)}}
          # Heartbeats, gossip and the resolver's ticks on two threads of their own: on the shared thread pool they
          # queue behind the order work, and a loaded but healthy member looks dead.
          use-dispatcher = {{ClusterDispatcher}}
        }
        actororders.cluster-dispatcher {
          type = Dispatcher
          executor = fork-join-executor
          fork-join-executor {
            parallelism-min = 2
            parallelism-factor = 1.0
            parallelism-max = 2
          }
        }
        """;

    /// <summary>Remoting on <paramref name="port"/> (TLS when enabled) and clustering with <paramref name="roles"/>.</summary>
    public static AkkaConfigurationBuilder WithMembership(this AkkaConfigurationBuilder akka, MembershipSettings c, int port, string[] roles, IReadOnlyList<string>? seedNodes)
    {
        var remote = new RemoteOptions
        {
            HostName = c.Hostname,
            PublicHostName = c.EffectivePublicHostname,
            Port = port,
        };
        if (c.Tls.Enabled)
        {
            remote.EnableSsl = true;
            remote.Ssl = RemotingTls.Options(c.Tls);
        }

        if (c.DownCrashedMembers && roles.Contains(NodeRole))
            akka.WithActors((system, _) => system.ActorOf(CrashDetector.Props(NodeRole, CrashDetectorOptions.Default), "crash-detector"));

        return akka
            .AddHocon(Hocon(c), HoconAddMode.Prepend)
            .WithRemoting(remote)
            .WithClustering(new ClusterOptions
            {
                SeedNodes = seedNodes is null ? null : [.. seedNodes],
                Roles = roles,
                // Only nodes count: gateways and the participants host never outvote them. Any member may be the
                // leader that carries the decision out, hence the same timings everywhere.
                SplitBrainResolver = new KeepMajorityOption { Role = NodeRole },
                FailureDetector = new PhiAccrualFailureDetectorOptions { AcceptableHeartbeatPause = c.AcceptableHeartbeatPause },
            });
    }

    private static string Ms(TimeSpan t) => ((long)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
