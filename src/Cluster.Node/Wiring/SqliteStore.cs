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
    /// busy_timeout concurrent writers fail or stall on the write lock (FACTS: the biggest single fix).
    /// </summary>
    public static DataOptions DataOptions(PersistenceSettings settings) =>
        new DataOptions()
            .UseConnectionString("SQLite.MS", settings.ConnectionString)
            .UseInterceptor(new PragmaInterceptor(
                $"PRAGMA busy_timeout={(long)settings.SqliteBusyTimeout.TotalMilliseconds}; PRAGMA synchronous={settings.SqliteSynchronous.ToString().ToUpperInvariant()};"));

    // Pragmas belong to the physical connection, which Microsoft.Data.Sqlite pools: run them once
    // per native handle rather than on every Open (every journal read and write opens one).
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
            if (!FirstOpen(connection)) return;
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private bool FirstOpen(DbConnection connection) =>
            connection is not SqliteConnection { Handle: { } handle } || _done.TryAdd(handle, handle);
    }
}
