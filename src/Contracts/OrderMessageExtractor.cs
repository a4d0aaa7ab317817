using Akka.Cluster.Sharding;

namespace ActorOrders.Contracts;

/// <summary>
/// Routes <see cref="IWithOrderId"/> messages to their order's entity: the same on every node and
/// on the gateway's shard region proxy, so a message reaches the one incarnation of its order.
/// The shard of an id is Akka's <see cref="HashCodeMessageExtractor"/> hash of it modulo the shard
/// count; changing either on a live cluster would split orders between two entities.
/// </summary>
public sealed class OrderMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    /// <summary>The sharding type name of orders.</summary>
    public const string TypeName = "order";

    /// <inheritdoc />
    public override string? EntityId(object message) => message switch
    {
        IWithOrderId m => m.OrderId,
        _ => null,
    };
}
