using ActorOrders.Node.Settings;
using ActorOrders.Node.Wiring;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;
using ActorOrders.Node.Tests.Support;

namespace ActorOrders.Node.Tests;

/// <summary>The SQLite file and connections are set up the way measurements found fast and safe (WAL, busy_timeout, synchronous on every connection).</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();

    [Fact]
    public void Preparing_the_store_creates_its_folder_and_switches_the_file_to_wal()
    {
        var nested = Path.Combine(Path.GetDirectoryName(_sqlite.File)!, "nested", "orders.db");

        SqliteStore.Prepare($"Data Source={nested}");

        Pragma($"Data Source={nested}", "journal_mode").ShouldBe("wal");
    }

    [Fact]
    public void Every_connection_the_journal_opens_runs_busy_timeout_and_synchronous()
    {
        var settings = new PersistenceSettings
        {
            ConnectionString = $"Data Source={_sqlite.File}",
            SqliteBusyTimeout = TimeSpan.FromMilliseconds(4321),
            SqliteSynchronous = SqliteSynchronous.Normal,
        };
        SqliteStore.Prepare(settings.ConnectionString);

        using var connection = new DataConnection(SqliteStore.DataOptions(settings));

        connection.Execute<long>("PRAGMA busy_timeout").ShouldBe(4321);
        connection.Execute<long>("PRAGMA synchronous").ShouldBe(1, "NORMAL");
    }

    public void Dispose() => _sqlite.Dispose();

    private static string Pragma(string connectionString, string name)
    {
        using var connection = new SqliteConnection(connectionString + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(command.ExecuteScalar())!;
    }
}
