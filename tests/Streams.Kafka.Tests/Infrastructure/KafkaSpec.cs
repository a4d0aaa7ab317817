using ActorOrders.Streams.Kafka.Embedded;
using ActorOrders.Streams.Kafka.Settings;
using Akka.Configuration;
using Akka.Streams;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorOrders.Streams.Kafka.Tests.Infrastructure;

/// <summary>
/// Base of the integration specs: one mock cluster and one ActorSystem per test, short group
/// timeouts so rebalances and evictions happen within test time, helpers to seed and inspect topics.
/// </summary>
public abstract class KafkaSpec : Akka.TestKit.Xunit2.TestKit
{
    /// <summary>Generous: the machine has 2 cores and other projects' tests may run alongside.</summary>
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly Akka.Configuration.Config SystemConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        """);

    private readonly MockCluster _cluster = new();

    protected KafkaSpec(ITestOutputHelper output) : base(SystemConfig, output: output)
    {
        Materializer = Sys.Materializer();
    }

    protected IMaterializer Materializer { get; }

    internal MockCluster Cluster => _cluster;

    protected string NewTopic(int partitions = 4) => _cluster.CreateTopic($"topic-{Guid.NewGuid():N}", partitions);

    protected static string NewGroup() => $"group-{Guid.NewGuid():N}";

    protected ConsumerSettings<string, string> ConsumerSettings(string group) =>
        ConsumerSettings<string, string>.Create(_cluster.BootstrapServers, group)
            .WithProperty("auto.offset.reset", "earliest")
            // Short: the mock coordinator delays a rejoin by session timeout - 1 s, and an
            // evicted member must be detected within test time.
            .WithProperty("session.timeout.ms", "2500")
            .WithProperty("heartbeat.interval.ms", "250")
            .WithProperty("max.poll.interval.ms", "2500")
            .WithStopTimeout(TimeSpan.FromSeconds(5));

    protected ProducerSettings<string, string> ProducerSettings() =>
        ProducerSettings<string, string>.Create(_cluster.BootstrapServers).WithProperty("linger.ms", "5");

    /// <summary>Writes values <paramref name="from"/>…, value i to partition i % partitions, so each partition's values rise.</summary>
    protected void Produce(string topic, int from, int count, int partitions = 4, int valueBytes = 0)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers, LingerMs = 5 }).Build();
        for (var i = from; i < from + count; i++)
        {
            var value = valueBytes > 0 ? i.ToString().PadRight(valueBytes, '.') : i.ToString();
            producer.Produce(new TopicPartition(topic, i % partitions), new Message<string, string> { Key = i.ToString(), Value = value });
        }
        producer.Flush(Deadline).ShouldBe(0);
    }

    /// <summary>Everything in the topic, read by a plain Confluent consumer, partition by partition.</summary>
    protected List<ConsumeResult<string, string>> ReadAll(string topic, int partitions, int expected)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers, GroupId = NewGroup(), EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow + Deadline;
        while (records.Count < expected && DateTime.UtcNow < deadline)
        {
            var r = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (r is not null)
                records.Add(r);
        }
        return records;
    }

    /// <summary>The group's committed offsets (next offset to read) per partition; -1001 when none.</summary>
    protected Dictionary<int, long> Committed(string group, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers, GroupId = group, EnableAutoCommit = false,
        }).Build();
        return consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), Deadline)
            .ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
    }

    /// <summary>Polls <paramref name="condition"/> every 50 ms until it holds or the deadline passes.</summary>
    protected Task Eventually(Func<bool> condition, TimeSpan? max = null) =>
        AwaitConditionAsync(() => Task.FromResult(condition()), max ?? Deadline, TimeSpan.FromMilliseconds(50));

    protected override void AfterAll()
    {
        base.AfterAll();
        _cluster.Dispose();
    }
}
