using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using Xunit.Abstractions;

namespace ActorOrders.Domain.Tests.Saga;

public sealed class FailureScenarios(ITestOutputHelper output) : SagaScenario(output)
{
    [Fact]
    public void A_declined_payment_rejects_the_order_and_nothing_else_is_asked()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment, ParticipantOutcome.Refused, "card declined");

        var view = AwaitStatus(OrderStatus.Rejected);
        view.Reason.ShouldBe("card declined");
        ExpectNoRequests();
    }

    [Fact]
    public void Unavailable_inventory_refunds_the_payment_and_cancels_the_order()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Step(Inventory, ParticipantAction.ReserveInventory, ParticipantOutcome.Refused, "out of stock: OOS-1");

        var refund = Step(Payment, ParticipantAction.RefundPayment);
        refund.IdempotencyKey.ShouldBe($"{OrderId}:RefundPayment");

        var view = AwaitStatus(OrderStatus.Cancelled);
        view.Reason.ShouldBe("out of stock: OOS-1");
        Shipping.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_failed_shipment_releases_inventory_then_refunds_payment()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Step(Inventory, ParticipantAction.ReserveInventory);
        Step(Shipping, ParticipantAction.ScheduleShipment, ParticipantOutcome.Refused, "cannot ship to ZZ");

        Step(Inventory, ParticipantAction.ReleaseInventory);
        Payment.ExpectMsg<ParticipantRequest>(r => r.Action == ParticipantAction.RefundPayment);
        AwaitStatus(OrderStatus.Compensating).PendingCompensations.ShouldBe([ParticipantAction.RefundPayment]);
        Answer(Payment, (ParticipantRequest)Payment.LastMessage);

        AwaitStatus(OrderStatus.Cancelled);
    }

    [Fact]
    public void A_transient_failure_is_retried_with_the_same_idempotency_key()
    {
        StartOrder();
        Place();
        var first = Step(Payment, ParticipantAction.AuthorizePayment, ParticipantOutcome.TransientFailure, "gateway busy");
        var second = Step(Payment, ParticipantAction.AuthorizePayment);

        second.Attempt.ShouldBe(2);
        second.IdempotencyKey.ShouldBe(first.IdempotencyKey);
        second.RequestId.ShouldNotBe(first.RequestId);
        Expect(Inventory, ParticipantAction.ReserveInventory);
    }
}
