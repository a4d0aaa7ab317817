using Akka.Actor;
using ActorOrders.Domain;
using ActorOrders.Domain.Events;
using ActorOrders.Projections;

namespace ActorOrders.ReadSide;

/// <summary>
/// How order events are spread over projection slices: by order id, into
/// <c>actororders.projections.orders.slice-count</c> slices tagged <c>orders-slice-{n}</c>.
/// The slice count is fixed forever once events are tagged, like the shard count.
/// </summary>
public static class OrderSlices
{
    /// <summary>Where the tagger reads its settings in the actor system's config.</summary>
    public const string ConfigPath = "actororders.projections.orders";

    /// <summary>The prefix of the slice tags.</summary>
    public const string TagPrefix = "orders-slice";

    /// <summary>The order id of an order's persistence id; null for every other persistent actor (sharding's own state).</summary>
    public static string? OrderIdOf(string persistenceId) =>
        persistenceId.StartsWith(OrderActor.PersistenceIdPrefix, StringComparison.Ordinal)
            ? persistenceId[OrderActor.PersistenceIdPrefix.Length..]
            : null;

    /// <summary>HOCON for the journal: the slice settings and the tagger bound to every order event.</summary>
    public static string Hocon(int sliceCount) => $$"""
        {{ConfigPath}} {
          slice-count = {{sliceCount}}
          tag-prefix = "{{TagPrefix}}"
        }
        {{SliceTagger.BindingHocon<OrderSliceTagger, IOrderEvent>("order-slices")}}
        """;
}

/// <summary>Tags each order event with its order's slice (an Akka.Persistence write event adapter).</summary>
public sealed class OrderSliceTagger(ExtendedActorSystem system) : SliceTagger(system, OrderSlices.ConfigPath)
{
    /// <inheritdoc />
    protected override string? KeyOf(object evt) => (evt as IOrderEvent)?.OrderId;
}
