namespace ActorOrders.Node.Tests.Support;

/// <summary>Settings every test node uses: free ports, short saga timeouts, quiet logs.</summary>
public static class NodeConfig
{
    /// <summary>Attempts of a forward step (AuthorizePayment, …) in <see cref="Defaults"/>.</summary>
    public const int StepMaxAttempts = 3;

    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["urls"] = "http://127.0.0.1:0",
        ["Logging:LogLevel:Default"] = "Warning",
        ["ActorOrders:Cluster:Port"] = "0",
        ["ActorOrders:Cluster:SplitBrainStableAfter"] = "00:00:05",
        ["ActorOrders:Sharding:NumberOfShards"] = "10",
        ["ActorOrders:Participants:MinLatency"] = "00:00:00",
        ["ActorOrders:Participants:MaxLatency"] = "00:00:00.005",
        // Short enough that "noreply" orders give up within seconds, long enough for a busy 2-core machine.
        ["ActorOrders:Saga:Steps:Timeout"] = "00:00:01",
        ["ActorOrders:Saga:Steps:MaxAttempts"] = StepMaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ActorOrders:Saga:Steps:MinBackoff"] = "00:00:00.100",
        ["ActorOrders:Saga:Steps:MaxBackoff"] = "00:00:00.200",
        ["ActorOrders:Saga:Compensations:Timeout"] = "00:00:01",
        ["ActorOrders:Saga:Compensations:MaxAttempts"] = "5",
        ["ActorOrders:Saga:Compensations:MinBackoff"] = "00:00:00.100",
        ["ActorOrders:Saga:Compensations:MaxBackoff"] = "00:00:00.200",
        ["ActorOrders:Http:AskTimeout"] = "00:00:10",
        // Kafka tests turn both on; the others need no broker.
        ["ActorOrders:Kafka:Enabled"] = "false",
        ["ActorOrders:Participants:Mode"] = "Simulated",
    };
}

/// <summary>Where a test node stores its journal.</summary>
public sealed record StoreConfig(IReadOnlyDictionary<string, string?> Settings)
{
    public static StoreConfig Sqlite(string file) => new(new Dictionary<string, string?>
    {
        ["ActorOrders:Persistence:Provider"] = "Sqlite",
        ["ActorOrders:Persistence:ConnectionString"] = $"Data Source={file}",
    });

    public static StoreConfig Postgres(string connectionString) => new(new Dictionary<string, string?>
    {
        ["ActorOrders:Persistence:Provider"] = "PostgreSql",
        ["ActorOrders:Persistence:ConnectionString"] = connectionString,
    });
}

/// <summary>A fresh SQLite file in its own temporary folder, deleted afterwards.</summary>
public sealed class TempSqlite : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actororders-").FullName;

    public string File => Path.Combine(_folder, "journal.db");

    public StoreConfig Store => StoreConfig.Sqlite(File);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* a file still open by a stopping node: the OS temp cleaner gets it */ }
    }
}
