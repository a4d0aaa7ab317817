using ActorOrders.Node.Tests.Support;

namespace ActorOrders.Node.Tests;

/// <summary>The SQLite journal keeps orders across node restarts.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();

    [Fact]
    public Task A_restarted_node_serves_every_order_and_its_history_from_the_sqlite_file() =>
        StoreScenarios.RestartKeepsOrdersAndHistory(_sqlite.Store);

    [Fact]
    public Task The_default_store_creates_its_folder_and_puts_the_file_in_wal_mode()
    {
        var nested = Path.Combine(Path.GetDirectoryName(_sqlite.File)!, "nested", "orders.db");

        Node.Wiring.SqliteStore.Prepare($"Data Source={nested}");

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={nested};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        ((string)command.ExecuteScalar()!).ShouldBe("wal");
        return Task.CompletedTask;
    }

    public void Dispose() => _sqlite.Dispose();
}
