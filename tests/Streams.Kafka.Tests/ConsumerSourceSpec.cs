using System.Collections.Concurrent;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Tests.Infrastructure;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorOrders.Streams.Kafka.Tests;

public sealed class ConsumerSourceSpec(ITestOutputHelper output) : KafkaSpec(output)
{
    [Fact]
    public async Task Plain_source_reads_every_record_in_partition_order()
    {
        var topic = NewTopic();
        Produce(topic, 0, 200);

        var (control, records) = KafkaConsumer.PlainSource(ConsumerSettings(NewGroup()), Subscription.Topics(topic))
            .Take(200)
            .ToMaterialized(Sink.Seq<ConsumeResult<string, string>>(), Keep.Both)
            .Run(Materializer);

        var all = await records.WaitAsync(Deadline);
        await control.Shutdown().WaitAsync(Deadline);

        all.Select(r => int.Parse(r.Message.Value)).Order().ShouldBe(Enumerable.Range(0, 200));
        foreach (var partition in all.GroupBy(r => r.Partition.Value))
            partition.Select(r => r.Offset.Value).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task Manual_assignment_with_explicit_offsets_replays_from_those_offsets()
    {
        var topic = NewTopic(2);
        Produce(topic, 0, 40, partitions: 2); // 20 per partition, offsets 0..19
        var subscription = Subscription.Assignment(
            new TopicPartitionOffset(topic, 0, 15), new TopicPartitionOffset(topic, 1, 18));

        var (control, records) = KafkaConsumer.PlainSource(ConsumerSettings(NewGroup()), subscription)
            .Take(7)
            .ToMaterialized(Sink.Seq<ConsumeResult<string, string>>(), Keep.Both)
            .Run(Materializer);

        var all = await records.WaitAsync(Deadline);
        await control.Shutdown().WaitAsync(Deadline);

        all.Where(r => r.Partition == 0).Select(r => r.Offset.Value).ShouldBe([15L, 16, 17, 18, 19]);
        all.Where(r => r.Partition == 1).Select(r => r.Offset.Value).ShouldBe([18L, 19]);
    }
}
