using ActorOrders.Projections.Tests.Support;

namespace ActorOrders.Projections.Tests;

public class OffsetStoreTests
{
    [Fact]
    public async Task Sqlite_offset_store()
    {
        await using var store = TestStore.Sqlite();
        await OffsetStoreBehaves(store);
    }

    [PostgresFact]
    public async Task Postgres_offset_store()
    {
        await using var store = await TestStore.PostgresAsync();
        await OffsetStoreBehaves(store);
    }

    private static async Task OffsetStoreBehaves(TestStore store)
    {
        var offsets = new SqlOffsetStore(store.Database);
        // Several nodes creating the table at once (PostgreSQL's IF NOT EXISTS alone would race).
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => offsets.InitializeAsync())));
        await offsets.InitializeAsync();

        (await offsets.LoadAsync("p", 0)).ShouldBe(0);
        (await offsets.IsBackfilledAsync("p", 0)).ShouldBeFalse();

        await offsets.SaveAsync("p", 0, 42);
        await offsets.SaveAsync("p", 0, 17);
        (await offsets.LoadAsync("p", 0)).ShouldBe(42, "an offset never moves backwards");

        await offsets.MarkBackfilledAsync("p", 0);
        (await offsets.IsBackfilledAsync("p", 0)).ShouldBeTrue();
        (await offsets.LoadAsync("p", 0)).ShouldBe(42, "the marker keeps the offset");
        await offsets.SaveAsync("p", 0, 50);
        (await offsets.IsBackfilledAsync("p", 0)).ShouldBeTrue("the offset keeps the marker");

        await using (var connection = await store.Database.OpenAsync())
        {
            await using var tx = await store.Database.BeginWriteAsync(connection);
            await offsets.SaveAsync("p", 0, 99, tx);
            await offsets.SaveAsync("p", 1, 7, tx);
            await tx.RollbackAsync();
        }
        (await offsets.LoadAsync("p", 0)).ShouldBe(50, "a save inside a rolled-back transaction is undone");
        (await offsets.LoadAsync("p", 1)).ShouldBe(0);

        (await offsets.LoadAllAsync("p")).ShouldBe(new Dictionary<int, (long, bool)> { [0] = (50, true) });
        (await offsets.LoadAsync("other", 0)).ShouldBe(0, "projections are separate");
    }
}
