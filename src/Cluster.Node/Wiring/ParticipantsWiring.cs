using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using ActorOrders.Node.Settings;
using ActorOrders.Participants;
using ActorOrders.Domain.Participants;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActorOrders.Node.Wiring;

/// <summary>
/// Starts the participant services the orders talk to. The default depends on
/// <c>ActorOrders:Participants:Mode</c>: the simulators in the node's actor system (Simulated), or
/// forwarders to the participants host's simulators through DistributedPubSub (Remote). Tests register
/// their own (e.g. simulators in a separate system that outlives the node) before the node's registrations.
/// </summary>
public interface IParticipantsProvider
{
    /// <summary>
    /// The participants' refs and ledger; called once, when the order shard region starts. The ledger is
    /// <see cref="ActorRefs.Nobody"/> when the participants keep their ledger elsewhere (Remote mode).
    /// </summary>
    SimulatedParticipants Start(ActorSystem system);
}

/// <summary>Participants that already run somewhere else.</summary>
public sealed class ExistingParticipants(SimulatedParticipants participants) : IParticipantsProvider
{
    public SimulatedParticipants Start(ActorSystem system) => participants;
}

internal sealed class SimulatorsProvider(ParticipantsSettings settings) : IParticipantsProvider
{
    public SimulatedParticipants Start(ActorSystem system) =>
        Simulators.Start(system, new SimulatorSettings(settings.MinLatency, settings.MaxLatency, settings.FailureRate));
}

/// <summary>
/// Remote mode: three local forwarders (payment, inventory, shipping) that hand every request to the
/// DistributedPubSub mediator for the path the participants host registered, keeping the step actor as
/// the sender so replies come straight back to it. No ledger here: the participants host serves it.
/// </summary>
internal sealed class RemoteParticipantsProvider : IParticipantsProvider
{
    public SimulatedParticipants Start(ActorSystem system)
    {
        var mediator = DistributedPubSub.Get(system).Mediator;
        var paths = Simulators.PathsUnderSystem();
        var refs = new ParticipantRefs(
            system.ActorOf(RemoteParticipant.Props(mediator, Participant.Payment, paths.Payment), "remote-payment"),
            system.ActorOf(RemoteParticipant.Props(mediator, Participant.Inventory, paths.Inventory), "remote-inventory"),
            system.ActorOf(RemoteParticipant.Props(mediator, Participant.Shipping, paths.Shipping), "remote-shipping"));
        return new SimulatedParticipants(refs, ActorRefs.Nobody);
    }
}

/// <summary>Registry key of the simulators' ledger actor (answers GetLedger); <see cref="ActorRefs.Nobody"/> in Remote mode.</summary>
public sealed class ParticipantsLedger;

public static class ParticipantsWiring
{
    /// <summary>Registers the participants of the configured mode unless an <see cref="IParticipantsProvider"/> is registered already.</summary>
    public static IServiceCollection AddParticipants(this IServiceCollection services, NodeSettings settings)
    {
        services.TryAddSingleton<IParticipantsProvider>(sp => settings.Participants.Mode switch
        {
            ParticipantsMode.Remote => new RemoteParticipantsProvider(),
            ParticipantsMode.Kafka => new KafkaParticipantsProvider(sp, settings),
            _ => new SimulatorsProvider(settings.Participants),
        });
        return services;
    }
}
