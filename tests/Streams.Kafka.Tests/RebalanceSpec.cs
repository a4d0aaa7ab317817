using System.Collections.Concurrent;
using ActorOrders.Streams.Kafka.Committing;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Settings;
using ActorOrders.Streams.Kafka.Tests.Infrastructure;
using Akka;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorOrders.Streams.Kafka.Tests;

public sealed class RebalanceSpec(ITestOutputHelper output) : KafkaSpec(output)
{
    private sealed record Seen(string Consumer, int Partition, long Offset, int Value);

    [Fact]
    public async Task Two_consumers_in_one_group_rebalancing_mid_stream_lose_nothing_and_keep_partition_order()
    {
        var topic = NewTopic();
        var group = NewGroup();
        Produce(topic, 0, 400);
        var seen = new ConcurrentQueue<Seen>();
        var revokedFromA = new ConcurrentQueue<int>();
        var assignedToB = new ConcurrentQueue<int>();
        var committer = CommitterSettings.Default.WithMaxBatch(20).WithMaxInterval(TimeSpan.FromMilliseconds(100));

        // A: single committable source. B joins later with a partitioned source.
        var settingsA = ConsumerSettings(group).WithMaxBufferedRecords(40)
            .WithRebalanceCallbacks(null, revoked => { foreach (var tp in revoked) revokedFromA.Enqueue(tp.Partition.Value); });
        var (controlA, doneA) = KafkaConsumer.CommittableSource(settingsA, Subscription.Topics(topic))
            .Select(m =>
            {
                seen.Enqueue(new Seen("A", m.Record.Partition.Value, m.Record.Offset.Value, int.Parse(m.Record.Message.Value)));
                return (ICommittable)m.Offset;
            })
            .ToMaterialized(Committer.Sink(committer), Keep.Both)
            .Run(Materializer);
        await Eventually(() => seen.Count >= 200);

        var settingsB = ConsumerSettings(group)
            .WithRebalanceCallbacks(assigned => { foreach (var tp in assigned) assignedToB.Enqueue(tp.Partition.Value); }, null);
        var (controlB, doneB) = KafkaConsumer.CommittablePartitionedSource(settingsB, Subscription.Topics(topic))
            .Via(Flow.Create<(TopicPartition Partition, Source<CommittableMessage<string, string>, NotUsed> Records)>()
                .MergeMany(4, p => p.Records.Select(m =>
                {
                    seen.Enqueue(new Seen("B", m.Record.Partition.Value, m.Record.Offset.Value, int.Parse(m.Record.Message.Value)));
                    return (ICommittable)m.Offset;
                })))
            .ToMaterialized(Committer.Sink(committer), Keep.Both)
            .Run(Materializer);

        await Eventually(() => !assignedToB.IsEmpty && !revokedFromA.IsEmpty);
        Produce(topic, 400, 400);
        await Eventually(() => seen.Select(s => s.Value).Distinct().Count() == 800);

        var revokedMidStream = revokedFromA.Distinct().Order().ToList();
        await controlB.DrainAndShutdown(doneB).WaitAsync(Deadline);
        await controlA.DrainAndShutdown(doneA).WaitAsync(Deadline);

        revokedMidStream.ShouldNotBeEmpty("a rebalance must have happened mid-stream");
        seen.Select(s => s.Value).Distinct().Order().ShouldBe(Enumerable.Range(0, 800));
        foreach (var stream in seen.GroupBy(s => (s.Consumer, s.Partition)))
        {
            var offsets = stream.Select(s => s.Offset).ToList();
            offsets.ShouldBe(offsets.Order().Distinct(), $"order of {stream.Key}");
        }
        seen.Where(s => s.Consumer == "B").Select(s => s.Partition).Distinct().Order().ToList()
            .ShouldBe(revokedMidStream, "B reads exactly the partitions A gave up");
        Committed(group, topic, 4).Values.ShouldAllBe(offset => offset == 200, "every partition committed to its end");
    }
}
