using Akka.Configuration;
using Akka.Persistence.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorOrders.Projections.Tests.Support;

/// <summary>
/// A fresh journal database for one test: a SQLite file (WAL) in its own folder, or a PostgreSQL
/// database of its own on the server of ACTORORDERS_POSTGRES. Gives the actor system config of an
/// Akka.Persistence.Sql journal on it and the <see cref="ProjectionDatabase"/>.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const int SliceCount = 4;
    public const string TagPrefix = "toy-slice";

    private readonly Func<ValueTask> _dispose;

    private TestStore(DatabaseProvider provider, string connectionString, Func<ValueTask> dispose)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Database = new ProjectionDatabase(provider, connectionString, TimeSpan.FromSeconds(5), SqliteSynchronous.Normal);
        _dispose = dispose;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public ProjectionDatabase Database { get; }

    public static Task<TestStore> CreateAsync(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? Task.FromResult(Sqlite()) : PostgresAsync();

    public static TestStore Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("projections-").FullName;
        var connectionString = $"Data Source={Path.Combine(folder, "journal.db")}";
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();
        }

        return new TestStore(DatabaseProvider.Sqlite, connectionString, () =>
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a connection of a stopping system still open: the OS temp cleaner gets it */ }
            return ValueTask.CompletedTask;
        });
    }

    public static async Task<TestStore> PostgresAsync()
    {
        var admin = PostgresFactAttribute.ConnectionString
            ?? throw new InvalidOperationException($"{PostgresFactAttribute.Variable} must be set to an Npgsql connection string (CI=true requires it).");
        var name = $"projections_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var own = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new TestStore(DatabaseProvider.PostgreSql, own, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        });
    }

    /// <summary>
    /// The actor system config: journal, snapshot store and read journal on this database, the toy
    /// serializer, the toy slicing settings, and the tagger bound unless <paramref name="tagging"/> is false.
    /// Fast read-journal polling so that tests see events within a fraction of a second.
    /// </summary>
    public Config Config(bool tagging = true, string tagMode = "Csv", string? extra = null)
    {
        var sqlite = Provider == DatabaseProvider.Sqlite;
        var common = $"""
            connection-string = "{ConnectionString.Replace("\\", "\\\\", StringComparison.Ordinal)}"
            provider-name = "{(sqlite ? "SQLite.MS" : "PostgreSQL.15")}"
            table-mapping = default
            auto-initialize = on
            read-isolation-level = {(sqlite ? "read-uncommitted" : "unspecified")}
            """;
        var hocon = $$"""
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            akka.actor.serializers.toy = "{{typeof(ToySerializer).FullName}}, {{typeof(ToySerializer).Assembly.GetName().Name}}"
            akka.actor.serialization-bindings { "{{typeof(ToyEvent).FullName}}, {{typeof(ToyEvent).Assembly.GetName().Name}}" = toy }
            actororders.projections.toy { slice-count = {{SliceCount}}, tag-prefix = "{{TagPrefix}}" }
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  {{common}}
                  parallelism = {{(sqlite ? 1 : 3)}}
                  tag-write-mode = {{tagMode}}
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql { {{common}} }
              }
              query.journal.sql {
                {{common}}
                write-plugin = "akka.persistence.journal.sql"
                tag-read-mode = {{tagMode}}
                refresh-interval = 200ms
                journal-sequence-retrieval.query-delay = 200ms
              }
            }
            {{(tagging ? SliceTagger.BindingHocon<ToyTagger, ToyEvent>() : "")}}
            {{extra ?? ""}}
            """;
        return ConfigurationFactory.ParseString(hocon).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    public ValueTask DisposeAsync() => _dispose();
}
