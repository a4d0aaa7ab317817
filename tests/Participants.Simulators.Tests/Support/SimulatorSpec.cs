using Akka.Actor;
using Akka.TestKit.Xunit2;
using ActorOrders.Domain.Participants;
using Xunit.Abstractions;

namespace ActorOrders.Participants.Tests.Support;

/// <summary>Base of the simulator specs: a real ActorSystem with instant simulators; the test actor is the sender.</summary>
public abstract class SimulatorSpec : TestKit
{
    /// <summary>Generous: other engineers build and test on the same two cores.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected SimulatorSpec(ITestOutputHelper output) : base("akka.loglevel = INFO", output)
    {
        Participants = Simulators.Start(Sys, SimulatorSettings.Instant, "sim");
    }

    protected SimulatedParticipants Participants { get; }

    /// <summary>Sends a request to the participant that serves it and returns its reply.</summary>
    protected ParticipantReply Send(ParticipantRequest request)
    {
        Participants.Refs.For(request.Action).Tell(request, TestActor);
        var reply = ExpectMsg<ParticipantReply>(Patience);
        reply.RequestId.ShouldBe(request.RequestId);
        return reply;
    }

    /// <summary>The merged ledger row of one order, or null when no simulator has seen it.</summary>
    protected OrderLedger? LedgerOf(string orderId)
    {
        var report = Query(new GetLedger(orderId));
        report.Orders.Count.ShouldBeLessThanOrEqualTo(1);
        return report.Orders.SingleOrDefault();
    }

    protected LedgerReport Query(GetLedger query, IActorRef? ledger = null)
    {
        (ledger ?? Participants.Ledger).Tell(query, TestActor);
        return ExpectMsg<LedgerReport>(Patience);
    }
}
