namespace ActorOrders.Contracts;

/// <summary>A command was accepted (or had already been, for a repeated PlaceOrder / CancelOrder).</summary>
/// <param name="Created">True only when this command created the order.</param>
public sealed record OrderAccepted(string OrderId, OrderStatus Status, bool Created) : IOrderContract;

/// <summary>Why a command was refused.</summary>
public enum RejectionCode
{
    /// <summary>The order does not exist.</summary>
    NotFound,
    /// <summary>The order id exists with different content.</summary>
    Conflict,
    /// <summary>The order is past the point where the command applies (e.g. cancel after shipment).</summary>
    TooLate,
    /// <summary>The command does not apply in the order's current status.</summary>
    InvalidState,
}

/// <summary>A command was refused; nothing was stored.</summary>
public sealed record OrderCommandRejected(string OrderId, RejectionCode Code, string Message) : IOrderContract;

/// <summary>No order has this id.</summary>
public sealed record OrderNotFound(string OrderId) : IOrderContract;

/// <summary>The current state of an order, as shown to people.</summary>
public sealed record OrderView(
    string OrderId,
    OrderStatus Status,
    string CustomerId,
    string Currency,
    decimal Total,
    IReadOnlyList<OrderLine> Lines,
    ShippingAddress ShippingAddress,
    string? PaymentReference,
    string? ReservationReference,
    string? TrackingReference,
    IReadOnlyList<ParticipantAction> PendingCompensations,
    string? Reason,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt,
    long Version) : IOrderContract;
