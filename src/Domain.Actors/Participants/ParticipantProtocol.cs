using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;

namespace ActorOrders.Domain.Participants;

/// <summary>What a participant needs to know of the order to act on it.</summary>
public sealed record OrderSummary(
    string CustomerId,
    string Currency,
    decimal Amount,
    IReadOnlyList<OrderLine> Lines,
    ShippingAddress ShippingAddress);

/// <summary>
/// A request to a participant (the port of the saga). The participant answers the sender
/// with a <see cref="ParticipantReply"/> carrying the same <see cref="RequestId"/>; it must
/// treat requests with an <see cref="IdempotencyKey"/> it has seen as repeats of the first.
/// <see cref="TraceParent"/> is the W3C trace context of the step's span (optional, so "ParticipantRequest.v1"
/// readers that predate it skip it); a Kafka participant gets it as the <c>traceparent</c> header.
/// </summary>
public sealed record ParticipantRequest(
    string OrderId,
    ParticipantAction Action,
    string IdempotencyKey,
    string RequestId,
    int Attempt,
    OrderSummary Order,
    string? TraceParent = null) : IWithOrderId, IOrderSerializable;

/// <summary>How a participant answered.</summary>
public enum ParticipantOutcome
{
    /// <summary>Done (authorized, reserved, scheduled, refunded, released, cancelled).</summary>
    Succeeded,
    /// <summary>A business refusal: declined, out of stock, cannot ship. Not retried for forward steps.</summary>
    Refused,
    /// <summary>A transient failure: retried with backoff.</summary>
    TransientFailure,
}

/// <summary>A participant's answer to a <see cref="ParticipantRequest"/>.</summary>
/// <param name="Reference">The participant's own reference (payment id, reservation id, tracking number).</param>
public sealed record ParticipantReply(
    string OrderId,
    ParticipantAction Action,
    string RequestId,
    ParticipantOutcome Outcome,
    string? Reference,
    string? Reason) : IWithOrderId, IOrderSerializable;

/// <summary>Acknowledges a reply delivered to an order; <see cref="Applied"/> is false when it was not awaited.</summary>
public sealed record ParticipantReplyAck(string OrderId, string RequestId, bool Applied) : IWithOrderId, IOrderSerializable;
