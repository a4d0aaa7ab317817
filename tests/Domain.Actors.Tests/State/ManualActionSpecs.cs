using ActorOrders.Contracts;
using ActorOrders.Domain.Events;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.Saga;
using ActorOrders.Domain.State;
using ActorOrders.Domain.Tests.Support;

namespace ActorOrders.Domain.Tests.State;

/// <summary>
/// An operator's retry and forced compensation (the admin API's commands): given a state, when the
/// command arrives, then these events (with who asked) or this refusal; and how the fold takes them.
/// </summary>
public sealed class ManualActionSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Id = "order-1";
    private const string Ops = "ops@example";

    private static OrderState Placed() =>
        OrderState.Empty.ApplyAll(((Accept)OrderDecisions.Place(OrderState.Empty, OrderBuilder.AnOrder(Id).Build(), T0)).Events);

    private static OrderState Drive(OrderState state, params (ParticipantAction Action, StepResult Result)[] outcomes) =>
        outcomes.Aggregate(state, (s, o) => s.ApplyAll(OrderDecisions.OnOutcome(s, new StepOutcome(o.Action, o.Result, "ref", "why", 1), T0)));

    private static OrderState AwaitingInventory() => Drive(Placed(), (ParticipantAction.AuthorizePayment, StepResult.Succeeded));

    private static OrderState AwaitingShipment() => Drive(AwaitingInventory(), (ParticipantAction.ReserveInventory, StepResult.Succeeded));

    private static OrderState Stalled() =>
        Drive(AwaitingInventory(), (ParticipantAction.ReserveInventory, StepResult.Refused), (ParticipantAction.RefundPayment, StepResult.Exhausted));

    private static ForceCompensation Force(string reason = "customer called") => new(Id, reason, Ops);

    [Fact]
    public void An_operators_retry_of_an_order_needing_attention_records_who_asked()
    {
        var accept = OrderDecisions.Retry(Stalled(), new ManualRetry(Id, Ops), T0).ShouldBeOfType<Accept>();

        accept.Events.ShouldHaveSingleItem().ShouldBe(new OrderRetryRequested(Id, Ops, T0));
    }

    [Fact]
    public void A_retry_through_the_order_api_records_nobody() =>
        OrderDecisions.Retry(Stalled(), new RetryOrder(Id), T0).ShouldBeOfType<Accept>()
            .Events.ShouldHaveSingleItem().ShouldBeOfType<OrderRetryRequested>().By.ShouldBeNull();

    [Fact]
    public void An_operators_retry_of_an_order_that_does_not_need_attention_is_refused() =>
        OrderDecisions.Retry(AwaitingInventory(), new ManualRetry(Id, Ops), T0).ShouldBeOfType<Refuse>().Code.ShouldBe(RejectionCode.InvalidState);

    [Theory]
    [InlineData(0, new[] { ParticipantAction.RefundPayment })]
    [InlineData(1, new[] { ParticipantAction.ReleaseInventory, ParticipantAction.RefundPayment })]
    [InlineData(2, new[] { ParticipantAction.CancelShipment, ParticipantAction.ReleaseInventory, ParticipantAction.RefundPayment })]
    public void Forcing_the_compensation_of_an_order_in_flight_undoes_whatever_may_have_been_done(int stepsDone, ParticipantAction[] undo)
    {
        var state = new[] { Placed(), AwaitingInventory(), AwaitingShipment() }[stepsDone];

        var accept = OrderDecisions.ForceCompensation(state, Force(), T0).ShouldBeOfType<Accept>();

        accept.Events.ShouldHaveSingleItem().ShouldBe(new CompensationForced(Id, "customer called", Ops, T0));
        var after = state.ApplyAll(accept.Events);
        (after.Status, after.Reason).ShouldBe((OrderStatus.Compensating, "customer called"));
        after.PendingCompensations.ShouldBe(undo);
        OrderDecisions.Next(after, T0).ShouldBe(new RunStep(undo[0]));
    }

    [Fact]
    public void Forcing_the_compensation_of_an_order_needing_attention_runs_the_stalled_rest_again_from_attempt_one()
    {
        var stalled = Stalled();

        var after = stalled.ApplyAll(OrderDecisions.ForceCompensation(stalled, Force(), T0.AddMinutes(5)).ShouldBeOfType<Accept>().Events);

        (after.Status, after.Reason, after.StepAttempt, after.StepAttemptAt).ShouldBe((OrderStatus.Compensating, "customer called", 1, T0.AddMinutes(5)));
        after.PendingCompensations.ShouldBe([ParticipantAction.RefundPayment]);
    }

    [Fact]
    public void A_forced_compensation_without_a_reason_says_who_forced_it() =>
        OrderDecisions.ForceCompensation(Placed(), Force(reason: " "), T0).ShouldBeOfType<Accept>()
            .Events.ShouldHaveSingleItem().ShouldBeOfType<CompensationForced>().Reason.ShouldBe($"compensation forced by {Ops}");

    [Fact]
    public void A_forced_compensation_ends_cancelled_once_the_undo_succeeded()
    {
        var forced = Placed().ApplyAll(((Accept)OrderDecisions.ForceCompensation(Placed(), Force(), T0)).Events);

        var events = OrderDecisions.OnOutcome(forced, new StepOutcome(ParticipantAction.RefundPayment, StepResult.Succeeded, "r", null, 1), T0);

        events.Select(e => e.GetType()).ShouldBe([typeof(PaymentRefunded), typeof(OrderCancelled)]);
        forced.ApplyAll(events).Reason.ShouldBe("customer called");
    }

    [Fact]
    public void Forcing_the_compensation_of_a_shipped_order_is_too_late()
    {
        var shipped = AwaitingShipment().Apply(new ShipmentScheduled(Id, "trk", T0));
        var completed = Drive(AwaitingShipment(), (ParticipantAction.ScheduleShipment, StepResult.Succeeded));

        OrderDecisions.ForceCompensation(shipped, Force(), T0).ShouldBeOfType<Refuse>().Code.ShouldBe(RejectionCode.TooLate);
        OrderDecisions.ForceCompensation(completed, Force(), T0).ShouldBeOfType<Refuse>().Code.ShouldBe(RejectionCode.TooLate);
    }

    [Fact]
    public void Forcing_the_compensation_of_an_order_being_rejected_is_too_late() =>
        OrderDecisions.ForceCompensation(Placed().Apply(new PaymentDeclined(Id, "declined", T0)), Force(), T0)
            .ShouldBeOfType<Refuse>().Code.ShouldBe(RejectionCode.TooLate);

    [Fact]
    public void Forcing_the_compensation_of_a_rejected_order_is_refused_there_is_nothing_to_undo()
    {
        var rejected = Drive(Placed(), (ParticipantAction.AuthorizePayment, StepResult.Refused));

        OrderDecisions.ForceCompensation(rejected, Force(), T0).ShouldBeOfType<Refuse>().Code.ShouldBe(RejectionCode.InvalidState);
    }

    [Fact]
    public void Forcing_the_compensation_of_an_order_already_compensating_or_cancelled_stores_nothing()
    {
        var compensating = Drive(AwaitingInventory(), (ParticipantAction.ReserveInventory, StepResult.Refused));
        var cancelled = Drive(compensating, (ParticipantAction.RefundPayment, StepResult.Succeeded));
        cancelled.Status.ShouldBe(OrderStatus.Cancelled);

        OrderDecisions.ForceCompensation(compensating, Force(), T0).ShouldBeOfType<Accept>().Events.ShouldBeEmpty();
        OrderDecisions.ForceCompensation(cancelled, Force(), T0).ShouldBeOfType<Accept>().Events.ShouldBeEmpty();
    }

    [Fact]
    public void Forcing_the_compensation_of_an_unknown_order_is_not_found() =>
        OrderDecisions.ForceCompensation(OrderState.Empty, Force(), T0).ShouldBeOfType<Refuse>().Code.ShouldBe(RejectionCode.NotFound);

    [Fact]
    public void The_fold_refuses_a_forced_compensation_after_shipment() =>
        Should.Throw<InvalidOperationException>(() =>
            AwaitingShipment().Apply(new ShipmentScheduled(Id, "trk", T0)).Apply(new CompensationForced(Id, "late", Ops, T0)));

    [Fact]
    public void The_fold_refuses_a_forced_compensation_of_a_finished_order() =>
        Should.Throw<InvalidOperationException>(() =>
            Drive(Placed(), (ParticipantAction.AuthorizePayment, StepResult.Refused)).Apply(new CompensationForced(Id, "late", Ops, T0)));
}
