using Akka.Actor;
using Akka.TestKit.Xunit2;
using ActorOrders.Contracts;
using ActorOrders.Projections;
using ActorOrders.ReadSide.ReadModel;
using ActorOrders.ReadSide.Resumption;

namespace ActorOrders.Node.Tests.ReadModel;

/// <summary>
/// The resumer against a real read model (SQLite) and a probe standing for the shard region: a sweep whose asks went
/// to a member that died is dropped when a member is removed, and the orders in flight are asked again at once —
/// not after the asks time out and the interval passes.
/// </summary>
public sealed class ResumerTests : TestKit, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("resumer-").FullName;
    private OrderReadModel _readModel = null!;

    public async Task InitializeAsync()
    {
        var database = new ProjectionDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "rm.db")}");
        _readModel = new OrderReadModel(database);
        await _readModel.EnsureSchemaAsync();
        await using var connection = await database.OpenAsync();
        await using var tx = await database.BeginWriteAsync(connection);
        foreach (var (id, status) in new[] { ("in-flight-1", "AwaitingPayment"), ("in-flight-2", "Compensating"), ("done", "Completed") })
        {
            await using var insert = connection.CreateCommand(tx,
                $"INSERT INTO {OrderReadModelSchema.Table} (order_id, status, customer_id, total, currency, placed_at, updated_at, attempts, last_sequence_nr, state_manifest, state) " +
                "VALUES (@id, @status, 'c1', '10', 'EUR', 1, 1, 0, 1, 'none', @state)");
            insert.AddParameter("id", id);
            insert.AddParameter("status", status);
            insert.AddParameter("state", new byte[] { 0 });
            await insert.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public void A_wake_up_drops_the_sweep_waiting_on_lost_asks_and_asks_every_order_in_flight_again_at_once()
    {
        var region = CreateTestProbe();
        // An hour between sweeps and a minute per ask: without the wake-up nothing is asked again within the test.
        var settings = new ResumerSettings(TimeSpan.FromHours(1), Parallelism: 8, AskTimeout: TimeSpan.FromMinutes(1));
        var resumer = Sys.ActorOf(OrderResumer.Props(_readModel, region.Ref, settings));

        // The first sweep asks both orders in flight (not the finished one); nobody answers, as when they lived on a
        // member that has just died.
        AskedIds(region).ShouldBe(["in-flight-1", "in-flight-2"]);
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        resumer.Tell(OrderResumer.WakeNow.Instance);

        AskedIds(region).ShouldBe(["in-flight-1", "in-flight-2"]);
    }

    private static string[] AskedIds(Akka.TestKit.TestProbe region) =>
        Enumerable.Range(0, 2).Select(_ => region.ExpectMsg<GetOrder>(TimeSpan.FromSeconds(10)).OrderId).Order(StringComparer.Ordinal).ToArray();
}
