using ActorOrders.Contracts;

namespace ActorOrders.Domain.Messages;

/// <summary>
/// Published on the local event stream when an order reaches a terminal status (after the
/// terminal event is stored). Local only, never sent across the cluster: metrics and load
/// tools subscribe to it to count and time finished orders without polling.
/// </summary>
public sealed record OrderFinished(string OrderId, OrderStatus Status, DateTimeOffset PlacedAt, DateTimeOffset FinishedAt);
