using System.Collections.Immutable;
using Akka.Configuration;
using Config = Akka.Configuration.Config;
using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Settings;

/// <summary>
/// Everything a Kafka source needs: librdkafka properties (passed through untouched, so SASL/SSL
/// and any other client property work) plus the stage's own knobs. Immutable; every
/// <c>With…</c> method validates its argument and names the key when it rejects it.
/// </summary>
public sealed record ConsumerSettings<TKey, TValue>
{
    /// <summary>Stage-level keys accepted by <see cref="FromConfig"/> and <see cref="FromKeyValues"/>.</summary>
    public static readonly IReadOnlySet<string> StageKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "poll-timeout", "max-buffered-records", "max-buffered-records-per-partition", "max-records-per-batch",
        "stop-timeout", "close-timeout", "commit-retries", "commit-retry-backoff", "metadata-timeout",
    };

    private ConsumerSettings() { }

    /// <summary>librdkafka properties, e.g. <c>bootstrap.servers</c>, <c>group.id</c>, <c>sasl.mechanism</c>.</summary>
    public ImmutableDictionary<string, string> Properties { get; private init; } = DefaultProperties;

    /// <summary>Key deserializer; null uses Confluent's built-in one for <typeparamref name="TKey"/>.</summary>
    public IDeserializer<TKey>? KeyDeserializer { get; private init; }

    /// <summary>Value deserializer; null uses Confluent's built-in one for <typeparamref name="TValue"/>.</summary>
    public IDeserializer<TValue>? ValueDeserializer { get; private init; }

    /// <summary>Longest a single <c>Consume</c> call blocks; bounds the latency of commits and control commands.</summary>
    public TimeSpan PollTimeout { get; private init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Cap on records fetched but not yet emitted downstream, over all partitions of one source.</summary>
    public int MaxBufferedRecords { get; private init; } = 1000;

    /// <summary>Cap on records buffered for one partition (matters for partitioned sources).</summary>
    public int MaxBufferedRecordsPerPartition { get; private init; } = 500;

    /// <summary>Most records handed from the polling thread to the stage in one go.</summary>
    public int MaxRecordsPerBatch { get; private init; } = 500;

    /// <summary>After the source stopped or was cancelled, how long the consumer stays alive to serve commits before it shuts itself down.</summary>
    public TimeSpan StopTimeout { get; private init; } = TimeSpan.FromSeconds(30);

    /// <summary>Deadline for closing the consumer; shutdown completes when it passes even if librdkafka has not returned.</summary>
    public TimeSpan CloseTimeout { get; private init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a commit failing with a retryable error is retried.</summary>
    public int CommitRetries { get; private init; } = 10;

    /// <summary>Pause between commit retries.</summary>
    public TimeSpan CommitRetryBackoff { get; private init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Timeout of metadata queries (committed offsets, watermarks) made for lag reports.</summary>
    public TimeSpan MetadataTimeout { get; private init; } = TimeSpan.FromSeconds(5);

    /// <summary>Called on the polling thread after partitions were assigned. Must not block.</summary>
    public Action<IReadOnlyList<TopicPartition>>? OnPartitionsAssigned { get; private init; }

    /// <summary>Called on the polling thread when partitions are revoked or lost. Must not block.</summary>
    public Action<IReadOnlyList<TopicPartition>>? OnPartitionsRevoked { get; private init; }

    /// <summary>Group id, or null when none is set (only manual assignment works then).</summary>
    public string? GroupId => Properties.GetValueOrDefault("group.id");

    // Offsets are committed only by our committer, never by librdkafka behind our back;
    // cooperative-sticky keeps unaffected partitions flowing through a rebalance; the
    // prefetch queue is capped so memory stays bounded while partitions are paused.
    private static readonly ImmutableDictionary<string, string> DefaultProperties =
        ImmutableDictionary<string, string>.Empty
            .Add("enable.auto.commit", "false")
            .Add("enable.auto.offset.store", "false")
            .Add("partition.assignment.strategy", "cooperative-sticky")
            .Add("queued.max.messages.kbytes", "16384");

    /// <summary>Settings from code.</summary>
    public static ConsumerSettings<TKey, TValue> Create(string bootstrapServers, string? groupId = null)
    {
        var s = new ConsumerSettings<TKey, TValue>().WithBootstrapServers(bootstrapServers);
        return groupId is null ? s : s.WithGroupId(groupId);
    }

    /// <summary>
    /// Settings from a HOCON section: stage keys (<c>poll-timeout</c>, <c>max-buffered-records</c>, …)
    /// at the top, librdkafka properties under <c>kafka-clients { bootstrap.servers = "…" }</c>.
    /// </summary>
    public static ConsumerSettings<TKey, TValue> FromConfig(Config section)
    {
        var (stage, clients) = SettingsReader.FromHocon(section);
        return Build(stage, clients);
    }

    /// <summary>
    /// Settings from flat keys such as an <c>IConfiguration</c> section yields:
    /// <c>Kafka:max-buffered-records</c>, <c>Kafka:kafka-clients:bootstrap.servers</c>.
    /// </summary>
    public static ConsumerSettings<TKey, TValue> FromKeyValues(IEnumerable<KeyValuePair<string, string?>> pairs, string section = "Kafka")
    {
        var (stage, clients) = SettingsReader.FromKeyValues(pairs, section);
        return Build(stage, clients);
    }

    private static ConsumerSettings<TKey, TValue> Build(Dictionary<string, string> stage, Dictionary<string, string> clients)
    {
        SettingsReader.RejectUnknown(stage.Keys, StageKeys);
        if (!clients.TryGetValue("bootstrap.servers", out var servers) || string.IsNullOrWhiteSpace(servers))
            throw new KafkaSettingsException("kafka-clients.bootstrap.servers", "is required");
        var s = new ConsumerSettings<TKey, TValue>().WithProperties(clients);
        foreach (var (key, raw) in stage)
        {
            s = key.ToLowerInvariant() switch
            {
                "poll-timeout" => s.WithPollTimeout(SettingsReader.Duration(key, raw)),
                "max-buffered-records" => s.WithMaxBufferedRecords(SettingsReader.PositiveInt(key, raw)),
                "max-buffered-records-per-partition" => s.WithMaxBufferedRecordsPerPartition(SettingsReader.PositiveInt(key, raw)),
                "max-records-per-batch" => s with { MaxRecordsPerBatch = SettingsReader.PositiveInt(key, raw) },
                "stop-timeout" => s.WithStopTimeout(SettingsReader.Duration(key, raw)),
                "close-timeout" => s.WithCloseTimeout(SettingsReader.Duration(key, raw)),
                "commit-retries" => s with { CommitRetries = SettingsReader.NonNegativeInt(key, raw) },
                "commit-retry-backoff" => s with { CommitRetryBackoff = SettingsReader.Duration(key, raw) },
                "metadata-timeout" => s with { MetadataTimeout = SettingsReader.Duration(key, raw) },
                _ => throw new KafkaSettingsException(key, "unknown setting"),
            };
        }
        return s;
    }

    /// <summary>Sets <c>bootstrap.servers</c>.</summary>
    public ConsumerSettings<TKey, TValue> WithBootstrapServers(string servers) =>
        string.IsNullOrWhiteSpace(servers)
            ? throw new KafkaSettingsException("bootstrap.servers", "must not be empty")
            : WithProperty("bootstrap.servers", servers);

    /// <summary>Sets <c>group.id</c>.</summary>
    public ConsumerSettings<TKey, TValue> WithGroupId(string groupId) =>
        string.IsNullOrWhiteSpace(groupId)
            ? throw new KafkaSettingsException("group.id", "must not be empty")
            : WithProperty("group.id", groupId);

    /// <summary>Sets any librdkafka property; librdkafka validates it when the consumer is built.</summary>
    public ConsumerSettings<TKey, TValue> WithProperty(string key, string value)
    {
        if (string.IsNullOrWhiteSpace(key))
            throw new KafkaSettingsException("(empty)", "property names must not be empty");
        return this with { Properties = Properties.SetItem(key, value) };
    }

    /// <summary>Sets several librdkafka properties.</summary>
    public ConsumerSettings<TKey, TValue> WithProperties(IEnumerable<KeyValuePair<string, string>> properties) =>
        properties.Aggregate(this, (s, kv) => s.WithProperty(kv.Key, kv.Value));

    /// <summary>See <see cref="PollTimeout"/>.</summary>
    public ConsumerSettings<TKey, TValue> WithPollTimeout(TimeSpan value) =>
        this with { PollTimeout = SettingsReader.PositiveDuration("poll-timeout", value) };

    /// <summary>See <see cref="MaxBufferedRecords"/>.</summary>
    public ConsumerSettings<TKey, TValue> WithMaxBufferedRecords(int value) =>
        this with { MaxBufferedRecords = SettingsReader.Positive("max-buffered-records", value) };

    /// <summary>See <see cref="MaxBufferedRecordsPerPartition"/>.</summary>
    public ConsumerSettings<TKey, TValue> WithMaxBufferedRecordsPerPartition(int value) =>
        this with { MaxBufferedRecordsPerPartition = SettingsReader.Positive("max-buffered-records-per-partition", value) };

    /// <summary>See <see cref="MaxRecordsPerBatch"/>.</summary>
    public ConsumerSettings<TKey, TValue> WithMaxRecordsPerBatch(int value) =>
        this with { MaxRecordsPerBatch = SettingsReader.Positive("max-records-per-batch", value) };

    /// <summary>See <see cref="StopTimeout"/>.</summary>
    public ConsumerSettings<TKey, TValue> WithStopTimeout(TimeSpan value) =>
        this with { StopTimeout = SettingsReader.PositiveDuration("stop-timeout", value) };

    /// <summary>See <see cref="CloseTimeout"/>.</summary>
    public ConsumerSettings<TKey, TValue> WithCloseTimeout(TimeSpan value) =>
        this with { CloseTimeout = SettingsReader.PositiveDuration("close-timeout", value) };

    /// <summary>See <see cref="CommitRetries"/> and <see cref="CommitRetryBackoff"/>.</summary>
    public ConsumerSettings<TKey, TValue> WithCommitRetries(int retries, TimeSpan backoff) =>
        retries < 0
            ? throw new KafkaSettingsException("commit-retries", "must not be negative")
            : this with { CommitRetries = retries, CommitRetryBackoff = SettingsReader.PositiveDuration("commit-retry-backoff", backoff) };

    /// <summary>Sets the deserializers.</summary>
    public ConsumerSettings<TKey, TValue> WithDeserializers(IDeserializer<TKey>? key, IDeserializer<TValue>? value) =>
        this with { KeyDeserializer = key, ValueDeserializer = value };

    /// <summary>User callbacks for assignment changes; they run on the polling thread and must not block.</summary>
    public ConsumerSettings<TKey, TValue> WithRebalanceCallbacks(
        Action<IReadOnlyList<TopicPartition>>? onAssigned, Action<IReadOnlyList<TopicPartition>>? onRevoked) =>
        this with { OnPartitionsAssigned = onAssigned, OnPartitionsRevoked = onRevoked };

    /// <summary>Checks the combination of settings a source of the given kind needs.</summary>
    internal void Validate(bool committable, bool subscribes)
    {
        if (!Properties.ContainsKey("bootstrap.servers"))
            throw new KafkaSettingsException("bootstrap.servers", "is required");
        if ((committable || subscribes) && string.IsNullOrWhiteSpace(GroupId))
            throw new KafkaSettingsException("group.id", "is required to subscribe or to commit offsets");
        if (committable && IsTrue("enable.auto.commit"))
            throw new KafkaSettingsException("enable.auto.commit", "must be false for committable sources: offsets are committed by the committer");
    }

    private bool IsTrue(string key) =>
        Properties.TryGetValue(key, out var v) && v.Equals("true", StringComparison.OrdinalIgnoreCase);
}
