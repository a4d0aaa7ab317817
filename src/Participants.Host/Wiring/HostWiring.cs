using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using ActorOrders.Domain.Serialization;
using ActorOrders.Http;
using ActorOrders.Membership;
using ActorOrders.Participants;
using ActorOrders.ParticipantsHost.Settings;

namespace ActorOrders.ParticipantsHost.Wiring;

/// <summary>Registry key of the simulators' ledger actor (answers GetLedger, forwards HealCustomer).</summary>
public sealed class ParticipantsLedger;

/// <summary>The actor system of the participants host: cluster member with role "participants", the simulators, their registration.</summary>
public static class HostWiring
{
    /// <summary>The role of order nodes, whose members alone decide in the split brain resolver (ClusterWiring.NodeRole of the node).</summary>
    public const string NodeRole = MembershipWiring.NodeRole;

    public static AkkaConfigurationBuilder AddParticipantsHost(this AkkaConfigurationBuilder akka, HostSettings settings)
    {
        var cluster = settings.Cluster;
        var configFile = Path.Combine(AppContext.BaseDirectory, "config", "akka.conf");
        return akka
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            // Our serializer for the participant protocol: requests come from the nodes, replies go back to their steps.
            .AddHocon(OrdersSerialization.Config, HoconAddMode.Prepend)
            .AddHoconFile(configFile, HoconAddMode.Prepend)
            // The host often starts before the nodes it joins: ask the seeds every 2 s (Akka's default is 5 s).
            .AddHocon("akka.cluster.seed-node-timeout = 2s", HoconAddMode.Prepend)
            // Remoting (TLS), failure detector and resolver as on the nodes: this member may be the leader that
            // carries out the decision, but only members with role "node" count. Alone with every node
            // unreachable it downs itself.
            .WithMembership(cluster, cluster.Port, [HostClusterSettings.Role], cluster.EffectiveSeedNodes)
            // The mediator on every member (no role), like the nodes' forwarders expect.
            .WithDistributedPubSub(string.Empty)
            .WithActors((system, registry) =>
            {
                var participants = Simulators.Start(system, new SimulatorSettings(
                    settings.Participants.MinLatency, settings.Participants.MaxLatency, settings.Participants.FailureRate));
                registry.Register<ParticipantsLedger>(participants.Ledger);

                // Nodes in Remote mode send to these paths (Simulators.PathsUnderSystem()) with Send(path, ..., localAffinity: false).
                var mediator = DistributedPubSub.Get(system).Mediator;
                mediator.Tell(new Put(participants.Refs.Payment));
                mediator.Tell(new Put(participants.Refs.Inventory));
                mediator.Tell(new Put(participants.Refs.Shipping));
            })
            .WithActorSystemLivenessCheck(tags: [HealthEndpoints.LiveTag])
            .WithAkkaClusterReadinessCheck(tags: [HealthEndpoints.ReadyTag]);
    }
}
