using Akka.Actor;
using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using ActorOrders.Participants.Internal;

namespace ActorOrders.Participants;

/// <summary>
/// The simulated inventory service: ReserveInventory reserves the order's lines once,
/// ReleaseInventory undoes it (or leaves a tombstone when it comes first).
/// Test value: a line whose SKU starts with <c>OOS-</c> is refused.
/// </summary>
internal sealed class InventorySimulator : ParticipantSimulator<InventorySimulator.Entry>
{
    public InventorySimulator(SimulatorSettings settings) : base(settings)
    {
    }

    public static Props Props(SimulatorSettings settings) => Akka.Actor.Props.Create(() => new InventorySimulator(settings));

    protected override Entry NewEntry(string orderId) => new(orderId);

    protected override Decision Apply(ParticipantRequest request, Entry entry) => request.Action switch
    {
        ParticipantAction.ReserveInventory => Reserve(request, entry),
        ParticipantAction.ReleaseInventory => Release(entry),
        _ => Decision.Refused($"inventory does not handle {request.Action}"),
    };

    protected override ILedgerRow Row(Entry entry) => new InventoryRow(entry.OrderId, entry.Reserved, entry.Released);

    private static Decision Reserve(ParticipantRequest request, Entry entry)
    {
        if (entry.Cancelled) return Decision.AlreadyCancelled;
        if (TestValues.FirstOutOfStockSku(request.Order.Lines) is { } sku) return Decision.Refused($"out of stock: {sku}");

        entry.Reserved = true;
        return Decision.Succeeded($"res-{entry.OrderId}");
    }

    private static Decision Release(Entry entry)
    {
        // Tombstone first: a reservation that arrives after its release must not hold stock.
        entry.Cancelled = true;
        if (!entry.Reserved) return Decision.Succeeded(null, "nothing to release");
        entry.Released = true;
        return Decision.Succeeded($"res-{entry.OrderId}");
    }

    /// <summary>One order's inventory ledger entry; lives only inside the actor.</summary>
    internal sealed class Entry(string orderId)
    {
        public string OrderId { get; } = orderId;
        public bool Reserved { get; set; }
        public bool Released { get; set; }
        public bool Cancelled { get; set; }
    }

    private sealed record InventoryRow(string OrderId, bool Reserved, bool Released) : ILedgerRow
    {
        public OrderLedger FillInto(OrderLedger row) => row with { Reserved = Reserved, Released = Released };
    }
}
