namespace ActorOrders.Contracts;

/// <summary>
/// Place an order. Placing the same id again with the same content is a no-op that returns the order.
/// <see cref="TraceParent"/> is the W3C trace context of whoever placed it (manifest "PlaceOrder.v2"; v1 had none):
/// not part of the order's content, so a repeat with another trace is still the same order.
/// </summary>
public sealed record PlaceOrder(
    string OrderId,
    string CustomerId,
    string Currency,
    IReadOnlyList<OrderLine> Lines,
    ShippingAddress ShippingAddress,
    // Not written when absent: the command's JSON (also the data of an orders.commands record) stays as it was.
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null)
    : IOrderContract, IWithOrderId;

/// <summary>Cancel an order before it ships; what was done is compensated.</summary>
public sealed record CancelOrder(string OrderId, string Reason) : IOrderContract, IWithOrderId;

/// <summary>Re-drive the compensation of an order that is in AttentionRequired.</summary>
public sealed record RetryOrder(string OrderId) : IOrderContract, IWithOrderId;

/// <summary>Ask for the current view of an order. Answered with <see cref="OrderView"/> or <see cref="OrderNotFound"/>.</summary>
public sealed record GetOrder(string OrderId) : IOrderContract, IWithOrderId;
