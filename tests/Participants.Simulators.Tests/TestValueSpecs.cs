using ActorOrders.Domain.Participants;
using ActorOrders.Participants.Tests.Support;
using Xunit.Abstractions;
using static ActorOrders.Contracts.ParticipantAction;

namespace ActorOrders.Participants.Tests;

/// <summary>Each documented test value forces its outcome; ordinary values succeed with readable references.</summary>
public sealed class TestValueSpecs(ITestOutputHelper output) : SimulatorSpec(output)
{
    [Fact]
    public void An_ordinary_order_is_authorized_reserved_and_scheduled_with_readable_references()
    {
        Send(Requests.For("o-1", AuthorizePayment)).ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(ParticipantOutcome.Succeeded),
            r => r.Reference.ShouldBe("pay-o-1"));
        Send(Requests.For("o-1", ReserveInventory)).Reference.ShouldBe("res-o-1");
        Send(Requests.For("o-1", ScheduleShipment)).Reference.ShouldBe("trk-o-1");

        LedgerOf("o-1").ShouldBe(new OrderLedger("o-1", Charges: 1, PaymentRequests: 1, Charged: 25.00m,
            Refunded: false, Reserved: true, Released: false, Shipped: true, ShipmentCancelled: false));
    }

    [Fact]
    public void A_customer_whose_id_starts_with_decline_has_the_payment_refused_and_nothing_charged()
    {
        var reply = Send(Requests.For("o-1", AuthorizePayment, Requests.Order(customerId: "decline-42")));

        reply.Outcome.ShouldBe(ParticipantOutcome.Refused);
        reply.Reason.ShouldBe("card declined");
        LedgerOf("o-1")!.Charges.ShouldBe(0);
    }

    [Fact]
    public void A_line_whose_sku_starts_with_OOS_has_the_reservation_refused_naming_the_sku()
    {
        var reply = Send(Requests.For("o-1", ReserveInventory, Requests.Order(sku: "OOS-42")));

        reply.Outcome.ShouldBe(ParticipantOutcome.Refused);
        reply.Reason.ShouldBe("out of stock: OOS-42");
        LedgerOf("o-1")!.Reserved.ShouldBeFalse();
    }

    [Fact]
    public void An_address_in_country_ZZ_has_the_shipment_refused()
    {
        var reply = Send(Requests.For("o-1", ScheduleShipment, Requests.Order(country: "ZZ")));

        reply.Outcome.ShouldBe(ParticipantOutcome.Refused);
        reply.Reason.ShouldBe("cannot ship to ZZ");
        LedgerOf("o-1")!.Shipped.ShouldBeFalse();
    }

    [Fact]
    public void A_customer_whose_id_starts_with_noreply_is_never_answered_an_authorization_but_every_request_is_counted()
    {
        var order = Requests.Order(customerId: "noreply-7");
        Participants.Refs.Payment.Tell(Requests.For("o-1", AuthorizePayment, order, attempt: 1), TestActor);
        Participants.Refs.Payment.Tell(Requests.For("o-1", AuthorizePayment, order, attempt: 2), TestActor);

        // The silence is the behaviour under test, so a bounded wait is the assertion itself.
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        LedgerOf("o-1")!.ShouldSatisfyAllConditions(
            l => l.PaymentRequests.ShouldBe(2),
            l => l.Charges.ShouldBe(0));

        // The saga's refund after the timeout is answered: there was nothing to refund.
        var refund = Send(Requests.For("o-1", RefundPayment, order));
        refund.Outcome.ShouldBe(ParticipantOutcome.Succeeded);
        LedgerOf("o-1")!.Refunded.ShouldBeFalse();
    }

    [Fact]
    public void A_customer_whose_id_starts_with_lostreply_is_charged_but_never_answered_and_the_refund_undoes_the_charge()
    {
        var order = Requests.Order(customerId: "lostreply-3");
        Participants.Refs.Payment.Tell(Requests.For("o-2", AuthorizePayment, order, attempt: 1), TestActor);
        Participants.Refs.Payment.Tell(Requests.For("o-2", AuthorizePayment, order, attempt: 2), TestActor);

        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        LedgerOf("o-2")!.ShouldSatisfyAllConditions(
            l => l.PaymentRequests.ShouldBe(2),
            l => l.Charges.ShouldBe(1, "the attempts share the step's idempotency key"));

        Send(Requests.For("o-2", RefundPayment, order)).Outcome.ShouldBe(ParticipantOutcome.Succeeded);
        LedgerOf("o-2")!.Refunded.ShouldBeTrue();
    }

    [Fact]
    public void A_customer_whose_id_starts_with_novoid_is_never_charged_and_its_void_fails_until_healed()
    {
        var order = Requests.Order(customerId: "novoid-4");
        Participants.Refs.Payment.Tell(Requests.For("o-3", AuthorizePayment, order), TestActor);

        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        LedgerOf("o-3")!.Charges.ShouldBe(0);
        var refused = Send(Requests.For("o-3", RefundPayment, order));
        refused.Outcome.ShouldBe(ParticipantOutcome.TransientFailure);
        refused.Reason!.ShouldContain("novoid-4");

        Participants.Refs.Payment.Tell(new HealCustomer("novoid"), TestActor);
        ExpectMsg<CustomerHealed>();
        Send(Requests.For("o-3", RefundPayment, order)).Outcome.ShouldBe(ParticipantOutcome.Succeeded);
        LedgerOf("o-3")!.Refunded.ShouldBeFalse("nothing was charged");
    }

    [Fact]
    public void Only_payment_is_silent_for_a_noreply_customer()
    {
        var reply = Send(Requests.For("o-1", ReserveInventory, Requests.Order(customerId: "noreply-7")));

        reply.Outcome.ShouldBe(ParticipantOutcome.Succeeded);
    }
}
