namespace ActorOrders.Node.Settings;

/// <summary>Everything a deployment may change, bound from the "ActorOrders" section (appsettings.json, then ACTORORDERS__* environment variables).</summary>
public sealed class NodeSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ActorOrders";

    public ClusterSettings Cluster { get; set; } = new();
    public ShardingSettings Sharding { get; set; } = new();
    public PersistenceSettings Persistence { get; set; } = new();
    public ParticipantsSettings Participants { get; set; } = new();
    public SagaOptions Saga { get; set; } = new();
    public ProjectionSettings Projections { get; set; } = new();
    public KafkaSettings Kafka { get; set; } = new();
    public HttpSettings Http { get; set; } = new();
    public AdminSettings Admin { get; set; } = new();
}

/// <summary>The admin API (src/Cluster.Node/Admin): HTTP + JSON under /admin/v1 on a listener of its own, for the console.</summary>
public sealed class AdminSettings
{
    /// <summary>Serve the admin API.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Its listener, http://host:port; port 0 picks a free one (logged), so several nodes can share a host.</summary>
    public string Url { get; set; } = "http://127.0.0.1:9110";

    /// <summary>
    /// The bearer token every request must carry. Required when <see cref="Url"/> binds a
    /// non-loopback address; set it from the environment (ActorOrders__Admin__Token), never in a file of the repository.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>Who the node records as having acted when a request carried the token.</summary>
    public string TokenIdentity { get; set; } = "admin-token";
}

/// <summary>Sharding of the order entities.</summary>
public sealed class ShardingSettings
{
    /// <summary>Number of shards; ~10× the largest expected node count. Never change it on a live cluster.</summary>
    public int NumberOfShards { get; set; } = 100;

    /// <summary>
    /// Akka's remember-entities (event-sourced store). Off by default: it writes a row for every
    /// entity start — an unknown id asked about included — and one for every stop. In-flight
    /// sagas are resumed from the read model instead (<see cref="SagaOptions.ResumeInterval"/>).
    /// </summary>
    public bool RememberEntities { get; set; }
}

/// <summary>Which database stores events and snapshots.</summary>
public enum PersistenceProvider
{
    Sqlite,
    PostgreSql,
    /// <summary>Akka's in-memory journal: NOT durable, no event queries. For benchmarks that separate the framework's cost from the storage's.</summary>
    InMemory,
}

/// <summary>SQLite's synchronous pragma: Full survives a power cut, Normal survives a process crash.</summary>
public enum SqliteSynchronous
{
    Full,
    Normal,
}

/// <summary>How the journal stores tags (Akka.Persistence.Sql tag-write-mode).</summary>
public enum TagWriteMode
{
    Csv,
    TagTable,
}

/// <summary>Akka.Persistence.Sql journal and snapshot store.</summary>
public sealed class PersistenceSettings
{
    public PersistenceProvider Provider { get; set; } = PersistenceProvider.Sqlite;

    /// <summary>ADO.NET connection string; for SQLite the folder of the file is created.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/actororders.db";

    /// <summary>How long an SQLite connection waits for the write lock before failing.</summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>Concurrent journal writes; null = 1 on SQLite (one writer at a time anyway), 3 on PostgreSQL.</summary>
    public int? Parallelism { get; set; }

    /// <summary>Most events written in one journal batch.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Events buffered by the journal before writers are rejected.</summary>
    public int BufferSize { get; set; } = 5000;

    public TagWriteMode TagWriteMode { get; set; } = TagWriteMode.Csv;

    /// <summary>Entities recovering at once (akka.persistence.max-concurrent-recoveries).</summary>
    public int MaxConcurrentRecoveries { get; set; } = 50;

    /// <summary>Create tables when missing.</summary>
    public bool AutoInitialize { get; set; } = true;

    /// <summary>
    /// Further Akka.Persistence.Sql journal keys, passed through as they are (e.g.
    /// "prefer-parameters-on-multirow-insert": "true"): for tuning without a release.
    /// Keys are the plugin's HOCON keys; values are written quoted.
    /// </summary>
    public Dictionary<string, string> JournalOptions { get; set; } = [];
}

/// <summary>The read side: slice tagging of order events and the projections that run on it (the order read model).</summary>
public sealed class ProjectionSettings
{
    /// <summary>Tag order events into slices and run the projections. Off: no tags are written and GET /orders is unavailable (benchmarks only).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Run the projection workers (when <see cref="Enabled"/>). Off: events are tagged but nothing reads them (benchmarks of the tagging cost).</summary>
    public bool RunWorkers { get; set; } = true;

    /// <summary>Number of slices order events are spread over: one projection worker each, spread over the nodes. Never change it once events are tagged.</summary>
    public int Slices { get; set; } = 8;

    /// <summary>How often a caught-up projection asks the journal for new events (the read journal's refresh-interval and query-delay).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Most events handled in one read-model transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a slice gathers events before it writes them (fewer, larger transactions; the list lags by up to this much more).</summary>
    public TimeSpan BatchDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How often ShardedDaemonProcess starts the workers that are not running, e.g. those of a member that died: the
    /// longest a slice stays unprojected after a failover (Akka's default 10 s; the ping costs one message per slice).
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Kafka: the embedded broker or a real cluster, the topics, the clients' properties.</summary>
public sealed class KafkaSettings
{
    /// <summary>Run the Kafka pipelines (publication of orders.events, and what else is configured). Off: no Kafka at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The cluster's bootstrap servers; empty: the node starts librdkafka's mock cluster in-process (the embedded default).</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Any librdkafka property for every client (SASL/SSL included), e.g. <c>Client:security.protocol</c>.</summary>
    public Dictionary<string, string> Client { get; set; } = [];

    /// <summary>The topic names.</summary>
    public KafkaTopics Topics { get; set; } = new();

    /// <summary>Partitions of each topic the embedded broker creates (it keeps only the newest ~5 MB of each partition).</summary>
    public int EmbeddedPartitions { get; set; } = 32;

    /// <summary>Where the embedded broker's addresses are written at start-up, for other clients (kcat, …).</summary>
    public string BootstrapFile { get; set; } = "data/kafka-bootstrap.txt";

    /// <summary>Consumer group of the node's consumers (ingest, participants' replies).</summary>
    public string ConsumerGroup { get; set; } = "actororders";

    /// <summary>The ingest of orders.commands.</summary>
    public KafkaIngestSettings Ingest { get; set; } = new();
}

/// <summary>The ingest of orders.commands: parallelism and the retries before a record is parked.</summary>
public sealed class KafkaIngestSettings
{
    /// <summary>Run it (on every node; the consumer group spreads the partitions).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Records handled at once per node (different orders; one order's records in order).</summary>
    public int Parallelism { get; set; } = 64;

    /// <summary>Attempts of a record whose order does not answer in time before it is parked in the quarantine.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the second attempt; doubles per attempt.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Sagas placed by this node's ingest and not finished yet; beyond it the ingest waits (the backlog stays in Kafka, not in memory).</summary>
    public int MaxInFlightOrders { get; set; } = 1000;

    /// <summary>How long a placement counts as in flight at most (an order that finished on another node does not report back here).</summary>
    public TimeSpan InFlightHold { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>Topic names (documented defaults; every deployment may rename them).</summary>
public sealed class KafkaTopics
{
    public string OrdersCommands { get; set; } = "orders.commands";
    public string OrdersEvents { get; set; } = "orders.events";
    public string OrdersDlq { get; set; } = "orders.dlq";
    public string PaymentsCommands { get; set; } = "payments.commands";
    public string PaymentsEvents { get; set; } = "payments.events";
    public string InventoryCommands { get; set; } = "inventory.commands";
    public string InventoryEvents { get; set; } = "inventory.events";
    public string ShippingCommands { get; set; } = "shipping.commands";
    public string ShippingEvents { get; set; } = "shipping.events";

    /// <summary>The participants' command and reply topics.</summary>
    public Orders.Kafka.Participants.ParticipantTopics Participants() =>
        new(PaymentsCommands, PaymentsEvents, InventoryCommands, InventoryEvents, ShippingCommands, ShippingEvents);

    /// <summary>Every topic name.</summary>
    public IEnumerable<string> All() =>
        [OrdersCommands, OrdersEvents, OrdersDlq, PaymentsCommands, PaymentsEvents, InventoryCommands, InventoryEvents, ShippingCommands, ShippingEvents];
}

/// <summary>Where the saga's requests go.</summary>
public enum ParticipantsMode
{
    /// <summary>In-process simulators with ledgers, reached by actor messages (no Kafka).</summary>
    Simulated,

    /// <summary>The same as <see cref="Simulated"/> (the name the Kafka transport's documentation uses).</summary>
    InProcess = Simulated,

    /// <summary>
    /// The simulators of the participants host (src/Participants.Host), another member of the cluster:
    /// requests go through DistributedPubSub to the paths it registers; no simulator runs in the node.
    /// </summary>
    Remote,

    /// <summary>
    /// Over Kafka, as other teams' services are reached: requests to the participants' command topics,
    /// replies from their event topics. With <see cref="ParticipantsSettings.HostSimulators"/> the node
    /// also runs the simulators behind those topics (the embedded default).
    /// </summary>
    Kafka,
}

/// <summary>The participant services.</summary>
public sealed class ParticipantsSettings
{
    public ParticipantsMode Mode { get; set; } = ParticipantsMode.Kafka;

    /// <summary>Kafka mode: the node itself runs the simulators behind the participants' topics (off when they run elsewhere, e.g. the participants host).</summary>
    public bool HostSimulators { get; set; } = true;

    /// <summary>Shortest simulated reply delay (Simulated mode; the participants host has its own).</summary>
    public TimeSpan MinLatency { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Longest simulated reply delay.</summary>
    public TimeSpan MaxLatency { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Probability (0..1) of a random transient failure per request.</summary>
    public double FailureRate { get; set; }
}

/// <summary>Retry policy of one kind of step (bound form of <c>RetryPolicy</c>).</summary>
public sealed class RetryOptions
{
    public TimeSpan Timeout { get; set; }
    public int MaxAttempts { get; set; }
    public TimeSpan MinBackoff { get; set; }
    public TimeSpan MaxBackoff { get; set; }
    public double Jitter { get; set; }
}

/// <summary>The order saga (bound form of <c>SagaSettings</c>); defaults are <c>SagaSettings.Default</c>.</summary>
public sealed class SagaOptions
{
    public RetryOptions Steps { get; set; } = From(Domain.Saga.SagaSettings.Default.Steps);
    public RetryOptions Compensations { get; set; } = From(Domain.Saga.SagaSettings.Default.Compensations);
    public int SnapshotEvery { get; set; } = Domain.Saga.SagaSettings.Default.SnapshotEvery;
    public TimeSpan PassivateAfter { get; set; } = Domain.Saga.SagaSettings.Default.PassivateAfter;

    /// <summary>
    /// How often the resumer (a cluster singleton on role node) wakes every order the read model
    /// shows in flight, so sagas whose node stopped or died go on without waiting for a message.
    /// </summary>
    public TimeSpan ResumeInterval { get; set; } = TimeSpan.FromSeconds(2);

    private static RetryOptions From(Domain.Saga.RetryPolicy p) => new()
    {
        Timeout = p.Timeout, MaxAttempts = p.MaxAttempts, MinBackoff = p.MinBackoff, MaxBackoff = p.MaxBackoff, Jitter = p.Jitter,
    };
}

/// <summary>The HTTP API.</summary>
public sealed class HttpSettings
{
    /// <summary>How long a request waits for the order to answer before 503.</summary>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Order requests in progress at once; more get 503.</summary>
    public int MaxInFlight { get; set; } = 1000;

    /// <summary>Largest accepted request body in bytes; larger get 413.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Views of orders that finished on this node kept in memory after they passivate (a finished
    /// order never changes), so polling clients read them without waking the order; 0 = none.
    /// </summary>
    public int FinishedOrdersInMemory { get; set; } = 10_000;
}

/// <summary>What the settings imply, in one place.</summary>
public static class SettingsFacts
{
    /// <summary>Events are tagged and the read side exists: on, and a journal with queries (not the in-memory one).</summary>
    public static bool ReadSideEnabled(this NodeSettings s) => s.Projections.Enabled && s.Persistence.Provider != PersistenceProvider.InMemory;

    /// <summary>The projection workers run on this node.</summary>
    public static bool ProjectionWorkersRun(this NodeSettings s) => s.ReadSideEnabled() && s.Projections.RunWorkers;
}
