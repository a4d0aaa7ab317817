using ActorOrders.Domain.Events;
using ActorOrders.Contracts;
using ActorOrders.Domain.Saga;
using ActorOrders.Domain.State;
using ActorOrders.Domain.Tests.Support;

namespace ActorOrders.Domain.Tests.State;

/// <summary>Given a state, when a command or step outcome arrives, then these events (or this refusal).</summary>
public sealed class OrderDecisionSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Id = "order-1";

    private static OrderState Placed(PlaceOrder? cmd = null) =>
        OrderState.Empty.ApplyAll(((Accept)OrderDecisions.Place(OrderState.Empty, cmd ?? OrderBuilder.AnOrder(Id).Build(), T0)).Events);

    private static OrderState Drive(OrderState state, params (ParticipantAction Action, StepResult Result)[] outcomes) =>
        outcomes.Aggregate(state, (s, o) => s.ApplyAll(OrderDecisions.OnOutcome(s, new StepOutcome(o.Action, o.Result, "ref", "why", 1), T0)));

    private static OrderState AwaitingShipment() =>
        Drive(Placed(), (ParticipantAction.AuthorizePayment, StepResult.Succeeded), (ParticipantAction.ReserveInventory, StepResult.Succeeded));

    [Fact]
    public void Placing_a_new_order_records_OrderPlaced_with_its_total()
    {
        var accept = OrderDecisions.Place(OrderState.Empty, OrderBuilder.AnOrder(Id).Build(), T0).ShouldBeOfType<Accept>();
        accept.Created.ShouldBeTrue();
        accept.Events.ShouldHaveSingleItem().ShouldBeOfType<OrderPlaced>().Total.ShouldBe(25.50m);
    }

    [Fact]
    public void Placing_the_same_order_again_records_nothing_and_is_accepted() =>
        OrderDecisions.Place(Placed(), OrderBuilder.AnOrder(Id).Build(), T0).ShouldBe(new Accept([], false), new AcceptComparer());

    [Fact]
    public void Placing_the_same_id_with_other_content_is_a_conflict() =>
        OrderDecisions.Place(Placed(), OrderBuilder.AnOrder(Id).For("bob").Build(), T0)
            .ShouldBeOfType<Refuse>().Code.ShouldBe(RejectionCode.Conflict);

    [Fact]
    public void The_fingerprint_ignores_how_a_price_is_written()
    {
        var a = OrderBuilder.AnOrder().WithLines(new OrderLine("S", 1, 10.0m)).Build();
        var b = OrderBuilder.AnOrder().WithLines(new OrderLine("S", 1, 10.00m)).Build();
        OrderDecisions.Fingerprint(a).ShouldBe(OrderDecisions.Fingerprint(b));
        OrderDecisions.Fingerprint(a).ShouldNotBe(OrderDecisions.Fingerprint(OrderBuilder.AnOrder().WithLines(new OrderLine("S", 2, 10m)).Build()));
    }

    [Fact]
    public void The_saga_starts_with_payment() =>
        OrderDecisions.Next(Placed(), T0).ShouldBe(new RunStep(ParticipantAction.AuthorizePayment));

    [Fact]
    public void A_scheduled_shipment_is_recorded_together_with_completion() =>
        OrderDecisions.OnOutcome(AwaitingShipment(), new StepOutcome(ParticipantAction.ScheduleShipment, StepResult.Succeeded, "trk", null, 1), T0)
            .Select(e => e.GetType()).ShouldBe([typeof(ShipmentScheduled), typeof(OrderCompleted)]);

    [Fact]
    public void A_declined_payment_is_recorded_together_with_rejection() =>
        OrderDecisions.OnOutcome(Placed(), new StepOutcome(ParticipantAction.AuthorizePayment, StepResult.Refused, null, "card declined", 1), T0)
            .Select(e => e.GetType()).ShouldBe([typeof(PaymentDeclined), typeof(OrderRejected)]);

    [Fact]
    public void A_payment_that_never_answers_is_refunded_before_the_order_is_rejected_with_the_reason()
    {
        var events = OrderDecisions.OnOutcome(Placed(), new StepOutcome(ParticipantAction.AuthorizePayment, StepResult.Exhausted, null, "no answer", 3), T0);
        events.ShouldHaveSingleItem().ShouldBeOfType<StepTimedOut>().Attempts.ShouldBe(3);

        var timedOut = Placed().ApplyAll(events);
        timedOut.Status.ShouldBe(OrderStatus.Compensating);
        OrderDecisions.Next(timedOut, T0).ShouldBe(new RunStep(ParticipantAction.RefundPayment));

        var refunded = OrderDecisions.OnOutcome(timedOut, new StepOutcome(ParticipantAction.RefundPayment, StepResult.Succeeded, null, null, 1), T0);
        refunded.Select(e => e.GetType()).ShouldBe([typeof(PaymentRefunded), typeof(OrderRejected)]);
        ((OrderRejected)refunded[1]).Reason.ShouldContain("no answer");
        timedOut.ApplyAll(refunded).Status.ShouldBe(OrderStatus.Rejected);
    }

    [Fact]
    public void A_payment_timeout_whose_refund_stalls_needs_attention_and_a_retry_ends_it_rejected()
    {
        var timedOut = Placed().ApplyAll(OrderDecisions.OnOutcome(Placed(), new StepOutcome(ParticipantAction.AuthorizePayment, StepResult.Exhausted, null, "no answer", 3), T0));
        var stalled = timedOut.ApplyAll(OrderDecisions.OnOutcome(timedOut, new StepOutcome(ParticipantAction.RefundPayment, StepResult.Exhausted, null, "refunds failing", 10), T0));
        stalled.Status.ShouldBe(OrderStatus.AttentionRequired);

        var retried = stalled.ApplyAll(OrderDecisions.Retry(stalled, new RetryOrder(Id), T0).ShouldBeOfType<Accept>().Events);
        var done = retried.ApplyAll(OrderDecisions.OnOutcome(retried, new StepOutcome(ParticipantAction.RefundPayment, StepResult.Succeeded, null, null, 1), T0));
        done.Status.ShouldBe(OrderStatus.Rejected);
    }

    [Fact]
    public void After_unavailable_inventory_the_next_step_is_the_refund()
    {
        var state = Drive(Placed(), (ParticipantAction.AuthorizePayment, StepResult.Succeeded), (ParticipantAction.ReserveInventory, StepResult.Refused));
        OrderDecisions.Next(state, T0).ShouldBe(new RunStep(ParticipantAction.RefundPayment));
    }

    [Fact]
    public void The_last_compensation_is_recorded_together_with_cancellation()
    {
        var state = Drive(Placed(), (ParticipantAction.AuthorizePayment, StepResult.Succeeded), (ParticipantAction.ReserveInventory, StepResult.Refused));
        OrderDecisions.OnOutcome(state, new StepOutcome(ParticipantAction.RefundPayment, StepResult.Succeeded, "r", null, 1), T0)
            .Select(e => e.GetType()).ShouldBe([typeof(PaymentRefunded), typeof(OrderCancelled)]);
    }

    [Fact]
    public void An_exhausted_compensation_stalls_the_order()
    {
        var state = Drive(Placed(), (ParticipantAction.AuthorizePayment, StepResult.Succeeded), (ParticipantAction.ReserveInventory, StepResult.Refused));
        OrderDecisions.OnOutcome(state, new StepOutcome(ParticipantAction.RefundPayment, StepResult.Exhausted, null, "bank down", 10), T0)
            .ShouldHaveSingleItem().ShouldBeOfType<CompensationStalled>();
    }

    [Fact]
    public void An_outcome_for_a_step_that_is_not_running_is_refused() =>
        Should.Throw<InvalidOperationException>(() =>
            OrderDecisions.OnOutcome(Placed(), new StepOutcome(ParticipantAction.ScheduleShipment, StepResult.Succeeded, "t", null, 1), T0));

    [Theory]
    [InlineData(0, OrderStatus.AwaitingPayment)]
    [InlineData(1, OrderStatus.AwaitingInventory)]
    [InlineData(2, OrderStatus.AwaitingShipment)]
    public void Cancelling_before_shipment_is_accepted_and_starts_compensation(int stepsDone, OrderStatus status)
    {
        var steps = new[] { ParticipantAction.AuthorizePayment, ParticipantAction.ReserveInventory }.Take(stepsDone)
            .Select(a => (a, StepResult.Succeeded)).ToArray();
        var state = Drive(Placed(), steps);
        state.Status.ShouldBe(status);
        var accept = OrderDecisions.Cancel(state, new CancelOrder(Id, "no longer needed"), T0).ShouldBeOfType<Accept>();
        state.ApplyAll(accept.Events).Status.ShouldBe(OrderStatus.Compensating);
    }

    [Fact]
    public void Cancelling_a_completed_order_is_too_late()
    {
        var done = Drive(AwaitingShipment(), (ParticipantAction.ScheduleShipment, StepResult.Succeeded));
        OrderDecisions.Cancel(done, new CancelOrder(Id, ""), T0).ShouldBeOfType<Refuse>().Code.ShouldBe(RejectionCode.TooLate);
    }

    [Fact]
    public void Cancelling_an_unknown_order_is_not_found() =>
        OrderDecisions.Cancel(OrderState.Empty, new CancelOrder(Id, ""), T0).ShouldBeOfType<Refuse>().Code.ShouldBe(RejectionCode.NotFound);

    [Fact]
    public void Retrying_an_order_that_does_not_need_attention_is_refused() =>
        OrderDecisions.Retry(Placed(), new RetryOrder(Id), T0).ShouldBeOfType<Refuse>().Code.ShouldBe(RejectionCode.InvalidState);

    private sealed class AcceptComparer : IEqualityComparer<CommandDecision>
    {
        public bool Equals(CommandDecision? x, CommandDecision? y) =>
            x is Accept a && y is Accept b && a.Created == b.Created && a.Events.SequenceEqual(b.Events);

        public int GetHashCode(CommandDecision obj) => 0;
    }
}
