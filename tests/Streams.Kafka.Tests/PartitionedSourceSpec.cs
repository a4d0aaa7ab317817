using System.Collections.Concurrent;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Tests.Infrastructure;
using Akka;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorOrders.Streams.Kafka.Tests;

public sealed class PartitionedSourceSpec(ITestOutputHelper output) : KafkaSpec(output)
{
    private static Flow<(TopicPartition Partition, Source<ConsumeResult<string, string>, NotUsed> Records), T, NotUsed> Merge<T>(
        Func<(TopicPartition Partition, Source<ConsumeResult<string, string>, NotUsed> Records), Source<T, NotUsed>> f) =>
        Flow.Create<(TopicPartition Partition, Source<ConsumeResult<string, string>, NotUsed> Records)>().MergeMany(8, f);

    [Fact]
    public async Task Each_assigned_partition_gets_its_own_sub_source_carrying_only_its_records_in_order()
    {
        var topic = NewTopic();
        Produce(topic, 0, 200);
        var seen = new ConcurrentQueue<(int SubSource, ConsumeResult<string, string> Record)>();

        var control = KafkaConsumer.PlainPartitionedSource(ConsumerSettings(NewGroup()), Subscription.Topics(topic))
            .Via(Merge(p => p.Records.Select(r =>
            {
                seen.Enqueue((p.Partition.Partition.Value, r));
                return NotUsed.Instance;
            })))
            .To(Sink.Ignore<NotUsed>())
            .Run(Materializer);
        await Eventually(() => seen.Count == 200);
        await control.Shutdown().WaitAsync(Deadline);

        seen.Select(s => s.SubSource).Distinct().Order().ShouldBe([0, 1, 2, 3]);
        seen.ShouldAllBe(s => s.Record.Partition.Value == s.SubSource);
        foreach (var partition in seen.GroupBy(s => s.SubSource))
            partition.Select(s => s.Record.Offset.Value).ShouldBe(Enumerable.Range(0, 50).Select(i => (long)i));
    }

    [Fact]
    public async Task A_cancelled_sub_source_is_replaced_by_one_starting_at_the_first_record_it_did_not_emit()
    {
        var topic = NewTopic(2);
        Produce(topic, 0, 100, partitions: 2);
        var subSources = new ConcurrentDictionary<int, int>();
        var seen = new ConcurrentQueue<ConsumeResult<string, string>>();

        var control = KafkaConsumer.PlainPartitionedSource(ConsumerSettings(NewGroup()), Subscription.Topics(topic))
            .Via(Merge(p =>
            {
                var nth = subSources.AddOrUpdate(p.Partition.Partition.Value, 1, (_, n) => n + 1);
                var records = nth == 1 && p.Partition.Partition.Value == 0 ? p.Records.Take(5) : p.Records;
                return records.Select(r =>
                {
                    seen.Enqueue(r);
                    return NotUsed.Instance;
                });
            }))
            .To(Sink.Ignore<NotUsed>())
            .Run(Materializer);
        await Eventually(() => seen.Count == 100);
        await control.Shutdown().WaitAsync(Deadline);

        subSources[0].ShouldBe(2, "partition 0 got a fresh sub-source after the first one was cancelled");
        seen.Where(r => r.Partition == 0).Select(r => r.Offset.Value).ShouldBe(Enumerable.Range(0, 50).Select(i => (long)i));
        seen.Where(r => r.Partition == 1).Select(r => r.Offset.Value).ShouldBe(Enumerable.Range(0, 50).Select(i => (long)i));
    }

    [Fact]
    public async Task A_partition_without_demand_is_paused_while_the_others_flow()
    {
        const int perPartitionCap = 10;
        var topic = NewTopic();
        Produce(topic, 0, 400);
        var seen = new ConcurrentQueue<ConsumeResult<string, string>>();
        var stalled = new ConcurrentBag<Akka.Streams.ISinkQueue<ConsumeResult<string, string>>>();
        var settings = ConsumerSettings(NewGroup()).WithMaxBufferedRecordsPerPartition(perPartitionCap).WithMaxBufferedRecords(1000);

        var control = KafkaConsumer.PlainPartitionedSource(settings, Subscription.Topics(topic))
            .Via(Merge(p =>
            {
                if (p.Partition.Partition.Value == 0)
                {
                    // Nobody ever pulls from partition 0's sub-source.
                    stalled.Add(p.Records.RunWith(Sink.Queue<ConsumeResult<string, string>>().WithAttributes(Akka.Streams.Attributes.CreateInputBuffer(1, 1)), Materializer));
                    return Source.Empty<NotUsed>();
                }
                return p.Records.Select(r =>
                {
                    seen.Enqueue(r);
                    return NotUsed.Instance;
                });
            }))
            .To(Sink.Ignore<NotUsed>())
            .Run(Materializer);
        await Eventually(() => seen.Count == 300);
        await Eventually(() => control.Metrics.PausedPartitions == 1);
        var buffered = control.Metrics.BufferedRecords;
        await control.Shutdown().WaitAsync(Deadline);

        seen.ShouldAllBe(r => r.Partition != 0);
        buffered.ShouldBeLessThanOrEqualTo(perPartitionCap);
        control.Metrics.PeakBufferedRecords.ShouldBeLessThanOrEqualTo(perPartitionCap * 4);
    }
}
