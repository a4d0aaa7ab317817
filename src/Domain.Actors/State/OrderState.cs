using System.Collections.Immutable;
using ActorOrders.Domain.Events;
using ActorOrders.Contracts;

namespace ActorOrders.Domain.State;

/// <summary>
/// The state of one order: a pure fold of its events. <see cref="Apply"/> never decides
/// anything; it throws on an event that is illegal in the current status, because that
/// means the decisions and the fold disagree.
/// </summary>
/// <remarks>
/// Transitions (event ⇒ status):
/// <code>
/// (none) ─OrderPlaced─► AwaitingPayment ─PaymentAuthorized─► AwaitingInventory ─InventoryReserved─► AwaitingShipment
/// AwaitingPayment ─PaymentDeclined─► (failure noted) ─OrderRejected─► Rejected
/// AwaitingPayment ─StepTimedOut─► Compensating[refund] (failure noted) ─PaymentRefunded─► ─OrderRejected─► Rejected
/// AwaitingInventory ─InventoryUnavailable─► Compensating[refund]
/// AwaitingInventory ─StepTimedOut─► Compensating[release, refund]
/// AwaitingShipment ─ShipmentFailed─► Compensating[release, refund]
/// AwaitingShipment ─StepTimedOut─► Compensating[cancel shipment, release, refund]
/// AwaitingShipment ─ShipmentScheduled─► (shipped) ─OrderCompleted─► Completed
/// Awaiting* ─CancellationRequested─► Compensating[whatever may have been done, newest first]
/// Compensating ─Refunded | Released | ShipmentCancelled─► Compensating[rest] ─OrderCancelled─► Cancelled
/// Compensating ─CompensationStalled─► AttentionRequired ─OrderRetryRequested─► Compensating
/// Awaiting* (not shipped) ─CompensationForced─► Compensating[whatever may have been done, newest first]
/// AttentionRequired ─CompensationForced─► Compensating[the stalled rest]
/// any running step ─StepAttemptFailed─► the same step, next attempt (status unchanged)
/// </code>
/// </remarks>
public sealed record OrderState
{
    /// <summary>The state before any event: the order does not exist.</summary>
    public static readonly OrderState Empty = new();

    public string OrderId { get; init; } = "";
    public OrderStatus Status { get; init; } = OrderStatus.Placed;
    public bool Exists { get; init; }
    public string CustomerId { get; init; } = "";
    public string Currency { get; init; } = "";
    public ImmutableList<OrderLine> Lines { get; init; } = [];
    public ShippingAddress ShippingAddress { get; init; } = new("", "", "", "");
    public decimal Total { get; init; }
    public string Fingerprint { get; init; } = "";
    public string? PaymentReference { get; init; }
    public string? ReservationReference { get; init; }
    public string? TrackingReference { get; init; }
    /// <summary>Why a forward step failed while awaiting payment (declined / no answer): the order is to be rejected.</summary>
    public string? PaymentFailure { get; init; }
    /// <summary>Compensations still to run, in the order they must run.</summary>
    public ImmutableList<ParticipantAction> PendingCompensations { get; init; } = [];
    /// <summary>Why the order failed, was cancelled, or needs attention.</summary>
    public string? Reason { get; init; }
    public DateTimeOffset PlacedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The attempt of the current step that is running or due: 1 when a step starts, + 1 per <see cref="StepAttemptFailed"/>.</summary>
    public int StepAttempt { get; init; } = 1;

    /// <summary>
    /// When that attempt started (the time of the event that made the step current) or is due
    /// (the retry time of the last failed attempt). Its timeout counts from here, also across a restart.
    /// </summary>
    public DateTimeOffset StepAttemptAt { get; init; }

    /// <summary>Why the previous attempt of the current step failed; null on a step's first attempt.</summary>
    public string? StepLastFailure { get; init; }

    /// <summary>
    /// The W3C trace context the placement brought (from <see cref="OrderPlaced"/>): every later span of the
    /// order (steps, cancel, retry, forced compensation) belongs to that trace. Kept in the state so that an
    /// order recovered from a snapshot, without replaying its OrderPlaced, still continues its trace.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>True once the order can no longer change.</summary>
    public bool IsTerminal => Exists && Status is OrderStatus.Completed or OrderStatus.Rejected or OrderStatus.Cancelled;

    /// <summary>Folds one event into the state.</summary>
    public OrderState Apply(IOrderEvent evt) => evt is StepAttemptFailed failed ? OnAttemptFailed(failed) : Step(evt) with
    {
        UpdatedAt = evt.At,
        // Every other event ends the current step or moves the saga on: what runs next starts at attempt 1, now.
        StepAttempt = 1,
        StepAttemptAt = evt.At,
        StepLastFailure = null,
    };

    private OrderState Step(IOrderEvent evt) => evt switch
    {
        OrderPlaced e => On(e),
        PaymentAuthorized e => Require(OrderStatus.AwaitingPayment, e) with { Status = OrderStatus.AwaitingInventory, PaymentReference = e.PaymentReference },
        PaymentDeclined e => Require(OrderStatus.AwaitingPayment, e) with { PaymentFailure = e.Reason },
        InventoryReserved e => Require(OrderStatus.AwaitingInventory, e) with { Status = OrderStatus.AwaitingShipment, ReservationReference = e.ReservationReference },
        InventoryUnavailable e => Require(OrderStatus.AwaitingInventory, e).Compensate(e.Reason, ParticipantAction.RefundPayment),
        ShipmentScheduled e => Require(OrderStatus.AwaitingShipment, e) with { TrackingReference = e.TrackingReference },
        ShipmentFailed e => Require(OrderStatus.AwaitingShipment, e).Compensate(e.Reason, ParticipantAction.ReleaseInventory, ParticipantAction.RefundPayment),
        StepTimedOut e => OnTimedOut(e),
        CancellationRequested e => OnCancellation(e),
        PaymentRefunded e => Compensated(ParticipantAction.RefundPayment, e),
        InventoryReleased e => Compensated(ParticipantAction.ReleaseInventory, e),
        ShipmentCancelled e => Compensated(ParticipantAction.CancelShipment, e),
        CompensationStalled e => Require(OrderStatus.Compensating, e) with { Status = OrderStatus.AttentionRequired, Reason = $"{e.Action} failed {e.Attempts} times: {e.Reason}" },
        OrderRetryRequested e => Require(OrderStatus.AttentionRequired, e) with { Status = OrderStatus.Compensating },
        CompensationForced e => OnForcedCompensation(e),
        OrderCompleted e => RequireShipped(e) with { Status = OrderStatus.Completed },
        OrderCancelled e => RequireCompensated(e) with { Status = OrderStatus.Cancelled },
        OrderRejected e => RequirePaymentFailure(e) with { Status = OrderStatus.Rejected, Reason = e.Reason },
        _ => throw new InvalidOperationException($"Order {OrderId}: unknown event type {evt.GetType().Name}."),
    };

    /// <summary>Folds events in order.</summary>
    public OrderState ApplyAll(IEnumerable<IOrderEvent> events) => events.Aggregate(this, (s, e) => s.Apply(e));

    private OrderState On(OrderPlaced e)
    {
        if (Exists) throw Illegal(e);
        return this with
        {
            OrderId = e.OrderId,
            Exists = true,
            Status = OrderStatus.AwaitingPayment,
            CustomerId = e.CustomerId,
            Currency = e.Currency,
            Lines = e.Lines.Select(l => new OrderLine(l.Sku, l.Quantity, l.UnitPrice)).ToImmutableList(),
            ShippingAddress = new ShippingAddress(e.ShipLine1, e.ShipCity, e.ShipPostalCode, e.ShipCountry),
            Total = e.Total,
            Fingerprint = e.Fingerprint,
            TraceParent = e.TraceParent,
            PlacedAt = e.At,
        };
    }

    private OrderState OnAttemptFailed(StepAttemptFailed e)
    {
        if (!Exists || IsTerminal || Status == OrderStatus.AttentionRequired || e.Attempt != StepAttempt)
            throw new InvalidOperationException($"Order {OrderId}: attempt {e.Attempt} of {e.Action} failed, but the current attempt is {StepAttempt} in status {Status}.");
        return this with { UpdatedAt = e.At, StepAttempt = e.Attempt + 1, StepAttemptAt = e.RetryAt, StepLastFailure = e.Reason };
    }

    private OrderState OnTimedOut(StepTimedOut e)
    {
        var reason = $"{e.Action} got no answer after {e.Attempts} attempts: {e.Reason}";
        return e.Action switch
        {
            // No answer is not a "no": the charge may have been made and its reply lost. The order is
            // rejected only once the payment is refunded (a no-op at the service when nothing was charged).
            ParticipantAction.AuthorizePayment => Require(OrderStatus.AwaitingPayment, e).Compensate(reason, ParticipantAction.RefundPayment) with { PaymentFailure = reason },
            ParticipantAction.ReserveInventory => Require(OrderStatus.AwaitingInventory, e)
                .Compensate(reason, ParticipantAction.ReleaseInventory, ParticipantAction.RefundPayment),
            ParticipantAction.ScheduleShipment => Require(OrderStatus.AwaitingShipment, e)
                .Compensate(reason, ParticipantAction.CancelShipment, ParticipantAction.ReleaseInventory, ParticipantAction.RefundPayment),
            _ => throw Illegal(e),
        };
    }

    private OrderState OnCancellation(CancellationRequested e) =>
        UndoBeforeShipment() is { } undo ? Compensate(e.Reason, undo) : throw Illegal(e);

    // In AttentionRequired the compensation already runs and stalled: what is left of it runs again.
    private OrderState OnForcedCompensation(CompensationForced e) =>
        Exists && Status == OrderStatus.AttentionRequired ? this with { Status = OrderStatus.Compensating, Reason = e.Reason }
        : UndoBeforeShipment() is { } undo ? Compensate(e.Reason, undo)
        : throw Illegal(e);

    // What undoes a saga that runs forward and has not shipped, newest first; null in any other state.
    // A step that was in flight may have taken effect, so its undo is included: every undo is
    // idempotent at the participant and succeeds as a no-op when there is nothing to undo.
    private ParticipantAction[]? UndoBeforeShipment() => Exists ? Status switch
    {
        OrderStatus.AwaitingPayment when PaymentFailure is null => [ParticipantAction.RefundPayment],
        OrderStatus.AwaitingInventory => [ParticipantAction.ReleaseInventory, ParticipantAction.RefundPayment],
        OrderStatus.AwaitingShipment when TrackingReference is null =>
            [ParticipantAction.CancelShipment, ParticipantAction.ReleaseInventory, ParticipantAction.RefundPayment],
        _ => null,
    } : null;

    private OrderState Compensate(string reason, params ParticipantAction[] actions) =>
        this with { Status = OrderStatus.Compensating, Reason = reason, PendingCompensations = [.. actions] };

    private OrderState Compensated(ParticipantAction action, IOrderEvent e)
    {
        var state = Require(OrderStatus.Compensating, e);
        if (state.PendingCompensations.IsEmpty || state.PendingCompensations[0] != action) throw Illegal(e);
        return state with { PendingCompensations = state.PendingCompensations.RemoveAt(0) };
    }

    private OrderState Require(OrderStatus status, IOrderEvent e) =>
        Exists && Status == status && (status != OrderStatus.AwaitingPayment || PaymentFailure is null) ? this : throw Illegal(e);

    private OrderState RequireShipped(IOrderEvent e) =>
        Exists && Status == OrderStatus.AwaitingShipment && TrackingReference is not null ? this : throw Illegal(e);

    private OrderState RequireCompensated(IOrderEvent e) =>
        Exists && Status == OrderStatus.Compensating && PendingCompensations.IsEmpty && PaymentFailure is null ? this : throw Illegal(e);

    // Rejected after a decline (nothing to undo) or after the refund of a payment that timed out. Journals
    // written before that refund existed hold OrderRejected right after the timeout, with the refund pending.
    private OrderState RequirePaymentFailure(IOrderEvent e) =>
        Exists && PaymentFailure is not null && Status is OrderStatus.AwaitingPayment or OrderStatus.Compensating ? this : throw Illegal(e);

    private InvalidOperationException Illegal(IOrderEvent e) =>
        new($"Order {OrderId}: event {e.GetType().Name} is illegal in status {Status}" +
            (PaymentFailure is null ? "." : " after a payment failure."));
}
