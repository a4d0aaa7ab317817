using ActorOrders.Domain.Participants;
using ActorOrders.Participants.Tests.Support;
using Xunit.Abstractions;
using static ActorOrders.Contracts.ParticipantAction;

namespace ActorOrders.Participants.Tests;

/// <summary>Undo actions: idempotent, always succeed, and leave a tombstone that refuses a late forward request.</summary>
public sealed class CompensationSpecs(ITestOutputHelper output) : SimulatorSpec(output)
{
    [Fact]
    public void A_refund_after_an_authorization_refunds_the_charge()
    {
        Send(Requests.For("o-1", AuthorizePayment));

        var refund = Send(Requests.For("o-1", RefundPayment));

        refund.Outcome.ShouldBe(ParticipantOutcome.Succeeded);
        refund.Reference.ShouldBe("rfd-o-1");
        LedgerOf("o-1")!.ShouldSatisfyAllConditions(
            l => l.Charges.ShouldBe(1),
            l => l.Refunded.ShouldBeTrue());
    }

    [Fact]
    public void A_refund_before_the_authorization_makes_the_late_authorization_refused_and_nothing_charged()
    {
        var refund = Send(Requests.For("o-1", RefundPayment));
        var late = Send(Requests.For("o-1", AuthorizePayment));

        refund.Outcome.ShouldBe(ParticipantOutcome.Succeeded);
        refund.Reason.ShouldBe("nothing to refund");
        late.Outcome.ShouldBe(ParticipantOutcome.Refused);
        late.Reason.ShouldBe("already cancelled");
        LedgerOf("o-1")!.ShouldSatisfyAllConditions(
            l => l.Charges.ShouldBe(0),
            l => l.Charged.ShouldBe(0m),
            l => l.Refunded.ShouldBeFalse(),
            l => l.PaymentRequests.ShouldBe(1));
    }

    [Fact]
    public void A_release_before_the_reservation_makes_the_late_reservation_refused()
    {
        Send(Requests.For("o-1", ReleaseInventory)).Outcome.ShouldBe(ParticipantOutcome.Succeeded);

        var late = Send(Requests.For("o-1", ReserveInventory));

        late.Outcome.ShouldBe(ParticipantOutcome.Refused);
        late.Reason.ShouldBe("already cancelled");
        LedgerOf("o-1")!.Reserved.ShouldBeFalse();
    }

    [Fact]
    public void A_cancellation_before_the_shipment_makes_the_late_shipment_refused()
    {
        Send(Requests.For("o-1", CancelShipment)).Outcome.ShouldBe(ParticipantOutcome.Succeeded);

        var late = Send(Requests.For("o-1", ScheduleShipment));

        late.Outcome.ShouldBe(ParticipantOutcome.Refused);
        LedgerOf("o-1")!.Shipped.ShouldBeFalse();
    }

    [Fact]
    public void Releasing_and_cancelling_after_the_forward_steps_mark_them_undone()
    {
        Send(Requests.For("o-1", ReserveInventory));
        Send(Requests.For("o-1", ScheduleShipment));

        Send(Requests.For("o-1", CancelShipment)).Reference.ShouldBe("trk-o-1");
        Send(Requests.For("o-1", ReleaseInventory)).Reference.ShouldBe("res-o-1");

        LedgerOf("o-1")!.ShouldSatisfyAllConditions(
            l => l.Reserved.ShouldBeTrue(),
            l => l.Released.ShouldBeTrue(),
            l => l.Shipped.ShouldBeTrue(),
            l => l.ShipmentCancelled.ShouldBeTrue());
    }

    [Fact]
    public void A_norefund_customer_has_refunds_fail_transiently_until_healed()
    {
        var order = Requests.Order(customerId: "norefund-7");
        Send(Requests.For("o-1", AuthorizePayment, order));

        var failing = Send(Requests.For("o-1", RefundPayment, order, attempt: 1));
        Participants.Ledger.Tell(new HealCustomer("norefund-7"), TestActor);
        ExpectMsg<CustomerHealed>(Patience).CustomerIdPrefix.ShouldBe("norefund-7");
        var healed = Send(Requests.For("o-1", RefundPayment, order, attempt: 2));

        failing.Outcome.ShouldBe(ParticipantOutcome.TransientFailure);
        healed.Outcome.ShouldBe(ParticipantOutcome.Succeeded);
        LedgerOf("o-1")!.Refunded.ShouldBeTrue();
    }

    [Fact]
    public void Healing_one_norefund_customer_leaves_the_others_failing()
    {
        Participants.Refs.Payment.Tell(new HealCustomer("norefund-7"), TestActor);
        ExpectMsg<CustomerHealed>(Patience);

        var other = Send(Requests.For("o-2", RefundPayment, Requests.Order(customerId: "norefund-8")));

        other.Outcome.ShouldBe(ParticipantOutcome.TransientFailure);
    }
}
