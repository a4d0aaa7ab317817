using Akka.Actor;
using ActorOrders.Contracts;

namespace ActorOrders.Domain.Participants;

/// <summary>Where the saga's requests go: one actor per participant (a simulator, or the Kafka transport).</summary>
public sealed record ParticipantRefs(IActorRef Payment, IActorRef Inventory, IActorRef Shipping)
{
    /// <summary>The actor that serves an action.</summary>
    public IActorRef For(ParticipantAction action) => action.ParticipantOf() switch
    {
        Participant.Payment => Payment,
        Participant.Inventory => Inventory,
        _ => Shipping,
    };
}
