using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using Xunit.Abstractions;

namespace ActorOrders.Domain.Tests.Saga;

public sealed class CancellationScenarios(ITestOutputHelper output) : SagaScenario(output)
{
    private void Cancel() => Order.Tell(new CancelOrder(OrderId, "customer changed their mind"), TestActor);

    [Fact]
    public void Cancelling_while_awaiting_payment_refunds_whatever_the_payment_did()
    {
        StartOrder(FastSettings with { PassivateAfter = TimeSpan.FromMinutes(1) });
        Place();
        var pending = Expect(Payment, ParticipantAction.AuthorizePayment);

        Cancel();
        ExpectMsg<OrderAccepted>().Status.ShouldBe(OrderStatus.Compensating);
        Step(Payment, ParticipantAction.RefundPayment);

        var view = AwaitStatus(OrderStatus.Cancelled);
        view.Reason.ShouldBe("customer changed their mind");

        // The authorization answers late, delivered to the order (as the Kafka transport does): it must not revive it.
        Order.Tell(new ParticipantReply(OrderId, pending.Action, pending.RequestId, ParticipantOutcome.Succeeded, "pay-late", null), TestActor);
        ExpectMsg<ParticipantReplyAck>().Applied.ShouldBeFalse();
        ExpectNoRequests();
        var after = View();
        after.Status.ShouldBe(OrderStatus.Cancelled);
        after.PaymentReference.ShouldBeNull();
        after.Version.ShouldBe(view.Version);
    }

    [Fact]
    public void Cancelling_while_awaiting_inventory_releases_then_refunds()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Expect(Inventory, ParticipantAction.ReserveInventory);

        Cancel();
        ExpectMsg<OrderAccepted>();
        Step(Inventory, ParticipantAction.ReleaseInventory);
        Step(Payment, ParticipantAction.RefundPayment);
        AwaitStatus(OrderStatus.Cancelled);
    }

    [Fact]
    public void Cancelling_while_awaiting_shipment_cancels_the_shipment_releases_and_refunds()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Step(Inventory, ParticipantAction.ReserveInventory);
        Expect(Shipping, ParticipantAction.ScheduleShipment);

        Cancel();
        ExpectMsg<OrderAccepted>();
        Step(Shipping, ParticipantAction.CancelShipment);
        Step(Inventory, ParticipantAction.ReleaseInventory);
        Step(Payment, ParticipantAction.RefundPayment);
        AwaitStatus(OrderStatus.Cancelled);
    }

    [Fact]
    public void Cancelling_a_completed_order_is_refused_as_too_late()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Step(Inventory, ParticipantAction.ReserveInventory);
        Step(Shipping, ParticipantAction.ScheduleShipment);
        AwaitStatus(OrderStatus.Completed);

        Cancel();
        ExpectMsg<OrderCommandRejected>().Code.ShouldBe(RejectionCode.TooLate);
        View().Status.ShouldBe(OrderStatus.Completed);
    }

    [Fact]
    public void Cancelling_a_rejected_order_is_refused_as_too_late()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment, ParticipantOutcome.Refused, "declined");
        AwaitStatus(OrderStatus.Rejected);

        Cancel();
        ExpectMsg<OrderCommandRejected>().Code.ShouldBe(RejectionCode.TooLate);
    }

    [Fact]
    public void Cancelling_twice_is_accepted_once_and_compensates_once()
    {
        StartOrder();
        Place();
        Expect(Payment, ParticipantAction.AuthorizePayment);

        Cancel();
        ExpectMsg<OrderAccepted>();
        Cancel();
        ExpectMsg<OrderAccepted>().Status.ShouldBe(OrderStatus.Compensating);
        Step(Payment, ParticipantAction.RefundPayment);
        AwaitStatus(OrderStatus.Cancelled);
        Payment.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Cancelling_an_order_that_does_not_exist_is_not_found()
    {
        StartOrder();
        Cancel();
        ExpectMsg<OrderCommandRejected>().Code.ShouldBe(RejectionCode.NotFound);
    }
}
