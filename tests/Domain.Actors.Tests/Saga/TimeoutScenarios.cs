using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using Xunit.Abstractions;

namespace ActorOrders.Domain.Tests.Saga;

/// <summary>Timeouts and backoff on virtual time: each fires exactly when the scenario advances the clock past it.</summary>
public sealed class TimeoutScenarios(ITestOutputHelper output) : SagaScenario(output, virtualTime: true)
{
    [Fact]
    public void Nothing_is_retried_before_the_attempt_times_out()
    {
        StartOrder();
        Place();
        Expect(Payment, ParticipantAction.AuthorizePayment);

        Time.Advance(StepTimeout - TimeSpan.FromMilliseconds(1));
        Payment.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        View().Version.ShouldBe(1, "no failure is stored before the timeout");

        Time.Advance(TimeSpan.FromMilliseconds(1));
        AwaitAssert(() => View().Version.ShouldBe(2), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_step_that_times_out_is_retried_after_its_backoff_and_succeeds_on_the_retry()
    {
        StartOrder();
        Place();
        var unanswered = Expect(Payment, ParticipantAction.AuthorizePayment);

        LetAttemptTimeOut(versionAfter: 2);
        Payment.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Time.Advance(StepBackoff(2));
        var retry = Step(Payment, ParticipantAction.AuthorizePayment);

        retry.Attempt.ShouldBe(unanswered.Attempt + 1);
        retry.IdempotencyKey.ShouldBe(unanswered.IdempotencyKey);
        Expect(Inventory, ParticipantAction.ReserveInventory);
        View().Status.ShouldBe(OrderStatus.AwaitingInventory);
    }

    [Fact]
    public void A_payment_that_never_answers_is_tried_max_attempts_times_then_refunded_as_if_it_might_have_charged_and_the_order_is_rejected_with_the_reason()
    {
        StartOrder();
        Place();
        var max = FastSettings.Steps.MaxAttempts;
        for (var attempt = 1; attempt < max; attempt++)
        {
            Expect(Payment, ParticipantAction.AuthorizePayment).Attempt.ShouldBe(attempt);
            LetAttemptTimeOut(versionAfter: 1 + attempt);
            Time.Advance(StepBackoff(attempt + 1));
        }

        Expect(Payment, ParticipantAction.AuthorizePayment).Attempt.ShouldBe(max);
        Time.Advance(StepTimeout);

        // The charge may have been made and its answer lost: the order is not rejected before the refund.
        AwaitStatus(OrderStatus.Compensating);
        Step(Payment, ParticipantAction.RefundPayment);
        var view = AwaitStatus(OrderStatus.Rejected);
        view.Reason.ShouldNotBeNull().ShouldContain("no answer");
        view.Reason.ShouldContain($"{max} attempts");
        ExpectNoRequests();
    }

    [Fact]
    public void An_inventory_step_that_never_answers_is_compensated_as_if_it_might_have_reserved()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        var max = FastSettings.Steps.MaxAttempts;
        for (var attempt = 1; attempt < max; attempt++)
        {
            Expect(Inventory, ParticipantAction.ReserveInventory);
            LetAttemptTimeOut(versionAfter: 2 + attempt);
            Time.Advance(StepBackoff(attempt + 1));
        }

        Expect(Inventory, ParticipantAction.ReserveInventory);
        Time.Advance(StepTimeout);

        Step(Inventory, ParticipantAction.ReleaseInventory);
        Step(Payment, ParticipantAction.RefundPayment);
        AwaitStatus(OrderStatus.Cancelled);
    }

    [Fact]
    public void A_reply_arriving_after_the_timeout_but_before_the_retry_answers_the_step()
    {
        StartOrder();
        Place();
        var request = Expect(Payment, ParticipantAction.AuthorizePayment);
        var step = Payment.LastSender;

        LetAttemptTimeOut(versionAfter: 2);
        // The retry waits for its backoff; the late answer to the same idempotency key describes the effect.
        step.Tell(new ParticipantReply(OrderId, request.Action, request.RequestId, ParticipantOutcome.Succeeded, "pay-late", null), Payment.Ref);

        Expect(Inventory, ParticipantAction.ReserveInventory);
        View().PaymentReference.ShouldBe("pay-late");
    }
}
