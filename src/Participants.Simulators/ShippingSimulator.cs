using Akka.Actor;
using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using ActorOrders.Participants.Internal;

namespace ActorOrders.Participants;

/// <summary>
/// The simulated shipping service: ScheduleShipment schedules once, CancelShipment undoes it
/// (or leaves a tombstone when it comes first). Test value: country <c>ZZ</c> is refused.
/// </summary>
internal sealed class ShippingSimulator : ParticipantSimulator<ShippingSimulator.Entry>
{
    public ShippingSimulator(SimulatorSettings settings) : base(settings)
    {
    }

    public static Props Props(SimulatorSettings settings) => Akka.Actor.Props.Create(() => new ShippingSimulator(settings));

    protected override Entry NewEntry(string orderId) => new(orderId);

    protected override Decision Apply(ParticipantRequest request, Entry entry) => request.Action switch
    {
        ParticipantAction.ScheduleShipment => Schedule(request, entry),
        ParticipantAction.CancelShipment => Cancel(entry),
        _ => Decision.Refused($"shipping does not handle {request.Action}"),
    };

    protected override ILedgerRow Row(Entry entry) => new ShippingRow(entry.OrderId, entry.Shipped, entry.ShipmentCancelled);

    private static Decision Schedule(ParticipantRequest request, Entry entry)
    {
        if (entry.Cancelled) return Decision.AlreadyCancelled;
        var country = request.Order.ShippingAddress.Country;
        if (TestValues.IsUnshippable(request.Order.ShippingAddress)) return Decision.Refused($"cannot ship to {country}");

        entry.Shipped = true;
        return Decision.Succeeded($"trk-{entry.OrderId}");
    }

    private static Decision Cancel(Entry entry)
    {
        // Tombstone first: a shipment request that arrives after its cancellation must not ship.
        entry.Cancelled = true;
        if (!entry.Shipped) return Decision.Succeeded(null, "nothing to cancel");
        entry.ShipmentCancelled = true;
        return Decision.Succeeded($"trk-{entry.OrderId}");
    }

    /// <summary>One order's shipping ledger entry; lives only inside the actor.</summary>
    internal sealed class Entry(string orderId)
    {
        public string OrderId { get; } = orderId;
        public bool Shipped { get; set; }
        public bool ShipmentCancelled { get; set; }
        public bool Cancelled { get; set; }
    }

    private sealed record ShippingRow(string OrderId, bool Shipped, bool ShipmentCancelled) : ILedgerRow
    {
        public OrderLedger FillInto(OrderLedger row) => row with { Shipped = Shipped, ShipmentCancelled = ShipmentCancelled };
    }
}
