using Akka.Actor;
using ActorOrders.Node.Settings;
using ActorOrders.Participants;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActorOrders.Node.Wiring;

/// <summary>
/// Starts the participant services the orders talk to. The default starts the simulators in the
/// node's actor system; tests register their own (e.g. simulators in a separate system that
/// outlives the node) before the node's registrations.
/// </summary>
public interface IParticipantsProvider
{
    /// <summary>The participants' refs and ledger; called once, when the order shard region starts.</summary>
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

/// <summary>Registry key of the simulators' ledger actor (answers GetLedger).</summary>
public sealed class ParticipantsLedger;

public static class ParticipantsWiring
{
    /// <summary>Registers the simulators unless an <see cref="IParticipantsProvider"/> is registered already.</summary>
    public static IServiceCollection AddParticipants(this IServiceCollection services, ParticipantsSettings settings)
    {
        // Mode has one value today (Simulated); the Kafka transport adds the second.
        services.TryAddSingleton<IParticipantsProvider>(new SimulatorsProvider(settings));
        return services;
    }
}
