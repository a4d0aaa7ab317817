using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorOrders.Projections;

/// <summary>
/// The SQL database of the projections: the journal's database, holding the offsets and whatever
/// tables the handlers write. Opens connections and transactions the way each provider needs them.
/// Thread-safe; create one per database and share it.
/// </summary>
/// <remarks>
/// <para>Every method does its database work off the caller's thread (it yields first):
/// Microsoft.Data.Sqlite's async methods complete synchronously, and a lock wait of up to
/// <c>busy_timeout</c> must not block an actor or a stream stage.</para>
/// <para>SQLite allows one writer at a time: <see cref="BeginWriteAsync"/> starts with
/// <c>BEGIN IMMEDIATE</c>, which takes the write lock up front (waiting up to busy_timeout), so two
/// writers never deadlock upgrading a read lock; <see cref="BeginReadAsync"/> starts a deferred
/// transaction, which never waits for writers in WAL mode.</para>
/// </remarks>
public sealed class ProjectionDatabase
{
    private readonly string _pragmas;
    private readonly ConditionalWeakTable<object, object> _prepared = new();

    /// <summary>Describes the database; nothing is opened yet.</summary>
    /// <param name="provider">SQLite or PostgreSQL.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite or Npgsql connection string.</param>
    /// <param name="sqliteBusyTimeout">SQLite: how long a statement waits for a lock (<c>PRAGMA busy_timeout</c>); default 5 s.</param>
    /// <param name="sqliteSynchronous">SQLite: <c>PRAGMA synchronous</c>; default <see cref="SqliteSynchronous.Full"/>.</param>
    public ProjectionDatabase(
        DatabaseProvider provider,
        string connectionString,
        TimeSpan? sqliteBusyTimeout = null,
        SqliteSynchronous sqliteSynchronous = SqliteSynchronous.Full)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (!Enum.IsDefined(provider)) throw new ArgumentOutOfRangeException(nameof(provider), provider, "Sqlite or PostgreSql.");
        if (!Enum.IsDefined(sqliteSynchronous)) throw new ArgumentOutOfRangeException(nameof(sqliteSynchronous), sqliteSynchronous, "Full or Normal.");
        var busy = sqliteBusyTimeout ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThan(busy, TimeSpan.Zero, nameof(sqliteBusyTimeout));

        Provider = provider;
        ConnectionString = connectionString;
        Dialect = provider == DatabaseProvider.Sqlite ? SqlDialect.Sqlite : SqlDialect.PostgreSql;
        _pragmas = $"PRAGMA busy_timeout={(long)busy.TotalMilliseconds}; PRAGMA synchronous={sqliteSynchronous.ToString().ToUpperInvariant()};";
    }

    /// <summary>SQLite or PostgreSQL.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The connection string given.</summary>
    public string ConnectionString { get; }

    /// <summary>What differs between the providers.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>
    /// An open connection (pooled by the provider); on SQLite with busy_timeout and synchronous
    /// applied (once per native connection). Dispose it to return it to the pool.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        await Task.Yield();
        DbConnection connection = Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(ConnectionString)
            : new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            if (connection is SqliteConnection { Handle: { } handle } && _prepared.TryAdd(handle, handle))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = _pragmas;
                await command.ExecuteNonQueryAsync(ct);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A transaction that will write: SQLite <c>BEGIN IMMEDIATE</c>, PostgreSQL read committed.</summary>
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await Task.Yield();
        return connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
    }

    /// <summary>A transaction that only reads: SQLite deferred (a WAL snapshot, no write lock), PostgreSQL read committed.</summary>
    public async Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await Task.Yield();
        return connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
    }

    /// <summary>
    /// Runs idempotent DDL (<c>CREATE … IF NOT EXISTS</c>; several statements allowed) so that nodes
    /// starting at once do not trip over each other: in one write transaction, on PostgreSQL under
    /// a transaction-scoped advisory lock (its <c>IF NOT EXISTS</c> is not safe under concurrency:
    /// two sessions can both decide to create and one fails on a catalog unique index).
    /// </summary>
    public async Task ExecuteDdlAsync(string ddl, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ddl);
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        if (Provider == DatabaseProvider.PostgreSql)
        {
            await using var lockCommand = connection.CreateCommand(tx, "SELECT pg_advisory_xact_lock(@key)");
            lockCommand.AddParameter("key", DdlLockKey);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        await using (var command = connection.CreateCommand(tx, ddl))
            await command.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    // Any fixed number: it only has to be the same on every node ("ActorOrd" in ASCII).
    private const long DdlLockKey = 0x4163746F724F7264;

    /// <inheritdoc />
    public override string ToString() => $"{Provider} projection database";
}
