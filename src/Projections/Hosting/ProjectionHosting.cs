using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace ActorOrders.Projections;

/// <summary>Runs projections in an Akka.Hosting actor system.</summary>
public static class ProjectionHosting
{
    /// <summary>
    /// Runs one <see cref="ProjectionWorker"/> per slice of <paramref name="definition"/> under
    /// ShardedDaemonProcess on the cluster members with <paramref name="role"/> (one alive per
    /// slice in the cluster; restarted elsewhere when its node leaves), and a
    /// <see cref="ProjectionLagProbe"/> on each of those members. The daemon's router is registered
    /// under <typeparamref name="TKey"/>.
    /// </summary>
    /// <param name="builder">The actor system's builder (clustering must be configured too).</param>
    /// <param name="definition">The projection.</param>
    /// <param name="database">Its database (the journal's).</param>
    /// <param name="monitor">Where status and metrics go (the host's singleton).</param>
    /// <param name="role">Cluster role that runs the workers; null or empty: every member.</param>
    /// <param name="keepAliveInterval">How often ShardedDaemonProcess restarts workers that are not running (Akka's default 10 s).</param>
    public static AkkaConfigurationBuilder WithProjection<TKey>(
        this AkkaConfigurationBuilder builder,
        ProjectionDefinition definition,
        ProjectionDatabase database,
        ProjectionMonitor monitor,
        string? role = "node",
        TimeSpan? keepAliveInterval = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(monitor);

        builder.WithShardedDaemonProcess<TKey>(
            DaemonName(definition.Name),
            definition.SliceCount,
            (_, _, _) => slice => ProjectionWorker.Props(definition, database, monitor, slice),
            new ClusterDaemonOptions
            {
                Role = string.IsNullOrEmpty(role) ? null : role,
                KeepAliveInterval = keepAliveInterval,
                HandoffStopMessage = StopSlice.Instance,
            });

        return builder.WithActors((system, _) =>
        {
            if (string.IsNullOrEmpty(role) || Cluster.Get(system).SelfRoles.Contains(role))
                system.ActorOf(ProjectionLagProbe.Props(definition, database, monitor), $"projection-lag-{Uri.EscapeDataString(definition.Name)}");
        });
    }

    /// <summary>The ShardedDaemonProcess name of a projection (its sharding type name is <c>sharded-daemon-process-{name}</c>).</summary>
    public static string DaemonName(string projection) => $"projection-{projection}";

    /// <summary>
    /// Sends <paramref name="message"/> (<see cref="GetSliceStatus"/>, <see cref="StopSlice"/>) to the
    /// worker of <paramref name="slice"/>, wherever it runs, through this member's shard region of the
    /// projection (which only members of the role have). A message starts the worker if it is not running.
    /// </summary>
    public static void TellSlice(ActorSystem system, string projection, int slice, object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(message);
        var region = ClusterSharding.Get(system).ShardRegion($"sharded-daemon-process-{DaemonName(projection)}");
        region.Tell(new ShardingEnvelope(slice.ToString(System.Globalization.CultureInfo.InvariantCulture), message), sender ?? ActorRefs.NoSender);
    }
}
