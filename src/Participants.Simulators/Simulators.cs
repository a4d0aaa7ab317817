using Akka.Actor;
using ActorOrders.Domain.Participants;

namespace ActorOrders.Participants;

/// <summary>Starts the in-process payment, inventory and shipping simulators and their ledger view.</summary>
public static class Simulators
{
    /// <summary>The name prefix <see cref="Start"/> uses unless told otherwise.</summary>
    public const string DefaultNamePrefix = "participants";

    /// <summary>
    /// The paths (without address) of the simulators that <see cref="Start"/> creates directly under an
    /// <see cref="ActorSystem"/> with <paramref name="namePrefix"/>: what the participants host registers with
    /// DistributedPubSub and what a node in Remote mode sends to.
    /// </summary>
    public static ParticipantPaths PathsUnderSystem(string namePrefix = DefaultNamePrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(namePrefix);
        return new ParticipantPaths($"/user/{namePrefix}-payment", $"/user/{namePrefix}-inventory", $"/user/{namePrefix}-shipping");
    }

    /// <summary>
    /// Starts <c>{namePrefix}-payment</c>, <c>{namePrefix}-inventory</c>, <c>{namePrefix}-shipping</c>
    /// and <c>{namePrefix}-ledger</c> under <paramref name="system"/> (an ActorSystem or an actor's Context).
    /// Give <see cref="SimulatedParticipants.Refs"/> to the order actors; ask
    /// <see cref="SimulatedParticipants.Ledger"/> with <see cref="GetLedger"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The settings are not usable (see <see cref="SimulatorSettings.Validate"/>).</exception>
    public static SimulatedParticipants Start(IActorRefFactory system, SimulatorSettings settings, string namePrefix = DefaultNamePrefix)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(namePrefix);
        settings.Validate();

        var refs = new ParticipantRefs(
            system.ActorOf(PaymentSimulator.Props(settings), $"{namePrefix}-payment"),
            system.ActorOf(InventorySimulator.Props(settings), $"{namePrefix}-inventory"),
            system.ActorOf(ShippingSimulator.Props(settings), $"{namePrefix}-shipping"));
        var ledger = system.ActorOf(LedgerView.Props(refs), $"{namePrefix}-ledger");
        return new SimulatedParticipants(refs, ledger);
    }
}
