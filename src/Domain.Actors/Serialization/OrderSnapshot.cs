using System.Collections.Immutable;
using ActorOrders.Contracts;
using ActorOrders.Domain.State;

namespace ActorOrders.Domain.Serialization;

/// <summary>
/// The stored shape of an <see cref="OrderState"/> snapshot (manifest "OrderState.v3"; v1, which had no step budget,
/// and v2, which had no trace context, are upcast by <see cref="OrderManifests"/>). It is
/// separate from the state record so that refactoring the state (computed members, renamed
/// internals) never changes what is on disk by accident: the mapping below is the contract.
/// </summary>
internal sealed record OrderSnapshot(
    string OrderId,
    OrderStatus Status,
    bool Exists,
    string CustomerId,
    string Currency,
    IReadOnlyList<OrderSnapshot.Line> Lines,
    OrderSnapshot.Address ShippingAddress,
    decimal Total,
    string Fingerprint,
    string? PaymentReference,
    string? ReservationReference,
    string? TrackingReference,
    string? PaymentFailure,
    IReadOnlyList<ParticipantAction> PendingCompensations,
    string? Reason,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt,
    int StepAttempt,
    DateTimeOffset StepAttemptAt,
    string? StepLastFailure,
    string? TraceParent)
{
    internal sealed record Line(string Sku, int Quantity, decimal UnitPrice);

    internal sealed record Address(string Line1, string City, string PostalCode, string Country);

    internal static OrderSnapshot From(OrderState s) => new(
        s.OrderId,
        s.Status,
        s.Exists,
        s.CustomerId,
        s.Currency,
        [.. s.Lines.Select(l => new Line(l.Sku, l.Quantity, l.UnitPrice))],
        new Address(s.ShippingAddress.Line1, s.ShippingAddress.City, s.ShippingAddress.PostalCode, s.ShippingAddress.Country),
        s.Total,
        s.Fingerprint,
        s.PaymentReference,
        s.ReservationReference,
        s.TrackingReference,
        s.PaymentFailure,
        [.. s.PendingCompensations],
        s.Reason,
        s.PlacedAt,
        s.UpdatedAt,
        s.StepAttempt,
        s.StepAttemptAt,
        s.StepLastFailure,
        s.TraceParent);

    internal OrderState ToState() => new()
    {
        OrderId = OrderId,
        Status = Status,
        Exists = Exists,
        CustomerId = CustomerId,
        Currency = Currency,
        Lines = Lines.Select(l => new OrderLine(l.Sku, l.Quantity, l.UnitPrice)).ToImmutableList(),
        ShippingAddress = new ShippingAddress(ShippingAddress.Line1, ShippingAddress.City, ShippingAddress.PostalCode, ShippingAddress.Country),
        Total = Total,
        Fingerprint = Fingerprint,
        PaymentReference = PaymentReference,
        ReservationReference = ReservationReference,
        TrackingReference = TrackingReference,
        PaymentFailure = PaymentFailure,
        PendingCompensations = [.. PendingCompensations],
        Reason = Reason,
        PlacedAt = PlacedAt,
        UpdatedAt = UpdatedAt,
        StepAttempt = StepAttempt,
        StepAttemptAt = StepAttemptAt,
        StepLastFailure = StepLastFailure,
        TraceParent = TraceParent,
    };
}
