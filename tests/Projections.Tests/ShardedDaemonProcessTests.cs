using ActorOrders.Projections.Tests.Support;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorOrders.Projections.Tests;

public class ShardedDaemonProcessTests
{
    private sealed class ToyProjection;

    [Fact]
    public async Task Runs_one_worker_per_slice_on_a_one_node_cluster_and_restarts_a_stopped_one()
    {
        await using var store = TestStore.Sqlite();
        await ToyStateHandler.CreateTableAsync(store.Database);
        var handler = new ToyStateHandler();
        var definition = Scenarios.Definition(handler) with { LagInterval = TimeSpan.FromMilliseconds(300) };
        using var monitor = new ProjectionMonitor();

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAkka("sdp", akka => akka
            .AddHocon(store.Config(), HoconAddMode.Prepend)
            .WithRemoting(new RemoteOptions { HostName = "127.0.0.1", Port = 0 })
            .WithClustering(new ClusterOptions { Roles = ["node"] })
            .WithActors((system, _) => Cluster.Get(system).Join(Cluster.Get(system).SelfAddress))
            .WithProjection<ToyProjection>(definition, store.Database, monitor, role: "node", keepAliveInterval: TimeSpan.FromMilliseconds(500)));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var keys = Keys.Make(16);
            var expected = new Expected();
            await Task.WhenAll(keys.Select(k => ToyWorld.PersistAsync(system.ActorOf(ToyEntity.Props(k)), 1, 2, 3)));
            expected.AddEach(keys, 3);

            await Eventually.Until(() => Task.FromResult(monitor.Snapshot().Count(s => s.Running) == TestStore.SliceCount), TimeSpan.FromSeconds(30), "a worker runs for every slice");
            await expected.WaitUntilAppliedAsync(store.Database);

            var inbox = Inbox.Create(system);
            ProjectionHosting.TellSlice(system, Scenarios.View, 1, GetSliceStatus.Instance, inbox.Receiver);
            var status = (SliceStatus)await inbox.ReceiveAsync(TimeSpan.FromSeconds(10));
            (status.Projection, status.Slice, status.Running).ShouldBe((Scenarios.View, 1, true));

            // Stop slice 2: ShardedDaemonProcess's keep-alive starts a new worker, which resumes from the stored offset.
            var worker = await WorkerAsync(system, 2);
            inbox.Watch(worker);
            ProjectionHosting.TellSlice(system, Scenarios.View, 2, StopSlice.Instance);
            (await inbox.ReceiveAsync(TimeSpan.FromSeconds(10))).ShouldBeOfType<Terminated>().ActorRef.ShouldBe(worker);
            await Eventually.Until(async () => !(await WorkerAsync(system, 2)).Equals(worker), TimeSpan.FromSeconds(15), "slice 2 restarted");

            var sliceTwo = keys.Where(k => Slices.Of(k, TestStore.SliceCount) == 2).ToArray();
            sliceTwo.ShouldNotBeEmpty();
            await Task.WhenAll(sliceTwo.Select(k => ToyWorld.PersistAsync(system.ActorOf(ToyEntity.Props(k)), 4)));
            foreach (var k in sliceTwo) expected.Add(k, [4]);
            await expected.WaitUntilAppliedAsync(store.Database);
            await Eventually.Until(() => Task.FromResult(monitor.Snapshot().All(s => s.Running && s.LagEvents == 0)), TimeSpan.FromSeconds(15), "every slice running and caught up");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    // Sharding keeps entity {slice} of the daemon under /system/sharding/{type}/{shard}/{slice}.
    private static async Task<IActorRef> WorkerAsync(ActorSystem system, int slice)
    {
        var path = $"/system/sharding/sharded-daemon-process-{ProjectionHosting.DaemonName(Scenarios.View)}/*/{slice}";
        return await Eventually.Value(
            async () =>
            {
                // A wildcard selection that matches nothing does not answer at all.
                try { return (await system.ActorSelection(path).Ask<ActorIdentity>(new Identify(slice), TimeSpan.FromSeconds(1))).Subject; }
                catch (AskTimeoutException) { return null; }
            },
            subject => subject is not null,
            TimeSpan.FromSeconds(15),
            $"worker of slice {slice} at {path}") ?? throw new InvalidOperationException("unreachable");
    }
}
