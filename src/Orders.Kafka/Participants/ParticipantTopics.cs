using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;

namespace ActorOrders.Orders.Kafka.Participants;

/// <summary>The command and reply topic of each participant service.</summary>
public sealed record ParticipantTopics(string PaymentsCommands, string PaymentsEvents, string InventoryCommands, string InventoryEvents, string ShippingCommands, string ShippingEvents)
{
    /// <summary>Where requests of <paramref name="participant"/> go.</summary>
    public string CommandsOf(Participant participant) => participant switch
    {
        Participant.Payment => PaymentsCommands,
        Participant.Inventory => InventoryCommands,
        _ => ShippingCommands,
    };

    /// <summary>Where replies of <paramref name="participant"/> come from.</summary>
    public string EventsOf(Participant participant) => participant switch
    {
        Participant.Payment => PaymentsEvents,
        Participant.Inventory => InventoryEvents,
        _ => ShippingEvents,
    };

    /// <summary>Where the request for <paramref name="action"/> goes.</summary>
    public string CommandsOf(ParticipantAction action) => CommandsOf(action.ParticipantOf());

    /// <summary>The three reply topics.</summary>
    public IReadOnlyList<string> AllEvents => [PaymentsEvents, InventoryEvents, ShippingEvents];

    /// <summary>The three command topics.</summary>
    public IReadOnlyList<string> AllCommands => [PaymentsCommands, InventoryCommands, ShippingCommands];
}
