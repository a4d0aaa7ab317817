using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using Xunit.Abstractions;

namespace ActorOrders.Domain.Tests.Saga;

public sealed class CompensationScenarios(ITestOutputHelper output) : SagaScenario(output)
{
    private void FailInventory()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Step(Inventory, ParticipantAction.ReserveInventory, ParticipantOutcome.Refused, "out of stock");
    }

    [Fact]
    public void A_refused_compensation_is_retried_until_it_succeeds()
    {
        FailInventory();
        Step(Payment, ParticipantAction.RefundPayment, ParticipantOutcome.Refused, "bank busy");
        Step(Payment, ParticipantAction.RefundPayment, ParticipantOutcome.TransientFailure, "bank busy");
        Step(Payment, ParticipantAction.RefundPayment);

        AwaitStatus(OrderStatus.Cancelled);
    }

    [Fact]
    public void A_compensation_that_keeps_failing_leaves_the_order_in_attention_required_with_the_reason()
    {
        FailInventory();
        for (var attempt = 1; attempt <= FastSettings.Compensations.MaxAttempts; attempt++)
            Step(Payment, ParticipantAction.RefundPayment, ParticipantOutcome.TransientFailure, "bank down");

        var view = AwaitStatus(OrderStatus.AttentionRequired);
        view.Reason.ShouldNotBeNull().ShouldContain("bank down");
        view.PendingCompensations.ShouldBe([ParticipantAction.RefundPayment]);
        ExpectNoRequests();
    }

    [Fact]
    public void RetryOrder_re_drives_a_stalled_compensation_to_cancelled()
    {
        FailInventory();
        for (var attempt = 1; attempt <= FastSettings.Compensations.MaxAttempts; attempt++)
            Step(Payment, ParticipantAction.RefundPayment, ParticipantOutcome.TransientFailure, "bank down");
        AwaitStatus(OrderStatus.AttentionRequired);

        Order.Tell(new RetryOrder(OrderId), TestActor);
        ExpectMsg<OrderAccepted>().Status.ShouldBe(OrderStatus.Compensating);
        Step(Payment, ParticipantAction.RefundPayment).IdempotencyKey.ShouldBe($"{OrderId}:RefundPayment");

        AwaitStatus(OrderStatus.Cancelled);
    }

    [Fact]
    public void RetryOrder_on_an_order_that_does_not_need_attention_is_refused()
    {
        StartOrder();
        Place();
        Order.Tell(new RetryOrder(OrderId), TestActor);
        ExpectMsg<OrderCommandRejected>().Code.ShouldBe(RejectionCode.InvalidState);
    }
}
