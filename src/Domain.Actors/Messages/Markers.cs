namespace ActorOrders.Domain.Messages;

/// <summary>
/// Marker for every domain type that may be persisted or cross the cluster between nodes
/// (events, participant messages). The node binds <c>OrdersJsonSerializer</c> to it, so nothing
/// of ours falls back to Akka's default (type-name driven) serializer. The messages of the
/// outside world carry <c>ActorOrders.Contracts.IOrderContract</c> instead; no type carries both.
/// </summary>
public interface IOrderSerializable;
