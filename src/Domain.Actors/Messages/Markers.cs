namespace ActorOrders.Domain.Messages;

/// <summary>
/// Marker for every type that may be persisted or cross the cluster. The node binds
/// <c>OrdersJsonSerializer</c> to it, so nothing of ours falls back to Akka's default
/// (type-name driven) serializer.
/// </summary>
public interface IOrderSerializable;

/// <summary>A message routed to one order's entity by its id.</summary>
public interface IWithOrderId : IOrderSerializable
{
    /// <summary>The order id, which is also the sharded entity id.</summary>
    string OrderId { get; }
}
