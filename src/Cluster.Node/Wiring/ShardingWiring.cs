using ActorOrders.Contracts;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using ActorOrders.Domain;
using ActorOrders.Node.Settings;

namespace ActorOrders.Node.Wiring;

/// <summary>Registry key of the order shard region.</summary>
public sealed class OrderRegion;

/// <summary>Sharding of <see cref="OrderActor"/>.</summary>
public static class ShardingWiring
{
    /// <summary>
    /// Remember-entities with the event-sourced store keeps the set of running orders in the same
    /// journal as the orders (no LightningDB for the ddata store): after a crash or a rebalance the
    /// shards restart every in-flight order, which resumes its saga without waiting for a message.
    /// A finished order passivates itself and is forgotten.
    /// </summary>
    public static AkkaConfigurationBuilder AddOrderSharding(this AkkaConfigurationBuilder akka, NodeSettings settings, IServiceProvider services)
    {
        var saga = settings.Saga.ToSagaSettings();
        var clock = services.GetRequiredService<TimeProvider>();
        var participants = services.GetRequiredService<IParticipantsProvider>();

        return akka.WithShardRegion<OrderRegion>(
            OrderMessageExtractor.TypeName,
            (system, registry) =>
            {
                var running = participants.Start(system);
                registry.Register<ParticipantsLedger>(running.Ledger);
                return entityId => OrderActor.Props(entityId, running.Refs, saga, clock);
            },
            new OrderMessageExtractor(settings.Sharding.NumberOfShards),
            new ShardOptions
            {
                Role = ClusterWiring.NodeRole,
                RememberEntities = settings.Sharding.RememberEntities,
                RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
                StateStoreMode = StateStoreMode.Persistence,
                JournalPluginId = PersistenceWiring.JournalId,
                SnapshotPluginId = PersistenceWiring.SnapshotStoreId,
            });
    }
}
