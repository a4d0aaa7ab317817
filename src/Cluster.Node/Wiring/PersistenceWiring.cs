using System.Globalization;
using Akka.Hosting;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using ActorOrders.Http;
using ActorOrders.Node.Http;
using ActorOrders.Node.Settings;
using ActorOrders.ReadSide;
using LinqToDB;

namespace ActorOrders.Node.Wiring;

/// <summary>
/// Akka.Persistence.Sql journal, snapshot store and read journal, configured without its
/// .Hosting package (not served here): HOCON built from the settings, the plugin's own
/// defaults as fallback, and linq2db <see cref="DataOptions"/> per plugin for what HOCON cannot say.
/// </summary>
public static class PersistenceWiring
{
    public const string JournalId = "akka.persistence.journal.sql";
    public const string SnapshotStoreId = "akka.persistence.snapshot-store.sql";
    public const string ReadJournalId = "akka.persistence.query.journal.sql";

    /// <summary>The order history over the read journal (a stand-in without queries on the in-memory journal).</summary>
    public static IServiceCollection AddOrderEventReader(this IServiceCollection services, PersistenceSettings settings) =>
        settings.Provider == PersistenceProvider.InMemory
            ? services.AddSingleton<IOrderEventReader, InMemoryOrderEventReader>()
            : services.AddSingleton<IOrderEventReader, JournalOrderEventReader>();

    public static AkkaConfigurationBuilder AddOrderPersistence(this AkkaConfigurationBuilder akka, NodeSettings node)
    {
        var settings = node.Persistence;
        if (settings.Provider == PersistenceProvider.InMemory) return akka.AddHocon(InMemoryHocon, HoconAddMode.Prepend);

        var (provider, connectionString, dataOptions) = settings.Provider switch
        {
            PersistenceProvider.Sqlite => ("SQLite.MS", SqliteStore.Prepare(settings.ConnectionString), SqliteStore.DataOptions(settings)),
            _ => ("PostgreSQL.15", settings.ConnectionString, new DataOptions().UseConnectionString("PostgreSQL.15", settings.ConnectionString)),
        };

        var setup = new MultiDataOptionsSetup();
        foreach (var pluginId in new[] { JournalId, SnapshotStoreId, ReadJournalId })
            setup.AddDataOptions(pluginId, dataOptions);

        if (node.ReadSideEnabled()) akka = akka.AddHocon(OrderSlices.Hocon(node.Projections.Slices), HoconAddMode.Prepend);
        return akka
            .AddHocon(Hocon(settings, node.Projections, provider, connectionString), HoconAddMode.Prepend)
            .AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append)
            .AddSetup(setup);
    }

    private static string Hocon(PersistenceSettings s, ProjectionSettings projections, string provider, string connectionString)
    {
        // A caught-up projection sees a new event after about refresh-interval + query-delay: both follow the poll interval.
        var poll = $"{(long)projections.PollInterval.TotalMilliseconds}ms";
        // The read journal waits query-delay × max-tries for a hole in `ordering` (a write still
        // committing) before it gives up on it: keep that at ~10 s, Akka's default, whatever the poll.
        var maxTries = Math.Max(10, (int)Math.Ceiling(TimeSpan.FromSeconds(10) / projections.PollInterval));
        var parallelism = s.Parallelism ?? (s.Provider == PersistenceProvider.Sqlite ? 1 : 3);
        var tagMode = s.TagWriteMode.ToString();
        // On SQLite a read transaction must be deferred: Microsoft.Data.Sqlite opens every other
        // transaction with BEGIN IMMEDIATE, which takes the single write lock, so each new order's
        // recovery would queue behind (and in front of) the journal's writes. ReadUncommitted is
        // what makes it deferred; in WAL mode without shared cache a reader still sees a committed snapshot.
        var readIsolation = s.Provider == PersistenceProvider.Sqlite ? "read-uncommitted" : "unspecified";
        var common = $"""
            connection-string = {Quote(connectionString)}
            provider-name = "{provider}"
            table-mapping = default
            auto-initialize = {(s.AutoInitialize ? "on" : "off")}
            read-isolation-level = {readIsolation}
            """;
        return string.Create(CultureInfo.InvariantCulture, $$"""
            akka.persistence {
              max-concurrent-recoveries = {{s.MaxConcurrentRecoveries}}
              journal {
                plugin = "{{JournalId}}"
                sql {
                  {{common}}
                  parallelism = {{parallelism}}
                  batch-size = {{s.BatchSize}}
                  buffer-size = {{s.BufferSize}}
                  tag-write-mode = {{tagMode}}
                  {{string.Join("\n", s.JournalOptions.Select(o => $"{o.Key} = {Quote(o.Value)}"))}}
                }
              }
              snapshot-store {
                plugin = "{{SnapshotStoreId}}"
                sql {
                  {{common}}
                }
              }
              query.journal.sql {
                {{common}}
                write-plugin = "{{JournalId}}"
                tag-read-mode = {{tagMode}}
                refresh-interval = {{poll}}
                journal-sequence-retrieval.query-delay = {{poll}}
                journal-sequence-retrieval.max-tries = {{maxTries}}
              }
            }
            """);
    }

    // The SQL plugin ids are kept so sharding and the order actors need no other configuration.
    private const string InMemoryHocon = $$"""
        akka.persistence {
          journal.plugin = "{{JournalId}}"
          journal.sql.class = "Akka.Persistence.Journal.MemoryJournal, Akka.Persistence"
          snapshot-store.plugin = "{{SnapshotStoreId}}"
          snapshot-store.sql.class = "Akka.Persistence.Snapshot.MemorySnapshotStore, Akka.Persistence"
        }
        """;

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
