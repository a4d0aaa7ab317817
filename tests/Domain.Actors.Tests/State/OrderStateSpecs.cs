using ActorOrders.Domain.Events;
using ActorOrders.Contracts;
using ActorOrders.Domain.Saga;
using ActorOrders.Domain.State;
using ActorOrders.Domain.Tests.Support;

namespace ActorOrders.Domain.Tests.State;

/// <summary>Given events, when one more is applied, then the state is…: the fold, one fact per test.</summary>
public sealed class OrderStateSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Id = "order-1";

    private static OrderPlaced Placed() =>
        (OrderPlaced)((Accept)OrderDecisions.Place(OrderState.Empty, OrderBuilder.AnOrder(Id).Build(), T0)).Events[0];

    private static OrderState Given(params IOrderEvent[] events) => OrderState.Empty.ApplyAll(events);

    [Fact]
    public void A_placed_order_awaits_payment_and_carries_its_content()
    {
        var state = Given(Placed());
        state.Status.ShouldBe(OrderStatus.AwaitingPayment);
        state.Total.ShouldBe(25.50m);
        state.Lines.Count.ShouldBe(2);
        state.ShippingAddress.Country.ShouldBe("US");
    }

    [Fact]
    public void A_step_starts_at_attempt_one_at_the_time_of_the_event_that_made_it_current()
    {
        var state = Given(Placed(), new PaymentAuthorized(Id, "pay-1", 25.5m, T0.AddSeconds(3)));
        (state.StepAttempt, state.StepAttemptAt, state.StepLastFailure).ShouldBe((1, T0.AddSeconds(3), (string?)null));
    }

    [Fact]
    public void A_failed_attempt_makes_the_next_one_due_at_its_retry_time_without_changing_the_status()
    {
        var state = Given(Placed(), new StepAttemptFailed(Id, ParticipantAction.AuthorizePayment, 1, "no answer", T0.AddSeconds(6), T0.AddSeconds(5)));
        (state.Status, state.StepAttempt, state.StepAttemptAt, state.StepLastFailure, state.UpdatedAt)
            .ShouldBe((OrderStatus.AwaitingPayment, 2, T0.AddSeconds(6), "no answer", T0.AddSeconds(5)));
    }

    [Fact]
    public void The_next_step_starts_again_at_attempt_one()
    {
        var state = Given(
            Placed(),
            new StepAttemptFailed(Id, ParticipantAction.AuthorizePayment, 1, "no answer", T0.AddSeconds(6), T0.AddSeconds(5)),
            new PaymentAuthorized(Id, "pay-1", 25.5m, T0.AddSeconds(7)));
        (state.StepAttempt, state.StepAttemptAt, state.StepLastFailure).ShouldBe((1, T0.AddSeconds(7), (string?)null));
    }

    [Fact]
    public void A_failed_attempt_out_of_turn_is_illegal() =>
        Should.Throw<InvalidOperationException>(() =>
            Given(Placed(), new StepAttemptFailed(Id, ParticipantAction.AuthorizePayment, 2, "no answer", T0, T0)));

    [Fact]
    public void An_authorized_payment_moves_the_order_to_inventory() =>
        Given(Placed(), new PaymentAuthorized(Id, "pay-1", 25.5m, T0)).Status.ShouldBe(OrderStatus.AwaitingInventory);

    [Fact]
    public void A_reservation_moves_the_order_to_shipping() =>
        Given(Placed(), new PaymentAuthorized(Id, "pay-1", 25.5m, T0), new InventoryReserved(Id, "res-1", T0))
            .Status.ShouldBe(OrderStatus.AwaitingShipment);

    [Fact]
    public void A_scheduled_shipment_followed_by_completion_completes_the_order() =>
        Given(Placed(), new PaymentAuthorized(Id, "p", 1, T0), new InventoryReserved(Id, "r", T0),
                new ShipmentScheduled(Id, "t", T0), new OrderCompleted(Id, T0))
            .Status.ShouldBe(OrderStatus.Completed);

    [Fact]
    public void Unavailable_inventory_compensates_only_the_payment() =>
        Given(Placed(), new PaymentAuthorized(Id, "p", 1, T0), new InventoryUnavailable(Id, "out of stock", T0))
            .PendingCompensations.ShouldBe([ParticipantAction.RefundPayment]);

    [Fact]
    public void A_failed_shipment_compensates_inventory_then_payment() =>
        Given(Placed(), new PaymentAuthorized(Id, "p", 1, T0), new InventoryReserved(Id, "r", T0), new ShipmentFailed(Id, "no", T0))
            .PendingCompensations.ShouldBe([ParticipantAction.ReleaseInventory, ParticipantAction.RefundPayment]);

    [Fact]
    public void A_shipment_that_timed_out_is_cancelled_before_anything_else_is_undone() =>
        Given(Placed(), new PaymentAuthorized(Id, "p", 1, T0), new InventoryReserved(Id, "r", T0),
                new StepTimedOut(Id, ParticipantAction.ScheduleShipment, 3, "silence", T0))
            .PendingCompensations.ShouldBe([ParticipantAction.CancelShipment, ParticipantAction.ReleaseInventory, ParticipantAction.RefundPayment]);

    [Fact]
    public void Cancelling_while_awaiting_payment_refunds_the_payment_that_may_be_in_flight() =>
        Given(Placed(), new CancellationRequested(Id, "changed my mind", T0))
            .PendingCompensations.ShouldBe([ParticipantAction.RefundPayment]);

    [Fact]
    public void Compensations_are_consumed_in_order_and_the_order_can_then_be_cancelled()
    {
        var state = Given(Placed(), new PaymentAuthorized(Id, "p", 1, T0), new InventoryReserved(Id, "r", T0), new ShipmentFailed(Id, "no", T0),
            new InventoryReleased(Id, T0), new PaymentRefunded(Id, "ref", T0), new OrderCancelled(Id, "no", T0));
        state.Status.ShouldBe(OrderStatus.Cancelled);
        state.IsTerminal.ShouldBeTrue();
    }

    [Fact]
    public void A_compensation_out_of_order_is_illegal() =>
        Should.Throw<InvalidOperationException>(() =>
            Given(Placed(), new PaymentAuthorized(Id, "p", 1, T0), new InventoryReserved(Id, "r", T0), new ShipmentFailed(Id, "no", T0),
                new PaymentRefunded(Id, "ref", T0)));

    [Fact]
    public void A_stalled_compensation_needs_attention_and_a_retry_resumes_compensating()
    {
        var stalled = Given(Placed(), new PaymentAuthorized(Id, "p", 1, T0), new InventoryUnavailable(Id, "oos", T0),
            new CompensationStalled(Id, ParticipantAction.RefundPayment, 10, "bank down", T0));
        stalled.Status.ShouldBe(OrderStatus.AttentionRequired);
        stalled.Reason.ShouldNotBeNull().ShouldContain("bank down");
        stalled.Apply(new OrderRetryRequested(Id, null, T0)).Status.ShouldBe(OrderStatus.Compensating);
    }

    [Fact]
    public void A_declined_payment_leads_to_rejection_with_its_reason()
    {
        var state = Given(Placed(), new PaymentDeclined(Id, "card declined", T0), new OrderRejected(Id, "card declined", T0));
        state.Status.ShouldBe(OrderStatus.Rejected);
        state.Reason.ShouldBe("card declined");
    }

    [Fact]
    public void A_payment_timeout_compensates_the_payment_then_rejects()
    {
        var timedOut = Given(Placed(), new StepTimedOut(Id, ParticipantAction.AuthorizePayment, 3, "silence", T0));
        timedOut.Status.ShouldBe(OrderStatus.Compensating);
        timedOut.PendingCompensations.ShouldBe([ParticipantAction.RefundPayment]);

        var state = timedOut.ApplyAll([new PaymentRefunded(Id, null, T0), new OrderRejected(Id, "no answer", T0)]);
        state.Status.ShouldBe(OrderStatus.Rejected);
        state.Reason.ShouldBe("no answer");
        Should.Throw<InvalidOperationException>(() => timedOut.ApplyAll([new PaymentRefunded(Id, null, T0), new OrderCancelled(Id, "no", T0)]));
    }

    [Fact]
    public void A_journal_written_before_the_timeout_refund_still_folds_to_rejected() =>
        Given(Placed(), new StepTimedOut(Id, ParticipantAction.AuthorizePayment, 3, "silence", T0), new OrderRejected(Id, "silence", T0))
            .Status.ShouldBe(OrderStatus.Rejected);

    [Fact]
    public void Placing_twice_is_illegal() =>
        Should.Throw<InvalidOperationException>(() => Given(Placed(), Placed()));

    [Fact]
    public void Completing_before_the_shipment_is_scheduled_is_illegal() =>
        Should.Throw<InvalidOperationException>(() =>
            Given(Placed(), new PaymentAuthorized(Id, "p", 1, T0), new InventoryReserved(Id, "r", T0), new OrderCompleted(Id, T0)));

    [Fact]
    public void Any_event_before_the_order_is_placed_is_illegal() =>
        Should.Throw<InvalidOperationException>(() => Given(new PaymentAuthorized(Id, "p", 1, T0)));

    [Fact]
    public void Rejecting_without_a_payment_failure_is_illegal() =>
        Should.Throw<InvalidOperationException>(() => Given(Placed(), new OrderRejected(Id, "why", T0)));
}
