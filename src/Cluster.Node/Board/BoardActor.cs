using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;
using ActorOrders.Orders.Kafka.Monitoring;
using ActorOrders.Projections;

namespace ActorOrders.Node.Board;

/// <summary>Registry key of this node's <see cref="BoardActor"/>.</summary>
public sealed class OrderBoardService;

/// <summary>
/// Answers <see cref="GetBoardSnapshot"/> with this node's figures: the order meter's counts (through
/// <see cref="BoardRecorder"/>), the running orders it holds by status, its Kafka consumers' last lag sample
/// and the projection slices its monitor knows. Everything is in memory: the answer is immediate.
/// </summary>
public sealed class BoardActor : ReceiveActor
{
    public BoardActor(BoardRecorder recorder, LocalOrderViews views, ProjectionMonitor projections, KafkaMetrics? kafka, TimeProvider clock)
    {
        var cluster = Cluster.Get(Context.System);
        Receive<GetBoardSnapshot>(q => Sender.Tell(Snapshot(q, cluster, recorder, views, projections, kafka, clock)));
    }

    public static Props Props(BoardRecorder recorder, LocalOrderViews views, ProjectionMonitor projections, KafkaMetrics? kafka, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new BoardActor(recorder, views, projections, kafka, clock));

    internal static BoardNodeSnapshot Snapshot(
        GetBoardSnapshot query, Cluster cluster, BoardRecorder recorder, LocalOrderViews views, ProjectionMonitor projections, KafkaMetrics? kafka, TimeProvider clock)
    {
        var (placed, finished, start, series, steps) = recorder.Read(query.SeriesSeconds);
        return new BoardNodeSnapshot(
            cluster.SelfAddress.ToString(),
            BoardRecorder.ProcessId,
            [.. cluster.SelfRoles.Order(StringComparer.Ordinal)],
            clock.GetUtcNow(),
            recorder.StartedAt,
            placed,
            finished,
            [.. views.RunningByStatus().OrderBy(s => s.Key).Select(s => new BoardCount(s.Key.ToString(), s.Value))],
            start,
            series,
            steps,
            [.. (kafka?.Lag ?? []).Select(l => new BoardConsumerLag(l.Consumer, l.Group, l.Topic, l.Partition, l.Lag))],
            [.. projections.Snapshot().Select(s => new BoardSliceLag(s.Projection, s.Slice, s.Running, s.LagEvents ?? 0, s.LagSeconds ?? 0, s.LastError))]);
    }
}

/// <summary>The board actor every node runs (<see cref="OrderBoard.Path"/>).</summary>
public static class BoardWiring
{
    /// <summary>Starts the board actor at <c>/user/order-board</c>; whoever serves <c>/board</c> asks every node's.</summary>
    public static AkkaConfigurationBuilder AddOrderBoardActor(this AkkaConfigurationBuilder akka, IServiceProvider services) =>
        akka.WithActors((system, registry) =>
        {
            var actor = system.ActorOf(
                BoardActor.Props(
                    BoardRecorder.Shared,
                    services.GetRequiredService<LocalOrderViews>(),
                    services.GetRequiredService<ProjectionMonitor>(),
                    services.GetService<KafkaMetrics>(),
                    services.GetRequiredService<TimeProvider>()),
                OrderBoard.Path["/user/".Length..]);
            registry.Register<OrderBoardService>(actor);
        });
}
