using Akka.Actor;
using ActorOrders.Domain.Participants;
using ActorOrders.Participants.Internal;

namespace ActorOrders.Participants;

/// <summary>
/// Answers <see cref="GetLedger"/> by asking the three simulators for their rows (one
/// short-lived <see cref="LedgerQueryAggregator"/> per query, so queries never wait for each
/// other) and forwards <see cref="HealCustomer"/> to the payment simulator.
/// </summary>
internal sealed class LedgerView : ReceiveActor
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    public LedgerView(ParticipantRefs participants)
    {
        IActorRef[] all = [participants.Payment, participants.Inventory, participants.Shipping];
        Receive<GetLedger>(q => Context.ActorOf(LedgerQueryAggregator.Props(q.OrderId, Sender, all, QueryTimeout)));
        Receive<HealCustomer>(h => participants.Payment.Forward(h));
    }

    public static Props Props(ParticipantRefs participants) => Akka.Actor.Props.Create(() => new LedgerView(participants));
}
