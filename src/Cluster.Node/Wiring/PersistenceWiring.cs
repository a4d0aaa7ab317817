using System.Globalization;
using Akka.Hosting;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using ActorOrders.Node.Settings;
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

    public static AkkaConfigurationBuilder AddOrderPersistence(this AkkaConfigurationBuilder akka, PersistenceSettings settings)
    {
        var (provider, connectionString, dataOptions) = settings.Provider switch
        {
            PersistenceProvider.Sqlite => ("SQLite.MS", SqliteStore.Prepare(settings.ConnectionString), SqliteStore.DataOptions(settings)),
            _ => ("PostgreSQL.15", settings.ConnectionString, new DataOptions().UseConnectionString("PostgreSQL.15", settings.ConnectionString)),
        };

        var setup = new MultiDataOptionsSetup();
        foreach (var pluginId in new[] { JournalId, SnapshotStoreId, ReadJournalId })
            setup.AddDataOptions(pluginId, dataOptions);

        return akka
            .AddHocon(Hocon(settings, provider, connectionString), HoconAddMode.Prepend)
            .AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append)
            .AddSetup(setup);
    }

    private static string Hocon(PersistenceSettings s, string provider, string connectionString)
    {
        var parallelism = s.Parallelism ?? (s.Provider == PersistenceProvider.Sqlite ? 1 : 3);
        var tagMode = s.TagWriteMode.ToString();
        var common = $"""
            connection-string = {Quote(connectionString)}
            provider-name = "{provider}"
            table-mapping = default
            auto-initialize = {(s.AutoInitialize ? "on" : "off")}
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
              }
            }
            """);
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
