using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;

namespace ActorOrders.Domain.Events;

// Events are past-tense facts, stored forever. Never rename one or change a field's meaning:
// add a new version (manifest "Name.v2") and upcast the old one in the serializer.

/// <summary>Base of every persisted order event.</summary>
public interface IOrderEvent : IWithOrderId, IOrderSerializable
{
    /// <summary>When the order actor decided this fact.</summary>
    DateTimeOffset At { get; }
}

/// <summary>An order line as stored in events.</summary>
public sealed record OrderLineData(string Sku, int Quantity, decimal UnitPrice);

/// <summary>
/// The order was accepted. <see cref="Fingerprint"/> identifies its content, to tell a repeat from a conflict.
/// <see cref="TraceParent"/> (manifest "OrderPlaced.v2"; v1 had none) is the W3C trace context of the placement:
/// the order's steps and its published events continue that trace, also after a restart.
/// </summary>
public sealed record OrderPlaced(
    string OrderId,
    string CustomerId,
    string Currency,
    IReadOnlyList<OrderLineData> Lines,
    string ShipLine1,
    string ShipCity,
    string ShipPostalCode,
    string ShipCountry,
    decimal Total,
    string Fingerprint,
    DateTimeOffset At,
    string? TraceParent = null) : IOrderEvent;

public sealed record PaymentAuthorized(string OrderId, string PaymentReference, decimal Amount, DateTimeOffset At) : IOrderEvent;

public sealed record PaymentDeclined(string OrderId, string Reason, DateTimeOffset At) : IOrderEvent;

public sealed record InventoryReserved(string OrderId, string ReservationReference, DateTimeOffset At) : IOrderEvent;

public sealed record InventoryUnavailable(string OrderId, string Reason, DateTimeOffset At) : IOrderEvent;

public sealed record ShipmentScheduled(string OrderId, string TrackingReference, DateTimeOffset At) : IOrderEvent;

public sealed record ShipmentFailed(string OrderId, string Reason, DateTimeOffset At) : IOrderEvent;

/// <summary>
/// One attempt of the current step failed (no answer within its timeout, a transient failure, a
/// refused undo) and attempt <see cref="Attempt"/> + 1 is due at <see cref="RetryAt"/>. Only
/// failed attempts are stored — never a successful first one — so that a node that restarts
/// continues the step's budget (attempt number and deadline) instead of starting it again.
/// </summary>
public sealed record StepAttemptFailed(string OrderId, ParticipantAction Action, int Attempt, string Reason, DateTimeOffset RetryAt, DateTimeOffset At) : IOrderEvent;

/// <summary>A forward step got no usable answer within its attempts; its effect is unknown.</summary>
public sealed record StepTimedOut(string OrderId, ParticipantAction Action, int Attempts, string Reason, DateTimeOffset At) : IOrderEvent;

/// <summary>Someone asked to cancel the order before it shipped.</summary>
public sealed record CancellationRequested(string OrderId, string Reason, DateTimeOffset At) : IOrderEvent;

public sealed record PaymentRefunded(string OrderId, string? RefundReference, DateTimeOffset At) : IOrderEvent;

public sealed record InventoryReleased(string OrderId, DateTimeOffset At) : IOrderEvent;

public sealed record ShipmentCancelled(string OrderId, DateTimeOffset At) : IOrderEvent;

/// <summary>A compensation kept failing past its bound: a person must look (or RetryOrder).</summary>
public sealed record CompensationStalled(string OrderId, ParticipantAction Action, int Attempts, string Reason, DateTimeOffset At) : IOrderEvent;

/// <summary>
/// A retry re-drives a stalled compensation (manifest "OrderRetryRequested.v2"; v1 had no <see cref="By"/>).
/// <see cref="By"/> is who asked as the admin API identified them (its token's identity, or the
/// console user it reported); null when the retry came through the order API, which identifies
/// no one, or was recorded before v2.
/// </summary>
public sealed record OrderRetryRequested(string OrderId, string? By, DateTimeOffset At) : IOrderEvent;

/// <summary>
/// An operator forced the compensation of an order that had not shipped (in flight or in
/// AttentionRequired): whatever may have been done is undone and the order ends Cancelled.
/// <see cref="By"/> is who, as the admin API identified them; <see cref="Reason"/> becomes the order's reason.
/// </summary>
public sealed record CompensationForced(string OrderId, string Reason, string By, DateTimeOffset At) : IOrderEvent;

public sealed record OrderCompleted(string OrderId, DateTimeOffset At) : IOrderEvent;

public sealed record OrderCancelled(string OrderId, string Reason, DateTimeOffset At) : IOrderEvent;

public sealed record OrderRejected(string OrderId, string Reason, DateTimeOffset At) : IOrderEvent;
