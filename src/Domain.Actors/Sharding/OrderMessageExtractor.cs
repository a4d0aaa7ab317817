using Akka.Cluster.Sharding;
using ActorOrders.Domain.Messages;

namespace ActorOrders.Domain.Sharding;

/// <summary>Routes <see cref="IWithOrderId"/> messages to their order's entity; shared by nodes and the gateway's proxy.</summary>
public sealed class OrderMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    /// <summary>The sharding type name of orders.</summary>
    public const string TypeName = "order";

    public override string? EntityId(object message) => message switch
    {
        IWithOrderId m => m.OrderId,
        _ => null,
    };
}
