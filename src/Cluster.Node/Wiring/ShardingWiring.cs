using ActorOrders.Contracts;
using ActorOrders.Http;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using ActorOrders.Domain;
using ActorOrders.Domain.Messages;
using ActorOrders.Node.Settings;

namespace ActorOrders.Node.Wiring;

/// <summary>Registry key of the order shard region.</summary>
public sealed class OrderRegion;

/// <summary>Sharding of <see cref="OrderActor"/>.</summary>
public static class ShardingWiring
{
    /// <summary>The views of the orders running on this node, which GET /orders/{id} reads from memory.</summary>
    public static IServiceCollection AddRunningOrderViews(this IServiceCollection services, HttpSettings settings)
    {
        var views = new LocalOrderViews(settings.FinishedOrdersInMemory);
        return services.AddSingleton(views).AddSingleton<IRunningOrderViews>(new RunningViews(views));
    }

    private sealed class RunningViews(LocalOrderViews views) : IRunningOrderViews
    {
        public OrderView? Find(string orderId) => views.Find(orderId);
    }

    /// <summary>
    /// Orders on role <c>node</c>. An entity starts on its first message and a finished order
    /// passivates itself; nothing about entities is stored by sharding (no remember-entities, the
    /// coordinator on ddata), so asking about an unknown id writes nothing. In-flight sagas whose
    /// node stopped are woken by the resumer (<see cref="ReadSideWiring.AddOrderResumer"/>).
    /// Remember-entities can be switched on (<c>Sharding:RememberEntities</c>), with its event-sourced
    /// store in the same journal, at the cost of a write per entity start and stop.
    /// </summary>
    public static AkkaConfigurationBuilder AddOrderSharding(this AkkaConfigurationBuilder akka, NodeSettings settings, IServiceProvider services)
    {
        var saga = settings.Saga.ToSagaSettings();
        var clock = services.GetRequiredService<TimeProvider>();
        var participants = services.GetRequiredService<IParticipantsProvider>();
        var views = services.GetRequiredService<LocalOrderViews>();

        return akka.WithShardRegion<OrderRegion>(
            OrderMessageExtractor.TypeName,
            (system, registry) =>
            {
                var running = participants.Start(system);
                registry.Register<ParticipantsLedger>(running.Ledger);
                return entityId => OrderActor.Props(entityId, running.Refs, saga, clock, views);
            },
            new OrderMessageExtractor(settings.Sharding.NumberOfShards),
            new ShardOptions
            {
                Role = ClusterWiring.NodeRole,
                RememberEntities = settings.Sharding.RememberEntities,
                RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
                // Without remember-entities the coordinator's shard allocations need not be durable:
                // ddata keeps them in memory on the nodes and writes nothing to the journal.
                StateStoreMode = settings.Sharding.RememberEntities ? StateStoreMode.Persistence : StateStoreMode.DData,
                JournalPluginId = PersistenceWiring.JournalId,
                SnapshotPluginId = PersistenceWiring.SnapshotStoreId,
            });
    }
}
