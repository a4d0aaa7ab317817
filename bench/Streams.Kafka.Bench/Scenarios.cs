using System.Diagnostics;
using ActorOrders.Streams.Kafka.Committing;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Producer;
using ActorOrders.Streams.Kafka.Settings;
using ActorOrders.Streams.Kafka.Embedded;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Bench;

/// <summary>
/// The four measured loops. Plain and stage variants use identical client properties:
/// idempotent producer with acks=all and linger.ms=5; consumers commit synchronously every
/// 1,000 messages (highest offset + 1 per partition).
/// </summary>
internal sealed class Scenarios(MockCluster cluster, IMaterializer materializer, int messages, int valueBytes)
{
    // The mock broker keeps only the newest ~5 MB of each partition's log; 64 partitions filled
    // round-robin keep 200,000 x 1 KB (~3.2 MB per partition) whole, so consumers read every record.
    private const int Partitions = 64;
    private const int CommitEvery = 1000;
    private readonly byte[] _value = Enumerable.Repeat((byte)'x', valueBytes).ToArray();

    private Dictionary<string, string> ProducerProperties => new()
    {
        ["bootstrap.servers"] = cluster.BootstrapServers,
        ["enable.idempotence"] = "true",
        ["acks"] = "all",
        ["linger.ms"] = "5",
        ["batch.size"] = "131072",
    };

    private Dictionary<string, string> ConsumerProperties(string group) => new()
    {
        ["bootstrap.servers"] = cluster.BootstrapServers,
        ["group.id"] = group,
        ["enable.auto.commit"] = "false",
        ["enable.auto.offset.store"] = "false",
        ["auto.offset.reset"] = "earliest",
        ["partition.assignment.strategy"] = "cooperative-sticky",
        ["queued.max.messages.kbytes"] = "16384",
        ["max.partition.fetch.bytes"] = "4194304",

    };

    private string NewTopic() => cluster.CreateTopic($"bench-{Guid.NewGuid():N}", Partitions);

    public string SeedTopic()
    {
        var topic = NewTopic();
        using var producer = new ProducerBuilder<Null, byte[]>(ProducerProperties).Build();
        for (var i = 0; i < messages; i++)
            Produce(producer, topic, i);
        if (producer.Flush(TimeSpan.FromMinutes(2)) != 0)
            throw new InvalidOperationException("seeding did not finish");
        using var probe = new ConsumerBuilder<Ignore, byte[]>(ConsumerProperties("probe")).Build();
        var total = Enumerable.Range(0, Partitions)
            .Sum(p => probe.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
        if (total != messages)
            throw new InvalidOperationException($"seeded {total} of {messages} messages");
        return topic;
    }

    public Task<double> PlainProduce()
    {
        var topic = NewTopic();
        using var producer = new ProducerBuilder<Null, byte[]>(ProducerProperties).Build();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
            Produce(producer, topic, i);
        producer.Flush(TimeSpan.FromMinutes(2));
        return Task.FromResult(sw.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The plain loop with what the stage promises per message: a delivery handler that sees
    /// every report (here it counts failures), the fair baseline for a flow that emits on reports.
    /// </summary>
    public Task<double> PlainProduceWithReports()
    {
        var topic = NewTopic();
        using var producer = new ProducerBuilder<Null, byte[]>(ProducerProperties).Build();
        var failed = 0;
        Action<DeliveryReport<Null, byte[]>> onReport = r =>
        {
            if (r.Error.IsError) Interlocked.Increment(ref failed);
        };
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            while (true)
            {
                try
                {
                    producer.Produce(new TopicPartition(topic, i % Partitions), new Message<Null, byte[]> { Value = _value }, onReport);
                    break;
                }
                catch (ProduceException<Null, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }
        producer.Flush(TimeSpan.FromMinutes(2));
        var elapsed = sw.Elapsed.TotalSeconds;
        if (failed > 0)
            throw new InvalidOperationException($"{failed} deliveries failed");
        return Task.FromResult(elapsed);
    }

    private void Produce(IProducer<Null, byte[]> producer, string topic, int i)
    {
        while (true)
        {
            try
            {
                producer.Produce(new TopicPartition(topic, i % Partitions), new Message<Null, byte[]> { Value = _value });
                return;
            }
            catch (ProduceException<Null, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10)); // the plain loop's back-pressure
            }
        }
    }

    public async Task<double> StageProduce()
    {
        var topic = NewTopic();
        var settings = ProducerSettings<Null, byte[]>.Create(cluster.BootstrapServers)
            .WithProperty("linger.ms", "5").WithProperty("batch.size", "131072");
        // Built outside the timed part, like the plain loop's producer.
        using var producer = settings.CreateProducer();
        var sw = Stopwatch.StartNew();
        await Source.From(Enumerable.Range(0, messages))
            .Select(i => new ProducerRecord<Null, byte[]>(new TopicPartition(topic, i % Partitions), new Message<Null, byte[]> { Value = _value }))
            .RunWith(KafkaProducer.PlainSink(settings, producer), materializer);
        return sw.Elapsed.TotalSeconds;
    }

    public Task<double> PlainConsumeCommit(string topic)
    {
        var group = $"plain-{Guid.NewGuid():N}";
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(ConsumerProperties(group)).Build();
        consumer.Subscribe(topic);
        var sw = Stopwatch.StartNew();
        var highest = new Dictionary<TopicPartition, long>();
        for (var n = 1; n <= messages;)
        {
            var r = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (r is null)
                continue;
            highest[r.TopicPartition] = r.Offset.Value;
            if (n % CommitEvery == 0 || n == messages)
            {
                consumer.Commit(highest.Select(kv => new TopicPartitionOffset(kv.Key, kv.Value + 1)));
                highest.Clear();
            }
            n++;
        }
        var elapsed = sw.Elapsed.TotalSeconds;
        consumer.Close();
        VerifyCommittedEverything(topic, group);
        return Task.FromResult(elapsed);
    }

    public async Task<double> StageConsumeCommit(string topic)
    {
        var group = $"stage-{Guid.NewGuid():N}";
        var settings = ConsumerSettings<Ignore, byte[]>.Create(cluster.BootstrapServers, group)
            .WithProperty("auto.offset.reset", "earliest")
            .WithProperty("max.partition.fetch.bytes", "4194304");
        var sw = Stopwatch.StartNew();
        var (control, done) = KafkaConsumer.CommittableSource(settings, Subscription.Topics(topic))
            .Take(messages)
            .Select(m => (ICommittable)m.Offset)
            .ToMaterialized(Committer.Sink(CommitterSettings.Default.WithMaxBatch(CommitEvery)), Keep.Both)
            .Run(materializer);
        await done;
        var elapsed = sw.Elapsed.TotalSeconds;
        await control.Shutdown();
        VerifyCommittedEverything(topic, group);
        return elapsed;
    }

    /// <summary>Outside the timed part: the group must have committed every record, or the run measured less work.</summary>
    private void VerifyCommittedEverything(string topic, string group)
    {
        using var probe = new ConsumerBuilder<Ignore, byte[]>(ConsumerProperties(group)).Build();
        var committed = probe.Committed(Enumerable.Range(0, Partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(30))
            .Sum(c => Math.Max(c.Offset.Value, 0));
        if (committed != messages)
            throw new InvalidOperationException($"group {group} committed {committed} of {messages} records");
    }
}
