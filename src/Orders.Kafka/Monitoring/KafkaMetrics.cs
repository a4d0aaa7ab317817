using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;

namespace ActorOrders.Orders.Kafka.Monitoring;

/// <summary>
/// The <c>ActorOrders.Kafka</c> <see cref="Meter"/>: the Kafka path's figures, exported on the node's
/// <c>/metrics</c> by prometheus-net's meter adapter as <c>actororders_kafka_{instrument}</c> (the
/// same naming as <c>actororders_projections_*</c>). Tags are topic, partition, consumer and group
/// names only — never an order id. Thread-safe; one per node.
/// </summary>
/// <remarks>
/// Instruments: gauge <c>consumer.lag</c> (records not committed, per consumer/group/topic/partition of
/// this node's assignment: sum across nodes), observable counters <c>consumer.records</c> (records
/// handled per consumer) and <c>producer.records</c> (records the node's shared producer delivered,
/// per topic, from librdkafka's statistics), observable counter <c>dead.letters.written</c> (per original topic),
/// gauges <c>dead.letters.open</c> (open rows of the DLQ index: the cluster's, as last counted) and
/// <c>quarantine.records</c> / <c>quarantine.orders</c> (parked records and orders, as this node knows them).
/// Publication lag per slice is <c>actororders_projections_lag_events{projection="orders-events-publisher"}</c>.
/// </remarks>
public sealed class KafkaMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ActorOrders.Kafka";

    private readonly Meter _meter = new(MeterName);
    private readonly ConcurrentDictionary<string, long> _deadLetters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<long>> _consumed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _produced = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<LagSample> _lag = [];
    private Func<long>? _deadLettersOpen;
    private Func<(long Records, long Orders)>? _quarantine;

    /// <summary>One partition's lag as last sampled.</summary>
    public sealed record LagSample(string Consumer, string Group, string Topic, int Partition, long Lag);

    /// <summary>The meter and its instruments.</summary>
    public KafkaMetrics()
    {
        // Observable like the rest: prometheus-net's adapter does not pick up a plain counter of a second meter of the same name in one process (tests run several nodes).
        _meter.CreateObservableCounter("dead.letters.written", () => _deadLetters.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("topic", d.Key))),
            description: "Records this node wrote to the dead-letter topic, by original topic.");
        _meter.CreateObservableGauge("consumer.lag", ObserveLag, description: "Records not committed yet, per consumer group, topic and partition assigned to this node.");
        _meter.CreateObservableCounter("consumer.records", ObserveConsumed, description: "Records handled by this node's Kafka consumers, per consumer.");
        _meter.CreateObservableCounter("producer.records", ObserveProduced, description: "Records delivered by this node's shared producer, per topic (librdkafka statistics).");
        _meter.CreateObservableGauge("dead.letters.open", () => One(_deadLettersOpen?.Invoke()),
            description: "Open dead letters (kafka_dead_letters), as last counted.");
        _meter.CreateObservableGauge("quarantine.records", () => One(_quarantine?.Invoke().Records),
            description: "Records parked in the ingest's ordered quarantine, as this node knows them.");
        _meter.CreateObservableGauge("quarantine.orders", () => One(_quarantine?.Invoke().Orders),
            description: "Orders with parked records, as this node knows them.");
    }

    /// <summary>A dead letter was written for a record of <paramref name="originalTopic"/>.</summary>
    public void DeadLetterWritten(string originalTopic) => _deadLetters.AddOrUpdate(originalTopic, 1, (_, n) => n + 1);

    /// <summary>Reports the records a consumer handled so far (read when exported).</summary>
    public void ObserveConsumer(string consumer, Func<long> handled) => _consumed[consumer] = handled;

    /// <summary>Reports the open dead letters (read when exported).</summary>
    public void ObserveDeadLetters(Func<long> open) => _deadLettersOpen = open;

    /// <summary>Reports the quarantine's parked records and orders (read when exported).</summary>
    public void ObserveQuarantine(Func<(long Records, long Orders)> parked) => _quarantine = parked;

    /// <summary>The lag of every partition of the node's consumers, as sampled now (replaces the previous sample).</summary>
    public void LagSampled(IReadOnlyList<LagSample> lag) => _lag = lag;

    /// <summary>The last lag sample.</summary>
    public IReadOnlyList<LagSample> Lag => _lag;

    /// <summary>Reads the delivered records per topic from one librdkafka statistics document (<c>statistics.interval.ms</c>).</summary>
    public void ProducerStatistics(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("topics", out var topics)) return;
            foreach (var topic in topics.EnumerateObject())
            {
                long sent = 0;
                if (topic.Value.TryGetProperty("partitions", out var partitions))
                {
                    foreach (var p in partitions.EnumerateObject())
                    {
                        if (p.Name != "-1" && p.Value.TryGetProperty("txmsgs", out var tx)) sent += tx.GetInt64();
                    }
                }

                // librdkafka's counters only grow; a topic's partitions it no longer knows must not make it go back.
                _produced.AddOrUpdate(topic.Name, sent, (_, before) => Math.Max(before, sent));
            }
        }
        catch (JsonException)
        {
            // a statistics document librdkafka did not finish: the next one comes within the interval
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> One(long? value)
    {
        if (value is { } v) yield return new Measurement<long>(v);
    }

    private IEnumerable<Measurement<long>> ObserveLag()
    {
        foreach (var s in _lag)
        {
            yield return new Measurement<long>(s.Lag, new KeyValuePair<string, object?>("consumer", s.Consumer), new KeyValuePair<string, object?>("group", s.Group),
                new KeyValuePair<string, object?>("topic", s.Topic), new KeyValuePair<string, object?>("partition", s.Partition.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private IEnumerable<Measurement<long>> ObserveConsumed()
    {
        foreach (var (consumer, handled) in _consumed) yield return new Measurement<long>(handled(), new KeyValuePair<string, object?>("consumer", consumer));
    }

    private IEnumerable<Measurement<long>> ObserveProduced()
    {
        foreach (var (topic, sent) in _produced) yield return new Measurement<long>(sent, new KeyValuePair<string, object?>("topic", topic));
    }
}
