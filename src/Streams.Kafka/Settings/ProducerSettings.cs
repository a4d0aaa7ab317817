using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Event;
using Config = Akka.Configuration.Config;
using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Settings;

/// <summary>What a produce stage does when a message cannot be delivered.</summary>
public enum ProducerErrorMode
{
    /// <summary>The stage fails with a <see cref="ProduceException{TKey,TValue}"/>; nothing after it is emitted.</summary>
    FailStream,

    /// <summary>The failure is emitted as a result carrying the error, and the stream goes on.</summary>
    EmitResult,
}

/// <summary>
/// Settings of the produce flow and sink. Defaults are the safe ones: idempotent producer,
/// <c>acks=all</c>, a bounded number of messages in flight.
/// </summary>
public sealed record ProducerSettings<TKey, TValue>
{
    /// <summary>Stage-level keys accepted by <see cref="FromConfig"/> and <see cref="FromKeyValues"/>.</summary>
    public static readonly IReadOnlySet<string> StageKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "max-in-flight", "error-mode", "flush-timeout",
    };

    // Idempotence gives retries without duplicates or reordering; acks=all waits for the ISR.
    private static readonly ImmutableDictionary<string, string> DefaultProperties =
        ImmutableDictionary<string, string>.Empty
            .Add("enable.idempotence", "true")
            .Add("acks", "all");

    private ProducerSettings() { }

    /// <summary>librdkafka properties.</summary>
    public ImmutableDictionary<string, string> Properties { get; private init; } = DefaultProperties;

    /// <summary>Key serializer; null uses Confluent's built-in one.</summary>
    public ISerializer<TKey>? KeySerializer { get; private init; }

    /// <summary>Value serializer; null uses Confluent's built-in one.</summary>
    public ISerializer<TValue>? ValueSerializer { get; private init; }

    /// <summary>Most messages sent and awaiting their delivery report; upstream is back-pressured beyond it.</summary>
    public int MaxInFlight { get; private init; } = 10_000;

    /// <summary>Whether failed deliveries fail the stream or are emitted as results.</summary>
    public ProducerErrorMode ErrorMode { get; private init; } = ProducerErrorMode.FailStream;

    /// <summary>How long the stage waits for outstanding messages when it stops.</summary>
    public TimeSpan FlushTimeout { get; private init; } = TimeSpan.FromSeconds(30);

    /// <summary>Settings from code.</summary>
    public static ProducerSettings<TKey, TValue> Create(string bootstrapServers) =>
        new ProducerSettings<TKey, TValue>().WithBootstrapServers(bootstrapServers);

    /// <summary>Settings from a HOCON section (stage keys at the top, librdkafka ones under <c>kafka-clients</c>).</summary>
    public static ProducerSettings<TKey, TValue> FromConfig(Config section)
    {
        var (stage, clients) = SettingsReader.FromHocon(section);
        return Build(stage, clients);
    }

    /// <summary>Settings from flat keys: <c>Kafka:max-in-flight</c>, <c>Kafka:kafka-clients:bootstrap.servers</c>.</summary>
    public static ProducerSettings<TKey, TValue> FromKeyValues(IEnumerable<KeyValuePair<string, string?>> pairs, string section = "Kafka")
    {
        var (stage, clients) = SettingsReader.FromKeyValues(pairs, section);
        return Build(stage, clients);
    }

    private static ProducerSettings<TKey, TValue> Build(Dictionary<string, string> stage, Dictionary<string, string> clients)
    {
        SettingsReader.RejectUnknown(stage.Keys, StageKeys);
        if (!clients.TryGetValue("bootstrap.servers", out var servers) || string.IsNullOrWhiteSpace(servers))
            throw new KafkaSettingsException("kafka-clients.bootstrap.servers", "is required");
        var s = new ProducerSettings<TKey, TValue>().WithProperties(clients);
        foreach (var (key, raw) in stage)
        {
            s = key.ToLowerInvariant() switch
            {
                "max-in-flight" => s.WithMaxInFlight(SettingsReader.PositiveInt(key, raw)),
                "error-mode" => s.WithErrorMode(Enum.TryParse<ProducerErrorMode>(raw.Replace("-", ""), true, out var m)
                    ? m : throw new KafkaSettingsException(key, $"expected fail-stream or emit-result, got '{raw}'")),
                "flush-timeout" => s.WithFlushTimeout(SettingsReader.Duration(key, raw)),
                _ => throw new KafkaSettingsException(key, "unknown setting"),
            };
        }
        return s;
    }

    /// <summary>Sets <c>bootstrap.servers</c>.</summary>
    public ProducerSettings<TKey, TValue> WithBootstrapServers(string servers) =>
        string.IsNullOrWhiteSpace(servers)
            ? throw new KafkaSettingsException("bootstrap.servers", "must not be empty")
            : WithProperty("bootstrap.servers", servers);

    /// <summary>Sets any librdkafka property; librdkafka validates it when the producer is built.</summary>
    public ProducerSettings<TKey, TValue> WithProperty(string key, string value)
    {
        if (string.IsNullOrWhiteSpace(key))
            throw new KafkaSettingsException("(empty)", "property names must not be empty");
        return this with { Properties = Properties.SetItem(key, value) };
    }

    /// <summary>Sets several librdkafka properties.</summary>
    public ProducerSettings<TKey, TValue> WithProperties(IEnumerable<KeyValuePair<string, string>> properties) =>
        properties.Aggregate(this, (s, kv) => s.WithProperty(kv.Key, kv.Value));

    /// <summary>See <see cref="MaxInFlight"/>.</summary>
    public ProducerSettings<TKey, TValue> WithMaxInFlight(int value) =>
        this with { MaxInFlight = SettingsReader.Positive("max-in-flight", value) };

    /// <summary>See <see cref="ErrorMode"/>.</summary>
    public ProducerSettings<TKey, TValue> WithErrorMode(ProducerErrorMode mode) => this with { ErrorMode = mode };

    /// <summary>See <see cref="FlushTimeout"/>.</summary>
    public ProducerSettings<TKey, TValue> WithFlushTimeout(TimeSpan value) =>
        this with { FlushTimeout = SettingsReader.PositiveDuration("flush-timeout", value) };

    /// <summary>Sets the serializers.</summary>
    public ProducerSettings<TKey, TValue> WithSerializers(ISerializer<TKey>? key, ISerializer<TValue>? value) =>
        this with { KeySerializer = key, ValueSerializer = value };

    /// <summary>Builds a producer from these settings; a librdkafka property it rejects is reported by name.</summary>
    public IProducer<TKey, TValue> CreateProducer() => CreateProducer(null);

    /// <summary>Builds a producer whose librdkafka logs and errors go to <paramref name="log"/> instead of stderr.</summary>
    internal IProducer<TKey, TValue> CreateProducer(ILoggingAdapter? log)
    {
        var builder = new ProducerBuilder<TKey, TValue>(Properties);
        if (log is not null)
        {
            // Connection failures are retried by librdkafka and surface as delivery errors if they last.
            builder.SetLogHandler((_, m) =>
            {
                if (m.Level <= SyslogLevel.Error) log.Debug("librdkafka [{0}] {1}", m.Facility, m.Message);
            });
            builder.SetErrorHandler((_, e) =>
            {
                if (e.IsFatal || e.Code == ErrorCode.Local_AllBrokersDown) log.Warning("Kafka producer: {0}", e);
                else log.Debug("Kafka producer error: {0}", e);
            });
        }
        if (KeySerializer is not null) builder.SetKeySerializer(KeySerializer);
        if (ValueSerializer is not null) builder.SetValueSerializer(ValueSerializer);
        return ClientFactory.Build(() => builder.Build());
    }
}
