using ActorOrders.Domain.Saga;
using Microsoft.Data.Sqlite;

namespace ActorOrders.Node.Settings;

/// <summary>Invalid configuration: the message names every offending key.</summary>
public sealed class InvalidSettingsException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Binds and validates <see cref="NodeSettings"/> at start-up, so a bad value stops the node before anything runs.</summary>
public static class SettingsLoader
{
    private const string S = NodeSettings.Section;

    private static readonly (string Key, Type Enum)[] EnumKeys =
    [
        ($"{S}:Persistence:Provider", typeof(PersistenceProvider)),
        ($"{S}:Persistence:SqliteSynchronous", typeof(SqliteSynchronous)),
        ($"{S}:Persistence:TagWriteMode", typeof(TagWriteMode)),
        ($"{S}:Participants:Mode", typeof(ParticipantsMode)),
        ($"{S}:Cluster:Formation", typeof(ClusterFormation)),
        ($"{S}:Cluster:Bootstrap:Discovery", typeof(BootstrapDiscovery)),
    ];

    /// <summary>The validated settings; throws <see cref="InvalidSettingsException"/> naming the keys otherwise.</summary>
    public static NodeSettings Load(IConfiguration configuration)
    {
        var errors = new List<string>();
        foreach (var (key, type) in EnumKeys)
        {
            var raw = configuration[key];
            if (raw is not null && (!Enum.TryParse(type, raw, ignoreCase: true, out _) || int.TryParse(raw, out _)))
                errors.Add($"{key} must be {string.Join(" or ", Enum.GetNames(type))} (was '{raw}').");
        }

        if (errors.Count > 0) throw Fail(errors);

        var settings = new NodeSettings();
        try
        {
            configuration.GetSection(S).Bind(settings);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidSettingsException($"Invalid configuration: {ex.Message}", ex);
        }

        Validate(settings, errors);
        if (errors.Count > 0) throw Fail(errors);
        return settings;
    }

    /// <summary>The saga settings for the order entities.</summary>
    public static SagaSettings ToSagaSettings(this SagaOptions o) => new(
        Policy(o.Steps), Policy(o.Compensations), o.SnapshotEvery, o.PassivateAfter);

    private static RetryPolicy Policy(RetryOptions r) => new(r.Timeout, r.MaxAttempts, r.MinBackoff, r.MaxBackoff, r.Jitter);

    private static void Validate(NodeSettings s, List<string> errors)
    {
        void Check(bool ok, string key, string rule)
        {
            if (!ok) errors.Add($"{S}:{key} {rule}");
        }

        ClusterRules.Validate(s.Cluster, Check);

        Check(s.Sharding.NumberOfShards >= 1, "Sharding:NumberOfShards", "must be at least 1.");

        var p = s.Persistence;
        Check(!string.IsNullOrWhiteSpace(p.ConnectionString), "Persistence:ConnectionString", "is required.");
        if (p.Provider == PersistenceProvider.Sqlite && !string.IsNullOrWhiteSpace(p.ConnectionString))
            Check(SqliteFile(p.ConnectionString) is not null, "Persistence:ConnectionString", "must name an SQLite file (Data Source=path/to/file.db).");
        Check(p.SqliteBusyTimeout >= TimeSpan.Zero, "Persistence:SqliteBusyTimeout", "must not be negative.");
        Check(p.Parallelism is null or >= 1, "Persistence:Parallelism", "must be at least 1.");
        Check(p.BatchSize >= 1, "Persistence:BatchSize", "must be at least 1.");
        Check(p.BufferSize >= p.BatchSize, "Persistence:BufferSize", "must be at least BatchSize.");
        Check(p.MaxConcurrentRecoveries >= 1, "Persistence:MaxConcurrentRecoveries", "must be at least 1.");
        foreach (var key in p.JournalOptions.Keys)
            Check(key.Length > 0 && key.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch is '-' or '.'),
                $"Persistence:JournalOptions:{key}", "must be an Akka.Persistence.Sql journal key (lower case, digits, '-', '.').");

        var q = s.Participants;
        Check(q.MinLatency >= TimeSpan.Zero, "Participants:MinLatency", "must not be negative.");
        Check(q.MaxLatency >= q.MinLatency, "Participants:MaxLatency", "must be at least MinLatency.");
        Check(q.FailureRate is >= 0 and < 1, "Participants:FailureRate", "must be at least 0 and below 1.");

        Check(s.Saga.ResumeInterval >= TimeSpan.FromMilliseconds(100) && s.Saga.ResumeInterval <= TimeSpan.FromMinutes(10), "Saga:ResumeInterval", "must be between 100 ms and 10 minutes.");
        try
        {
            s.Saga.ToSagaSettings().Validated($"{S}:Saga");
        }
        catch (ArgumentException ex)
        {
            errors.Add(ex.Message);
        }

        var r = s.Projections;
        Check(r.Slices is >= 1 and <= 1024, "Projections:Slices", "must be between 1 and 1024 (and never change once events are tagged).");
        Check(r.PollInterval >= TimeSpan.FromMilliseconds(10) && r.PollInterval <= TimeSpan.FromMinutes(1), "Projections:PollInterval", "must be between 10 ms and 1 minute.");
        Check(r.BatchSize is >= 1 and <= 5000, "Projections:BatchSize", "must be between 1 and 5000.");
        Check(r.BatchDelay > TimeSpan.Zero && r.BatchDelay <= TimeSpan.FromSeconds(10), "Projections:BatchDelay", "must be more than 0 and at most 10 seconds.");
        Check(r.KeepAliveInterval >= TimeSpan.FromMilliseconds(100) && r.KeepAliveInterval <= TimeSpan.FromMinutes(1), "Projections:KeepAliveInterval", "must be between 100 ms and 1 minute.");

        var k = s.Kafka;
        Check(s.Participants.Mode != ParticipantsMode.Kafka || k.Enabled, "Participants:Mode", "is Kafka, which needs Kafka:Enabled (set Participants:Mode to Simulated or Remote, or enable Kafka).");
        Check(k.EmbeddedPartitions is >= 1 and <= 1024, "Kafka:EmbeddedPartitions", "must be between 1 and 1024.");
        Check(!string.IsNullOrWhiteSpace(k.ConsumerGroup), "Kafka:ConsumerGroup", "is required.");
        Check(k.Ingest.Parallelism is >= 1 and <= 10_000, "Kafka:Ingest:Parallelism", "must be between 1 and 10000.");
        Check(k.Ingest.MaxAttempts is >= 1 and <= 100, "Kafka:Ingest:MaxAttempts", "must be between 1 and 100.");
        Check(k.Ingest.Backoff >= TimeSpan.Zero && k.Ingest.Backoff <= TimeSpan.FromMinutes(1), "Kafka:Ingest:Backoff", "must be between 0 and 1 minute.");
        Check(k.Ingest.MaxInFlightOrders is >= 1 and <= 1_000_000, "Kafka:Ingest:MaxInFlightOrders", "must be between 1 and 1000000.");
        Check(k.Ingest.InFlightHold >= TimeSpan.FromSeconds(1), "Kafka:Ingest:InFlightHold", "must be at least 1 second.");
        foreach (var (name, topic) in new[] { ("OrdersCommands", k.Topics.OrdersCommands), ("OrdersEvents", k.Topics.OrdersEvents), ("OrdersDlq", k.Topics.OrdersDlq),
                     ("PaymentsCommands", k.Topics.PaymentsCommands), ("PaymentsEvents", k.Topics.PaymentsEvents), ("InventoryCommands", k.Topics.InventoryCommands),
                     ("InventoryEvents", k.Topics.InventoryEvents), ("ShippingCommands", k.Topics.ShippingCommands), ("ShippingEvents", k.Topics.ShippingEvents) })
            Check(!string.IsNullOrWhiteSpace(topic) && topic.Length <= 249 && topic.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-'),
                $"Kafka:Topics:{name}", "must be a Kafka topic name (letters, digits, '.', '_', '-').");
        // An embedded broker is private to its process: two nodes each with their own would never see each other's messages.
        var joinsOthers = s.Cluster.EffectiveFormation == ClusterFormation.Bootstrap || s.Cluster.SeedNodes.Any(seed => !ClusterRules.IsSelf(seed, s.Cluster));
        Check(!(k.Enabled && string.IsNullOrWhiteSpace(k.BootstrapServers) && joinsOthers), "Kafka:BootstrapServers",
            "is required when the node joins other nodes (Cluster:SeedNodes names another member, or Cluster:Formation is Bootstrap): an embedded broker would be private to this node.");

        Check(s.Http.AskTimeout > TimeSpan.Zero, "Http:AskTimeout", "must be positive.");
        Check(s.Http.MaxInFlight >= 1, "Http:MaxInFlight", "must be at least 1.");
        Check(s.Http.MaxBodyBytes >= 1024, "Http:MaxBodyBytes", "must be at least 1024.");
        Check(s.Http.FinishedOrdersInMemory is >= 0 and <= 10_000_000, "Http:FinishedOrdersInMemory", "must be between 0 and 10000000.");

        AdminSettingsRules.Validate(s.Admin, Check);
    }

    /// <summary>The database file of an SQLite connection string, or null when it names none (or memory).</summary>
    public static string? SqliteFile(string connectionString)
    {
        try
        {
            var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
            return string.IsNullOrWhiteSpace(source) || source.Equals(":memory:", StringComparison.OrdinalIgnoreCase) ? null : source;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static InvalidSettingsException Fail(List<string> errors) =>
        new("Invalid configuration: " + string.Join(" ", errors));
}
