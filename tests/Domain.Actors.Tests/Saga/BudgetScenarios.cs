using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using Xunit.Abstractions;

namespace ActorOrders.Domain.Tests.Saga;

/// <summary>
/// A step's budget (which attempt, and how much of its timeout is left) survives a crash: only
/// failed attempts are stored, and a restarted order continues where the budget stands instead
/// of starting the step again. Virtual time, so "the node was down for a timeout" is exact.
/// </summary>
public sealed class BudgetScenarios(ITestOutputHelper output) : SagaScenario(output, virtualTime: true)
{
    [Fact]
    public void A_successful_first_attempt_stores_nothing_but_its_outcome()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Expect(Inventory, ParticipantAction.ReserveInventory);

        View().Version.ShouldBe(2, "OrderPlaced and PaymentAuthorized: the happy path writes no attempt events");
    }

    [Fact]
    public void A_restarted_order_resends_the_attempt_it_was_in_with_what_is_left_of_its_timeout()
    {
        StartOrder();
        Place();
        Expect(Payment, ParticipantAction.AuthorizePayment);
        LetAttemptTimeOut(versionAfter: 2);
        Time.Advance(StepBackoff(2));
        var second = Expect(Payment, ParticipantAction.AuthorizePayment);
        second.Attempt.ShouldBe(2);
        Time.Advance(StepTimeout / 2);

        StopOrder();
        StartOrder();

        var resent = Expect(Payment, ParticipantAction.AuthorizePayment);
        resent.Attempt.ShouldBe(2, "the budget survived the restart");
        resent.IdempotencyKey.ShouldBe(second.IdempotencyKey);
        Time.Advance(StepTimeout / 2 - TimeSpan.FromMilliseconds(1));
        Payment.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        View().Version.ShouldBe(2, "half of the timeout was left, not all of it");
        Time.Advance(TimeSpan.FromMilliseconds(1));
        AwaitAssert(() => View().Version.ShouldBe(3), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void An_attempt_whose_timeout_passed_while_the_order_was_down_counts_as_failed()
    {
        StartOrder();
        Place();
        Expect(Payment, ParticipantAction.AuthorizePayment);
        StopOrder();
        Time.Advance(StepTimeout);

        StartOrder();

        AwaitAssert(() => View().Version.ShouldBe(2), TimeSpan.FromSeconds(5));
        Payment.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Time.Advance(StepBackoff(2));
        Expect(Payment, ParticipantAction.AuthorizePayment).Attempt.ShouldBe(2);
    }

    [Fact]
    public void A_restart_during_the_backoff_sends_the_next_attempt_when_the_backoff_ends()
    {
        StartOrder();
        Place();
        Expect(Payment, ParticipantAction.AuthorizePayment);
        LetAttemptTimeOut(versionAfter: 2);

        StopOrder();
        StartOrder();

        Payment.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Time.Advance(StepBackoff(2));
        Expect(Payment, ParticipantAction.AuthorizePayment).Attempt.ShouldBe(2);
    }

    [Fact]
    public void A_payment_that_never_answers_ends_the_order_at_the_last_restart_even_if_no_attempt_ever_timed_out_while_running()
    {
        StartOrder();
        Place();
        var max = FastSettings.Steps.MaxAttempts;
        for (var attempt = 1; attempt <= max; attempt++)
        {
            Expect(Payment, ParticipantAction.AuthorizePayment).Attempt.ShouldBe(attempt);
            // Killed before the attempt's timeout; down for longer than it.
            StopOrder();
            Time.Advance(StepTimeout);
            StartOrder();
            if (attempt == max) break;
            AwaitAssert(() => View().Version.ShouldBe(1 + attempt), TimeSpan.FromSeconds(5));
            Time.Advance(StepBackoff(attempt + 1));
        }

        AwaitStatus(OrderStatus.Compensating);
        Step(Payment, ParticipantAction.RefundPayment);
        var view = AwaitStatus(OrderStatus.Rejected);
        view.Reason.ShouldNotBeNull().ShouldContain($"{max} attempts");
        ExpectNoRequests();
    }

    [Fact]
    public void RetryOrder_gives_a_stalled_compensation_a_fresh_budget()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Step(Inventory, ParticipantAction.ReserveInventory, ParticipantOutcome.Refused, "out of stock");
        var max = FastSettings.Compensations.MaxAttempts;
        for (var attempt = 1; attempt <= max; attempt++)
        {
            Step(Payment, ParticipantAction.RefundPayment, ParticipantOutcome.TransientFailure, "bank down");
            if (attempt == max) break;
            AwaitAssert(() => View().Version.ShouldBe(3 + attempt), TimeSpan.FromSeconds(5));
            Time.Advance(FastSettings.Compensations.BackoffBefore(attempt + 1, new Random(0)));
        }

        AwaitStatus(OrderStatus.AttentionRequired);
        Order.Tell(new RetryOrder(OrderId), TestActor);
        ExpectMsg<OrderAccepted>();

        Expect(Payment, ParticipantAction.RefundPayment).Attempt.ShouldBe(1);
    }
}
