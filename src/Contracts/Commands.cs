namespace ActorOrders.Contracts;

/// <summary>Place an order. Placing the same id again with the same content is a no-op that returns the order.</summary>
public sealed record PlaceOrder(
    string OrderId,
    string CustomerId,
    string Currency,
    IReadOnlyList<OrderLine> Lines,
    ShippingAddress ShippingAddress) : IOrderContract, IWithOrderId;

/// <summary>Cancel an order before it ships; what was done is compensated.</summary>
public sealed record CancelOrder(string OrderId, string Reason) : IOrderContract, IWithOrderId;

/// <summary>Re-drive the compensation of an order that is in AttentionRequired.</summary>
public sealed record RetryOrder(string OrderId) : IOrderContract, IWithOrderId;

/// <summary>Ask for the current view of an order. Answered with <see cref="OrderView"/> or <see cref="OrderNotFound"/>.</summary>
public sealed record GetOrder(string OrderId) : IOrderContract, IWithOrderId;
