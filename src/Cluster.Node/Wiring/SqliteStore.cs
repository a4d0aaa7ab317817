using System.Data.Common;
using System.Runtime.CompilerServices;
using ActorOrders.Node.Settings;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.Interceptors;
using Microsoft.Data.Sqlite;

namespace ActorOrders.Node.Wiring;

/// <summary>The SQLite file of the journal: created with WAL before the plugin opens it, and pragmas on every connection.</summary>
public static class SqliteStore
{
    /// <summary>Creates the file's folder and switches the file to WAL (a property of the file, so once is enough).</summary>
    public static string Prepare(string connectionString)
    {
        var file = SettingsLoader.SqliteFile(connectionString)!;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
        return connectionString;
    }

    /// <summary>
    /// linq2db options for the plugins: HOCON cannot set per-connection pragmas, and without
    /// busy_timeout concurrent writers fail or stall on the write lock (measured: the biggest single fix on this journal).
    /// </summary>
    public static DataOptions DataOptions(PersistenceSettings settings) =>
        new DataOptions()
            .UseConnectionString("SQLite.MS", settings.ConnectionString)
            .UseInterceptor(new PragmaInterceptor(
                $"PRAGMA busy_timeout={(long)settings.SqliteBusyTimeout.TotalMilliseconds}; PRAGMA synchronous={settings.SqliteSynchronous.ToString().ToUpperInvariant()};"));

    // Two jobs on every connection the plugins open:
    // 1. Yield. Microsoft.Data.Sqlite's async methods complete synchronously, so the journal's
    //    write stage (BatchWeighted → SelectAsync inside one stream actor) ran each INSERT and
    //    COMMIT inline and could not take in new writes meanwhile: every transaction carried one
    //    row and one fsync. Yielding here lets the work continue on the thread pool while the
    //    stage gathers the next batch — group commit — which took durable throughput from
    //    ~470 to ~1,150 orders/s on 2 cores (docs/performance.md).
    // 2. Pragmas belong to the physical connection, which Microsoft.Data.Sqlite pools: run them
    //    once per native handle rather than on every Open.
    private sealed class PragmaInterceptor(string pragmas) : ConnectionInterceptor
    {
        private readonly ConditionalWeakTable<object, object> _done = new();

        public override void ConnectionOpened(ConnectionEventData eventData, DbConnection connection)
        {
            if (!FirstOpen(connection)) return;
            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (!FirstOpen(connection)) return;
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private bool FirstOpen(DbConnection connection) =>
            connection is not SqliteConnection { Handle: { } handle } || _done.TryAdd(handle, handle);
    }
}
