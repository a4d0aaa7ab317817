using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using Xunit.Abstractions;

namespace ActorOrders.Domain.Tests.Saga;

public sealed class TimeoutScenarios(ITestOutputHelper output) : SagaScenario(output)
{
    [Fact]
    public void A_step_that_times_out_is_retried_and_succeeds_on_the_retry()
    {
        StartOrder();
        Place();
        var unanswered = Expect(Payment, ParticipantAction.AuthorizePayment);
        var retry = Step(Payment, ParticipantAction.AuthorizePayment);

        retry.Attempt.ShouldBe(unanswered.Attempt + 1);
        retry.IdempotencyKey.ShouldBe(unanswered.IdempotencyKey);
        Expect(Inventory, ParticipantAction.ReserveInventory);
        View().Status.ShouldBe(OrderStatus.AwaitingInventory);
    }

    [Fact]
    public void A_payment_that_never_answers_is_tried_max_attempts_times_then_the_order_is_rejected_with_the_reason()
    {
        StartOrder();
        Place();
        for (var attempt = 1; attempt <= FastSettings.Steps.MaxAttempts; attempt++)
            Expect(Payment, ParticipantAction.AuthorizePayment).Attempt.ShouldBe(attempt);

        var view = AwaitStatus(OrderStatus.Rejected);
        view.Reason.ShouldNotBeNull().ShouldContain("no answer");
        view.Reason.ShouldContain("3 attempts");
        ExpectNoRequests();
    }

    [Fact]
    public void An_inventory_step_that_never_answers_is_compensated_as_if_it_might_have_reserved()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        for (var attempt = 1; attempt <= FastSettings.Steps.MaxAttempts; attempt++) Expect(Inventory, ParticipantAction.ReserveInventory);

        Step(Inventory, ParticipantAction.ReleaseInventory);
        Step(Payment, ParticipantAction.RefundPayment);
        AwaitStatus(OrderStatus.Cancelled);
    }

    [Fact]
    public void A_reply_arriving_after_the_timeout_but_before_the_retry_answers_the_step()
    {
        var slowRetries = FastSettings with { Steps = FastSettings.Steps with { MinBackoff = TimeSpan.FromSeconds(3), MaxBackoff = TimeSpan.FromSeconds(3) } };
        StartOrder(slowRetries);
        Place();
        var request = Expect(Payment, ParticipantAction.AuthorizePayment);
        var step = Payment.LastSender;
        // The attempt times out; the late answer to that same execution still describes the effect of the key.
        AwaitAssert(() => View().Status.ShouldBe(OrderStatus.AwaitingPayment), TimeSpan.FromSeconds(2));
        Payment.ExpectNoMsg(FastSettings.Steps.Timeout + TimeSpan.FromMilliseconds(100));
        step.Tell(new ParticipantReply(OrderId, request.Action, request.RequestId, ParticipantOutcome.Succeeded, "pay-late", null), Payment.Ref);

        Expect(Inventory, ParticipantAction.ReserveInventory);
    }
}
