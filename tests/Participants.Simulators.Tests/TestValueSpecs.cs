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
    public void A_customer_whose_id_starts_with_noreply_is_never_answered_by_payment_but_every_request_is_counted()
    {
        var order = Requests.Order(customerId: "noreply-7");
        Participants.Refs.Payment.Tell(Requests.For("o-1", AuthorizePayment, order, attempt: 1), TestActor);
        Participants.Refs.Payment.Tell(Requests.For("o-1", AuthorizePayment, order, attempt: 2), TestActor);
        Participants.Refs.Payment.Tell(Requests.For("o-1", RefundPayment, order), TestActor);

        // The silence is the behaviour under test, so a bounded wait is the assertion itself.
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        LedgerOf("o-1")!.ShouldSatisfyAllConditions(
            l => l.PaymentRequests.ShouldBe(2),
            l => l.Charges.ShouldBe(0),
            l => l.Refunded.ShouldBeFalse());
    }

    [Fact]
    public void Only_payment_is_silent_for_a_noreply_customer()
    {
        var reply = Send(Requests.For("o-1", ReserveInventory, Requests.Order(customerId: "noreply-7")));

        reply.Outcome.ShouldBe(ParticipantOutcome.Succeeded);
    }
}
