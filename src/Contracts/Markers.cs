namespace ActorOrders.Contracts;

/// <summary>
/// Marker of the messages the outside exchanges with the order entities (commands, replies,
/// views). <see cref="Serialization.ContractsSerialization"/> binds <see cref="Serialization.ContractsJsonSerializer"/>
/// to it, so none of them falls back to Akka's default, type-name driven serializer.
/// </summary>
public interface IOrderContract;

/// <summary>A message routed to one order's entity by its id (routing only; says nothing about serialization).</summary>
public interface IWithOrderId
{
    /// <summary>The order id, which is also the sharded entity id.</summary>
    string OrderId { get; }
}
