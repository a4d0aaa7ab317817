using System.Data.Common;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;
using ActorOrders.Http;
using ActorOrders.Node.Settings;
using ActorOrders.Projections;
using ActorOrders.ReadSide;
using ActorOrders.ReadSide.ReadModel;
using ActorOrders.ReadSide.Resumption;

namespace ActorOrders.Node.Wiring;

/// <summary>Registry key of the order read model's projection daemon.</summary>
public sealed class OrderReadModelProjection;

/// <summary>Registry key of the resumer singleton's manager.</summary>
public sealed class OrderResumerSingleton;

/// <summary>
/// The read side: the projection database (the journal's), the monitor that every projection
/// reports to, the order read model's schema, its listing, and its projection workers.
/// </summary>
public static class ReadSideWiring
{
    /// <summary>Services of the read side; register before AddAkka, so the schema exists before the workers start.</summary>
    public static IServiceCollection AddOrderReadSide(this IServiceCollection services, NodeSettings settings)
    {
        services.AddSingleton(_ => new ProjectionMonitor());
        if (!settings.ReadSideEnabled())
        {
            var why = settings.Persistence.Provider == PersistenceProvider.InMemory
                ? "The read model needs a SQL journal (ActorOrders:Persistence:Provider is InMemory)."
                : "The read side is off (ActorOrders:Projections:Enabled = false).";
            return services.AddSingleton<IOrderListing>(new UnavailableListing(why));
        }

        var p = settings.Persistence;
        services.AddSingleton(new ProjectionDatabase(
            p.Provider == PersistenceProvider.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql,
            p.ConnectionString,
            p.SqliteBusyTimeout,
            // The read model is derived: a commit lost to a power cut is replayed from the stored offset
            // (rows and offset commit together), so its commits need not wait for fsync; the journal's next
            // commit syncs the shared WAL anyway. This keeps the projections off the journal writer's lock.
            Projections.SqliteSynchronous.Normal));
        services.AddSingleton<OrderReadModel>();
        services.AddSingleton<IOrderListing, ReadModelListing>();
        services.AddSingleton<IFinishedOrderViews, ReadModelFinishedViews>();
        services.AddHostedService<ReadModelSchema>();
        return services;
    }

    /// <summary>The order read model's workers (one per slice, spread over the nodes by ShardedDaemonProcess).</summary>
    public static AkkaConfigurationBuilder AddOrderProjections(this AkkaConfigurationBuilder akka, NodeSettings settings, IServiceProvider services)
    {
        if (!settings.ProjectionWorkersRun()) return akka;
        var database = services.GetRequiredService<ProjectionDatabase>();
        var definition = new ProjectionDefinition(
            OrderReadModel.ProjectionName,
            OrderSlices.TagPrefix,
            settings.Projections.Slices,
            new OrderReadModelHandler(database.Dialect),
            OrderSlices.OrderIdOf)
        {
            BatchSize = settings.Projections.BatchSize,
            BatchDelay = settings.Projections.BatchDelay,
            ReadJournalPluginId = PersistenceWiring.ReadJournalId,
        };
        return akka.WithProjection<OrderReadModelProjection>(definition, database, services.GetRequiredService<ProjectionMonitor>(), ClusterWiring.NodeRole, settings.Projections.KeepAliveInterval);
    }

    /// <summary>
    /// The resumer: a cluster singleton on role node that wakes the orders the read model shows in
    /// flight, so sagas go on after their node stopped or died (sharding does not remember entities).
    /// </summary>
    public static AkkaConfigurationBuilder AddOrderResumer(this AkkaConfigurationBuilder akka, NodeSettings settings, IServiceProvider services)
    {
        if (!settings.ProjectionWorkersRun()) return akka;
        var readModel = services.GetRequiredService<OrderReadModel>();
        var consumers = services.GetService<KafkaConsumers>();
        var resumer = new ResumerSettings(settings.Saga.ResumeInterval, Parallelism: 64, AskTimeout: settings.Http.AskTimeout,
            Ready: consumers is null ? null : () => consumers.AllJoined);
        return akka.WithSingleton<OrderResumerSingleton>(
            "order-resumer",
            (_, registry, _) => OrderResumer.Props(readModel, registry.Get<OrderRegion>(), resumer),
            new ClusterSingletonOptions { Role = ClusterWiring.NodeRole },
            createProxyToo: false);
    }

    // Creates the read model's table before anything reads or writes it (idempotent, safe on several nodes at once).
    private sealed class ReadModelSchema(OrderReadModel readModel, NodeSettings settings) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (settings.Persistence.Provider == PersistenceProvider.Sqlite) SqliteStore.Prepare(settings.Persistence.ConnectionString);
            await readModel.EnsureSchemaAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class ReadModelListing(OrderReadModel readModel) : IOrderListing
    {
        public async Task<OrderListPage> ListAsync(OrderListQuery query, CancellationToken ct)
        {
            try
            {
                return await readModel.ListAsync(query, ct);
            }
            catch (DbException ex)
            {
                throw new OrderServiceUnavailableException($"The read model did not answer: {ex.Message}", TimeSpan.FromSeconds(1), ex);
            }
        }
    }

    // A finished order not in memory: its row's state, then kept in memory for the next GETs.
    private sealed class ReadModelFinishedViews(OrderReadModel readModel, LocalOrderViews views) : IFinishedOrderViews
    {
        public async ValueTask<OrderView?> FindAsync(string orderId, CancellationToken ct)
        {
            try
            {
                var view = await readModel.FinalViewAsync(orderId, ct);
                if (view is not null) views.Remember(view);
                return view;
            }
            catch (DbException)
            {
                return null; // the order itself can still answer
            }
        }
    }

    private sealed class UnavailableListing(string why) : IOrderListing
    {
        public Task<OrderListPage> ListAsync(OrderListQuery query, CancellationToken ct) =>
            throw new OrderServiceUnavailableException(why, TimeSpan.FromSeconds(60));
    }
}
